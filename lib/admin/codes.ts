/**
 * The code tables (admin → Kodetabeller): termination reasons, notice rules, housing types and sum
 * types of one organisation. One service function per change, each in its own transaction with its
 * typed audit row (KODE_CREATED / KODE_UPDATED / KODE_DELETED, lib/audit/events.ts).
 *
 * A code in use — a tenancy's notice rule (Lejer.noticeRuleId), a lease unit's housing or sum type
 * (Lejemaal.boligtypeId / sumtypeId), a reason named in any notice's answers — cannot be deleted,
 * and its value (the back-office code the import matches on) cannot change; it can be deactivated.
 * Submitted notices never read the code again: they keep the rule they were computed with
 * (Opsigelse.ruleSnapshot and their stored dates, lib/notice/submit.ts).
 */
import "server-only";
import type { OrgDb, OrgTx } from "@/lib/db/scoped";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write";
import { NotFound } from "@/lib/http/errors";
import { noticeRuleOrNull, type NoticeRule } from "@/lib/rules";
import { toJsonValue } from "@/lib/json";
import { hasRule, parseCodeForm, type CodeInput, type FieldErrors, type KodeType } from "./code-form";

export type CodeRow = {
  id: string;
  type: KodeType;
  value: string;
  codeText: string;
  codeTextEn: string | null;
  tagText: string | null;
  tagTextEn: string | null;
  rule: NoticeRule | null;
  active: boolean;
  sortOrder: number;
  updatedAt: Date;
  /** How many rows use it (tenancies, lease units or notices). */
  usage: number;
};

type Change = { db: OrgDb; actor: Actor; meta?: RequestMeta };
export type ChangeResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

const SELECT = { id: true, type: true, value: true, codeText: true, codeTextEn: true, tagText: true, tagTextEn: true, rule: true, active: true, sortOrder: true, updatedAt: true } as const;
type Stored = { id: string; type: KodeType; value: string; codeText: string; codeTextEn: string | null; tagText: string | null; tagTextEn: string | null; rule: unknown; active: boolean; sortOrder: number; updatedAt: Date };

const ORDER = [{ sortOrder: "asc" as const }, { value: "asc" as const }];

/** How many rows use a code: tenancies (notice rule), lease units (housing / sum type), notices (reason in the answers). */
async function usageOf(tx: OrgTx, code: { id: string; type: KodeType }): Promise<number> {
  switch (code.type) {
    case "OPSIGELSESVARSEL":
      return tx.lejer.count({ where: { noticeRuleId: code.id } });
    case "BOLIGTYPE":
      return tx.lejemaal.count({ where: { boligtypeId: code.id } });
    case "SUMTYPE":
      return tx.lejemaal.count({ where: { sumtypeId: code.id } });
    case "OPSIGELSESAARSAG":
      return tx.opsigelse.count({ where: { answers: { path: ["move-out", "reasonCodeId"], equals: code.id } } });
  }
}

function row(k: Stored, usage: number): CodeRow {
  return { ...k, rule: hasRule(k.type) ? noticeRuleOrNull(k.rule) : null, usage };
}

/** A table's codes in their order, with how much each is used. */
export async function listCodes(db: OrgDb, type: KodeType): Promise<CodeRow[]> {
  const codes = (await db.kode.findMany({ where: { type }, orderBy: ORDER, select: SELECT })) as Stored[];
  return Promise.all(codes.map(async (k) => row(k, await usageOf(db, k))));
}

/** How many codes each table holds (for the overview). */
export async function countCodes(db: OrgDb): Promise<Record<KodeType, { total: number; active: number }>> {
  const rows = await db.kode.groupBy({ by: ["type", "active"], _count: { _all: true } });
  const out = { OPSIGELSESAARSAG: { total: 0, active: 0 }, OPSIGELSESVARSEL: { total: 0, active: 0 }, BOLIGTYPE: { total: 0, active: 0 }, SUMTYPE: { total: 0, active: 0 } };
  for (const r of rows) {
    const t = out[r.type as KodeType];
    t.total += r._count._all;
    if (r.active) t.active += r._count._all;
  }
  return out;
}

