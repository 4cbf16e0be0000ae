/**
 * A fresh organisation ready for automation, written straight into a database: automation access
 * approved by the operator (or not), the current terms accepted, a "Manage users" person (who can
 * sign in: DEMO_PASSWORD and the returned TOTP secret), N automation accounts each with an API key
 * and an enrolled TOTP secret, and optionally submitted notices with their confirm-notice to-dos
 * and tenancies lacking data with their provide-tenancy-details to-dos. For the automation tests
 * (vitest integration in-process; Playwright through tests/e2e/fixtures/automation-world.ts).
 * Each call makes its own organisation, so parallel test files never share one.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { createOrganisation } from "@/lib/db/platform";
import { orgDb, type OrgDb } from "@/lib/db/scoped";
import { organisationSettingsSchema } from "@/lib/organisation/settings";
import { SYSTEM_ACTOR } from "@/lib/audit/events";
import { encryptSecret, hashPassword } from "@/lib/crypto";
import { newTotpSecret } from "@/lib/auth/totp";
import { newApiKey } from "@/lib/automation/keys";
import { currentTerms } from "@/lib/automation/terms";
import { DEMO_PASSWORD } from "@/lib/demo/staff";
import { toJsonValue } from "@/lib/json";
import { syncTenancyDetailsTodos } from "@/lib/todos/tenancy-details-sync";
import { submittedNotice, FIXTURE_DATES } from "./submitted-notice";

export type WorldAccount = { id: string; email: string; name: string; apiKey: string; totpSecret: string };
export type AutomationWorld = {
  orgId: string;
  slug: string;
  name: string;
  manager: { id: string; email: string; password: string; totpSecret: string };
  accounts: WorldAccount[];
  /** Submitted notices, each with its OPEN confirm-notice to-do. */
  notices: { noticeId: string; lejerId: string; todoId: string }[];
  /** Tenancies lacking a notice rule, each with its OPEN provide-tenancy-details to-do. */
  missing: { lejerId: string; todoId: string }[];
};

export type WorldOptions = {
  slug?: string;
  /** Automation accounts to create (0–2). Default 1. */
  accounts?: number;
  /** The operator approved automation (default true). */
  approved?: boolean;
  /** The current terms are accepted (default true). */
  termsAccepted?: boolean;
  notices?: number;
  missing?: number;
  /** settings.automation (the yearly window), if the settings schema has it. */
  settings?: Record<string, unknown>;
};

export async function automationWorld(prisma: Db, opts: WorldOptions = {}): Promise<AutomationWorld> {
  const stamp = `${Date.now().toString(36)}${randomUUID().slice(0, 4)}`;
  const slug = opts.slug ?? `auto-${stamp}`;
  const name = `Auto ${stamp}`;
  const settings = organisationSettingsSchema.parse(opts.settings ?? {});
  const org = await createOrganisation(prisma, { slug, name, settings }, { actor: SYSTEM_ACTOR });
  const db = orgDb(org.id, prisma);
  const now = new Date();

  const managerSecret = newTotpSecret();
  const manager = await db.user.create({
    data: {
      organisationId: org.id,
      email: `leder@${slug}.example`,
      name: `Leder ${stamp}`,
      passwordHash: await hashPassword(DEMO_PASSWORD),
      totpSecretEnc: encryptSecret(managerSecret),
      roles: ["MANAGE_USERS"],
    },
  });
  if (opts.approved !== false) {
    await db.automationAccess.create({ data: { organisationId: org.id, requestedAt: now, requestedById: manager.id, approvedAt: now, note: "test world" } });
  }
  if (opts.termsAccepted !== false) {
    await db.automationTermsAcceptance.create({
      data: { organisationId: org.id, termsVersion: currentTerms().version, acceptedById: manager.id, acceptedByName: manager.name, acceptedAt: now, locale: "da" },
    });
  }
  const accounts: WorldAccount[] = [];
  for (let n = 1; n <= (opts.accounts ?? 1); n++) {
    const { key, hash } = newApiKey();
    const secret = newTotpSecret();
    const u = await db.user.create({
      data: {
        organisationId: org.id,
        email: `automation${n}@${slug}.example`,
        name: `${name} Automation ${n}`,
        roles: ["COMPLETE_TODOS"],
        automation: true,
        automationSlot: n,
        automationNumber: n,
        apiKeyHash: hash,
        apiKeyCreatedAt: now,
        totpSecretEnc: encryptSecret(secret),
        totpEnrolledAt: now,
      },
    });
    accounts.push({ id: u.id, email: u.email, name: u.name, apiKey: key, totpSecret: secret });
  }
  const notices: AutomationWorld["notices"] = [];
  for (let i = 0; i < (opts.notices ?? 0); i++) notices.push(await noticeWithTodo(db, `${stamp}n${i}`));
  const missing: AutomationWorld["missing"] = [];
  for (let i = 0; i < (opts.missing ?? 0); i++) missing.push(await tenancyLackingData(db, `${stamp}m${i}`));
  return { orgId: org.id, slug, name, manager: { id: manager.id, email: manager.email, password: DEMO_PASSWORD, totpSecret: managerSecret }, accounts, notices, missing };
}

/** A submitted notice with the confirm-notice to-do the submission opens (as lib/notice/submit.ts writes it). */
export async function noticeWithTodo(db: OrgDb, tag: string): Promise<{ noticeId: string; lejerId: string; todoId: string }> {
  const f = await submittedNotice(db, { tag });
  const todo = await db.todo.create({
    data: {
      organisationId: db.organisationId,
      kind: "CONFIRM_NOTICE",
      opsigelseId: f.noticeId,
      lejerId: f.lejerId,
      payload: toJsonValue({ ...FIXTURE_DATES, relettingDateValid: true }) ?? {},
    },
  });
  await db.moveOutCase.upsert({ where: { organisationId_opsigelseId: { organisationId: db.organisationId, opsigelseId: f.noticeId } }, create: { organisationId: db.organisationId, opsigelseId: f.noticeId, phase: "NOTICE_RECEIVED" }, update: {} });
  return { noticeId: f.noticeId, lejerId: f.lejerId, todoId: todo.id };
}

/** A tenancy (of a submitted-notice fixture, with the notice discarded) whose notice rule is cleared, and its provide-tenancy-details to-do. */
export async function tenancyLackingData(db: OrgDb, tag: string): Promise<{ lejerId: string; todoId: string }> {
  const f = await submittedNotice(db, { tag, status: "CANCELLED" });
  await db.lejer.update({ where: { id: f.lejerId }, data: { noticeRuleId: null, terminatedOn: null } });
  await db.$transaction((tx) => syncTenancyDetailsTodos(tx, [f.lejerId]));
  const todo = await db.todo.findFirstOrThrow({ where: { lejerId: f.lejerId, kind: "PROVIDE_TENANCY_DETAILS", status: "OPEN" } });
  return { lejerId: f.lejerId, todoId: todo.id };
}
