/**
 * Fixtures for the organisation-isolation tests: one row of every organisation model, with every
 * relation between them filled in (so that each relation has a row on both sides).
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { ORG_MODELS, orgDb, organisationSchema, type OrgDb, type OrgModel, type OrgTx } from "@/lib/db/scoped";
import { createOrganisation } from "@/lib/db/platform";
import { organisationSettingsSchema } from "@/lib/organisation/settings";
import { SYSTEM_ACTOR } from "@/lib/audit/events";

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

/** The id of the one row of each organisation model (a type error here means: add the new model). */
export type Ids = Record<OrgModel, string>;

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

export async function populate(tx: OrgTx, tag: string): Promise<Ids> {
  const organisationId = tx.organisationId;
  const kode = await tx.kode.create({ data: { organisationId, type: "OPSIGELSESVARSEL", value: "3M1", codeText: `3 måneder ${tag}`, rule: { months: 3, anchor: "first" } } });
  const selskab = await tx.selskab.create({ data: { organisationId, nr: 1, name: `Selskab ${tag}` } });
  const ejendom = await tx.ejendom.create({ data: { organisationId, selskabId: selskab.id, nr: 1, name: `Ejendom ${tag}` } });
  const lejemaal = await tx.lejemaal.create({
    data: { organisationId, ejendomId: ejendom.id, nr: 1, address1: `Vej ${tag}`, postalCode: "1000", city: "By", boligtypeId: kode.id, sumtypeId: kode.id },
  });
  // A sub-lease of the lease unit, so that Lejemaal.biLejemaal has a row.
  await tx.lejemaal.create({ data: { organisationId, ejendomId: ejendom.id, nr: 2, address1: `Garage ${tag}`, postalCode: "1000", city: "By", mainLejemaalId: lejemaal.id } });
  const person = await tx.person.create({ data: { organisationId, name: `Person ${tag}`, cprHash: `hash-${tag}` } });
  const lejer = await tx.lejer.create({
    data: { organisationId, lejemaalId: lejemaal.id, nr: 2, moveInDate: d("2020-01-01"), noticeRuleId: kode.id, renovationDays: 14, legalTenant1Id: person.id, legalTenant2Id: person.id },
  });
  const opsigelse = await tx.opsigelse.create({ data: { organisationId, lejerId: lejer.id, idempotencyKey: `key-${tag}` } });
  const signature = await tx.signature.create({
    data: { organisationId, opsigelseId: opsigelse.id, personId: person.id, signerRole: "LEGAL_TENANT_1", signingOrder: 1, name: person.name, subjectHash: `sub-${tag}`, contentHash: "0".repeat(64) },
  });
  const document = await tx.document.create({
    data: { organisationId, lejerId: lejer.id, opsigelseId: opsigelse.id, folder: "Opsigelse – Fraflytning", title: `Bekræftelse ${tag}`, kind: "confirmation", contentType: "application/pdf" },
  });
  const user = await tx.user.create({ data: { organisationId, email: `staff@${tag}.example`, name: `Staff ${tag}`, passwordHash: "x", totpSecretEnc: "x", roles: ["CASEWORKER"] } });
  const todo = await tx.todo.create({ data: { organisationId, kind: "CONFIRM_NOTICE", opsigelseId: opsigelse.id, lejerId: lejer.id, completedById: user.id } });
  const auditLog = await tx.auditLog.create({ data: { organisationId, type: "SETTINGS_UPDATED", actorType: "SYSTEM", actorLabel: "test" } });
  const job = await tx.job.create({ data: { organisationId, name: "send-mail", version: 1, key: `job-${tag}`, payload: {}, maxAttempts: 5 } });
  const signingLink = await tx.signingLink.create({
    data: { organisationId, opsigelseId: opsigelse.id, signerRole: "tenant2", tokenHash: `token-${tag}-${randomUUID()}`, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const moveOutCase = await tx.moveOutCase.create({ data: { organisationId, opsigelseId: opsigelse.id } });
  const userInvite = await tx.userInvite.create({
    data: { organisationId, userId: user.id, tokenHash: `invite-${tag}-${randomUUID()}`, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const importRun = await tx.importRun.create({ data: { organisationId, fileName: `lejere-${tag}.csv`, contentType: "text/csv" } });
  const apiToken = await tx.apiToken.create({
    data: { organisationId, userId: user.id, tokenHash: `api-${tag}-${randomUUID()}`, issuedAt: new Date(), expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const automationAccess = await tx.automationAccess.create({ data: { organisationId, requestedAt: new Date(), requestedById: user.id } });
  const automationTermsAcceptance = await tx.automationTermsAcceptance.create({
    data: { organisationId, termsVersion: 1, acceptedById: user.id, acceptedByName: user.name, acceptedAt: new Date(), locale: "da" },
  });
  const automationRequest = await tx.automationRequest.create({ data: { organisationId, userId: user.id, at: new Date(), method: "GET", path: "/api/v1/x/todos", status: 200 } });
  const webhookEndpoint = await tx.webhookEndpoint.create({ data: { organisationId, url: `https://hooks.${tag}.example/fraflyt`, events: ["notice.submitted"], secretEnc: "x" } });
  const webhookDelivery = await tx.webhookDelivery.create({ data: { organisationId, endpointId: webhookEndpoint.id, event: "notice.submitted", payload: {} } });
  const webhookAttempt = await tx.webhookAttempt.create({
    data: { organisationId, deliveryId: webhookDelivery.id, number: 1, at: new Date(), url: webhookEndpoint.url, requestHeaders: {}, requestBody: "{}", responseStatus: 200, durationMs: 1 },
  });
  // ---- updates (issue 13)
  const automationReport = await tx.automationReport.create({
    data: { organisationId, accountId: user.id, todoId: todo.id, text: `report ${tag}`, reportedById: user.id, reportedByName: user.name, reportedAt: new Date() },
  });
  const ids: Ids = {
    Selskab: selskab.id,
    Ejendom: ejendom.id,
    Lejemaal: lejemaal.id,
    Lejer: lejer.id,
    Person: person.id,
    Kode: kode.id,
    Opsigelse: opsigelse.id,
    Signature: signature.id,
    Document: document.id,
    Todo: todo.id,
    User: user.id,
    AuditLog: auditLog.id,
    Job: job.id,
    SigningLink: signingLink.id,
    MoveOutCase: moveOutCase.id,
    UserInvite: userInvite.id,
    ImportRun: importRun.id,
    ApiToken: apiToken.id,
    AutomationAccess: automationAccess.id,
    AutomationTermsAcceptance: automationTermsAcceptance.id,
    AutomationRequest: automationRequest.id,
    WebhookEndpoint: webhookEndpoint.id,
    WebhookDelivery: webhookDelivery.id,
    WebhookAttempt: webhookAttempt.id,
    // ---- updates (issue 13): a report about an automation account's to-do
    AutomationReport: automationReport.id,
  };
  const missing = ORG_MODELS.filter((m) => typeof ids[m] !== "string");
  if (missing.length) throw new Error(`tests/support/org-fixtures.ts: populate() creates no row of ${missing.join(", ")}`);
  return ids;
}

/** A harmless change per model, to try against the other organisation's row. */
export const CHANGE: Record<OrgModel, Record<string, unknown>> = {
  Selskab: { name: "hacked" },
  Ejendom: { name: "hacked" },
  Lejemaal: { address1: "hacked" },
  Lejer: { renovationDays: 99 },
  Person: { name: "hacked" },
  Kode: { codeText: "hacked" },
  Opsigelse: { status: "CANCELLED" },
  Signature: { name: "hacked" },
  Document: { title: "hacked" },
  Todo: { status: "CANCELLED" },
  User: { name: "hacked" },
  AuditLog: { actorLabel: "hacked" },
  Job: { lastError: "hacked" },
  SigningLink: { email: "hacked@example.com" },
  MoveOutCase: { phase: "FINISHED" },
  UserInvite: { purpose: "reset-totp" },
  ImportRun: { fileName: "hacked.csv" },
  ApiToken: { ip: "203.0.113.66" },
  AutomationAccess: { note: "hacked" },
  AutomationTermsAcceptance: { locale: "en" },
  AutomationRequest: { status: 599 },
  WebhookEndpoint: { description: "hacked" },
  WebhookDelivery: { status: "failed" },
  WebhookAttempt: { error: "hacked" },
  AutomationReport: { text: "hacked" },
};

export type TwoOrganisations = { orgA: string; orgB: string; dbA: OrgDb; dbB: OrgDb; a: Ids; b: Ids };

/** Two fresh organisations A and B, each with one row of every organisation model. */
export async function twoPopulatedOrganisations(prisma: Db, prefix: string): Promise<TwoOrganisations> {
  const settings = organisationSettingsSchema.parse({});
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const A = await createOrganisation(prisma, { slug: `${prefix}-a-${stamp}`, name: "A", settings }, { actor: SYSTEM_ACTOR });
  const B = await createOrganisation(prisma, { slug: `${prefix}-b-${stamp}`, name: "B", settings }, { actor: SYSTEM_ACTOR });
  const dbA = orgDb(A.id, prisma);
  const dbB = orgDb(B.id, prisma);
  const a = await dbA.$transaction((tx) => populate(tx, "a"));
  const b = await dbB.$transaction((tx) => populate(tx, "b"));
  return { orgA: A.id, orgB: B.id, dbA, dbB, a, b };
}

/**
 * Every row of every organisation table of one organisation, as JSON text, for before/after
 * comparisons — one query (the tables from the schema metadata), read past the accessor.
 */
export async function snapshotOrganisation(prisma: Db, organisationId: string): Promise<Record<string, string[]>> {
  const tables = [...organisationSchema(prisma).tables.values()];
  const sql = tables
    .map((t, i) => `SELECT ${i} AS t, to_jsonb(x)::text AS row FROM "${t.replace(/"/g, '""')}" x WHERE x."organisationId" = $1::uuid`)
    .join(" UNION ALL ");
  const rows = await prisma.$queryRawUnsafe<{ t: number; row: string }[]>(`${sql} ORDER BY 1, 2`, organisationId);
  const out: Record<string, string[]> = Object.fromEntries(tables.map((t) => [t, [] as string[]]));
  for (const r of rows) out[tables[Number(r.t)]!]!.push(r.row);
  return out;
}