/** One code of a table, or null (another table's, another organisation's, or none). */
export async function getCode(db: OrgDb, type: KodeType, id: string): Promise<CodeRow | null> {
  const k = (await db.kode.findFirst({ where: { id, type }, select: SELECT })) as Stored | null;
  return k ? row(k, await usageOf(db, k)) : null;
}

async function loadForChange(tx: OrgTx, type: KodeType, id: string): Promise<Stored> {
  const k = (await tx.kode.findFirst({ where: { id, type }, select: SELECT })) as Stored | null;
  if (!k) throw new NotFound("code");
  return k;
}

// ------------------------------------------------------------------------------- audit shapes

type AuditView = {
  kind: string;
  code: string;
  text: string;
  textEn: string | null;
  tag: string | null;
  tagEn: string | null;
  rule: Record<string, string | number | boolean> | null;
  active: boolean;
  sortOrder: number;
};

function auditView(k: Pick<Stored, "type" | "value" | "codeText" | "codeTextEn" | "tagText" | "tagTextEn" | "rule" | "active" | "sortOrder">): AuditView {
  return {
    kind: k.type,
    code: k.value,
    text: k.codeText,
    textEn: k.codeTextEn,
    tag: k.tagText,
    tagEn: k.tagTextEn,
    rule: k.rule == null ? null : ((toJsonValue(k.rule) as Record<string, string | number | boolean>) ?? null),
    active: k.active,
    sortOrder: k.sortOrder,
  };
}

/** Only the keys whose values differ, before and after. */
function changedKeys(before: AuditView, after: AuditView): { before: Partial<AuditView>; after: Partial<AuditView> } | null {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof AuditView)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return Object.keys(a).length === 0 ? null : { before: b as Partial<AuditView>, after: a as Partial<AuditView> };
}

function isUniqueConflict(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}

const duplicate: ChangeResult = { ok: false, errors: { value: ["adminCodes.errors.duplicate"] } };

function dataOf(input: CodeInput) {
  return {
    value: input.value,
    codeText: input.codeText,
    codeTextEn: input.codeTextEn,
    tagText: input.tagText,
    tagTextEn: input.tagTextEn,
    ...(input.rule ? { rule: toJsonValue(input.rule) ?? {} } : {}),
  };
}

// ------------------------------------------------------------------------------- changes

/** Adds a code at the end of its table. */
export async function createCode(a: Change & { type: KodeType; values: Record<string, unknown> }): Promise<ChangeResult> {
  const parsed = parseCodeForm(a.type, a.values);
  if (!parsed.ok) return parsed;
  const input = parsed.input;
  try {
    return await a.db.$transaction(async (tx) => {
      if (await tx.kode.findFirst({ where: { type: a.type, value: input.value }, select: { id: true } })) return duplicate;
      const last = await tx.kode.aggregate({ where: { type: a.type }, _max: { sortOrder: true } });
      const k = (await tx.kode.create({
        data: { organisationId: tx.organisationId, type: a.type, ...dataOf(input), sortOrder: (last._max.sortOrder ?? -1) + 1, updatedBy: a.actor.label.slice(0, 200) },
        select: SELECT,
      })) as Stored;
      await writeAudit(tx, { type: "KODE_CREATED", actor: a.actor, entityType: "Kode", entityId: k.id, after: auditView(k), meta: a.meta });
      return { ok: true as const, id: k.id };
    });
  } catch (e) {
    if (isUniqueConflict(e)) return duplicate;
    throw e;
  }
}

/** Changes a code's texts (and rule). The value of a code in use stays as it is. */
export async function updateCode(a: Change & { type: KodeType; id: string; values: Record<string, unknown> }): Promise<ChangeResult> {
  const parsed = parseCodeForm(a.type, a.values);
  if (!parsed.ok) return parsed;
  const input = parsed.input;
  try {
    return await a.db.$transaction(async (tx) => {
      const before = await loadForChange(tx, a.type, a.id);
      if (input.value !== before.value) {
        if ((await usageOf(tx, before)) > 0) return { ok: false as const, errors: { value: ["adminCodes.errors.valueLocked"] } };
        if (await tx.kode.findFirst({ where: { type: a.type, value: input.value }, select: { id: true } })) return duplicate;
      }
      const after = (await tx.kode.update({ where: { id: before.id }, data: { ...dataOf(input), updatedBy: a.actor.label.slice(0, 200) }, select: SELECT })) as Stored;
      const diff = changedKeys(auditView(before), auditView(after));
      if (diff) await writeAudit(tx, { type: "KODE_UPDATED", actor: a.actor, entityType: "Kode", entityId: before.id, before: diff.before, after: diff.after, meta: a.meta });
      return { ok: true as const, id: before.id };
    });
  } catch (e) {
    if (isUniqueConflict(e)) return duplicate;
    throw e;
  }
}

/** Deactivates (no longer offered: tenants do not see the reason, new tenancies cannot get the rule) or reactivates a code. */
export async function setCodeActive(a: Change & { type: KodeType; id: string; active: boolean }): Promise<ChangeResult> {
  return a.db.$transaction(async (tx) => {
    const before = await loadForChange(tx, a.type, a.id);
    if (before.active === a.active) return { ok: true as const, id: before.id };
    await tx.kode.update({ where: { id: before.id }, data: { active: a.active, updatedBy: a.actor.label.slice(0, 200) } });
    await writeAudit(tx, { type: "KODE_UPDATED", actor: a.actor, entityType: "Kode", entityId: before.id, before: { active: before.active }, after: { active: a.active }, meta: a.meta });
    return { ok: true as const, id: before.id };
  });
}

/** Moves a code one place up or down in its table (the tenants' list of reasons follows this order). */
export async function moveCode(a: Change & { type: KodeType; id: string; direction: "up" | "down" }): Promise<ChangeResult> {
  return a.db.$transaction(async (tx) => {
    await loadForChange(tx, a.type, a.id);
    const all = (await tx.kode.findMany({ where: { type: a.type }, orderBy: ORDER, select: SELECT })) as Stored[];
    const i = all.findIndex((k) => k.id === a.id);
    const j = a.direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= all.length) return { ok: true as const, id: a.id };
    const order = [...all];
    [order[i], order[j]] = [order[j]!, order[i]!];
    // Renumber 0…n-1 (also mends equal or missing sort orders); audit each code whose place changed.
    for (const [n, k] of order.entries()) {
      if (k.sortOrder === n) continue;
      await tx.kode.update({ where: { id: k.id }, data: { sortOrder: n, updatedBy: a.actor.label.slice(0, 200) } });
      await writeAudit(tx, { type: "KODE_UPDATED", actor: a.actor, entityType: "Kode", entityId: k.id, before: { sortOrder: k.sortOrder }, after: { sortOrder: n }, meta: a.meta });
    }
    return { ok: true as const, id: a.id };
  });
}

/** Deletes a code nobody uses; a code in use is refused (deactivate it instead). */
export async function deleteCode(a: Change & { type: KodeType; id: string }): Promise<ChangeResult> {
  try {
    return await deleteUnused(a);
  } catch (e) {
    // A row started using the code between the check and the delete: the foreign key refuses it.
    if (typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2003") return { ok: false, errors: { "": ["adminCodes.errors.inUse"] } };
    throw e;
  }
}

async function deleteUnused(a: Change & { type: KodeType; id: string }): Promise<ChangeResult> {
  return a.db.$transaction(async (tx) => {
    const before = await loadForChange(tx, a.type, a.id);
    if ((await usageOf(tx, before)) > 0) return { ok: false as const, errors: { "": ["adminCodes.errors.inUse"] } };
    await tx.kode.delete({ where: { id: before.id } });
    await writeAudit(tx, { type: "KODE_DELETED", actor: a.actor, entityType: "Kode", entityId: before.id, before: auditView(before), meta: a.meta });
    return { ok: true as const, id: before.id };
  });
}
