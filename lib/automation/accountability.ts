/**
 * Accountability (issue 13 §10): what an automation account did in a period — the to-dos it
 * completed (with their current state, so staff can reopen them: lib/todos/reopen.ts), the audit
 * rows it wrote, and its request log (AutomationRequest) — and the reports about it
 * (lib/automation/reports.ts). The period is Danish calendar days, `from` to `to` inclusive.
 */
import "server-only";
import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import type { OrgDb } from "@/lib/db/scoped";
import { DANISH_TZ, todayInDenmark } from "@/lib/time";
import { NotFound } from "@/lib/http/errors";
import { UUID_RE } from "@/lib/todos/common";

export const ACTIVITY_ROWS_MAX = 200;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const activityQuerySchema = z.object({ konto: z.string().max(40).optional(), fra: isoDay.optional(), til: isoDay.optional(), gemt: z.string().max(20).optional() });

/** The start of a Danish day, as an instant. */
export function danishDayStart(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, DANISH_TZ).getTime());
}

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The period asked for, or the last 7 Danish days up to today; `from` after `to` is swapped. */
export function activityPeriod(q: { fra?: string; til?: string }, now: Date): { from: string; to: string; start: Date; end: Date } {
  const today = todayInDenmark(now);
  let to = q.til ?? today;
  let from = q.fra ?? addDays(to, -6);
  if (from > to) [from, to] = [to, from];
  return { from, to, start: danishDayStart(from), end: danishDayStart(addDays(to, 1)) };
}

export type AutomationAccountRow = { id: string; name: string; email: string; active: boolean; pausedAt: Date | null; switchedOffAt: Date | null };

/** The organisation's automation accounts (active or not), by number. */
export async function automationAccounts(db: OrgDb): Promise<AutomationAccountRow[]> {
  return db.user.findMany({
    where: { automation: true },
    orderBy: [{ automationNumber: "asc" }, { createdAt: "asc" }],
    select: { id: true, name: true, email: true, active: true, pausedAt: true, switchedOffAt: true },
  });
}

export type AccountActivity = {
  account: AutomationAccountRow;
  period: { from: string; to: string };
  todos: { id: string; kind: string; status: string; version: number; completedAt: Date | null; opsigelseId: string | null; lejerId: string | null; result: unknown; completedByAccount: boolean }[];
  audit: { id: string; type: string; entityType: string | null; entityId: string | null; createdAt: Date }[];
  requests: { id: string; at: Date; method: string; path: string; status: number; validateOnly: boolean }[];
  reports: { id: string; todoId: string | null; text: string; reportedByName: string; reportedAt: Date; answer: string | null; answeredAt: Date | null; answeredBy: string | null }[];
};

/**
 * What `accountId` did from `period.start` to `period.end`: the to-dos it completed (found through
 * its TODO_COMPLETED audit rows, so a to-do reopened since is still listed — as OPEN), its audit
 * rows and requests (newest first, at most ACTIVITY_ROWS_MAX each), and the reports about it.
 */
export async function accountActivity(db: OrgDb, accountId: string, period: { from: string; to: string; start: Date; end: Date }): Promise<AccountActivity> {
  if (!UUID_RE.test(accountId)) throw new NotFound("account");
  const account = await db.user.findFirst({ where: { id: accountId, automation: true }, select: { id: true, name: true, email: true, active: true, pausedAt: true, switchedOffAt: true } });
  if (!account) throw new NotFound("account");
  const inPeriod = { gte: period.start, lt: period.end };
  const [audit, requests, reports] = await Promise.all([
    db.auditLog.findMany({
      where: { actorType: "AUTOMATION", actorId: accountId, createdAt: inPeriod },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: ACTIVITY_ROWS_MAX,
      select: { id: true, type: true, entityType: true, entityId: true, createdAt: true },
    }),
    db.automationRequest.findMany({ where: { userId: accountId, at: inPeriod }, orderBy: [{ at: "desc" }, { id: "desc" }], take: ACTIVITY_ROWS_MAX }),
    db.automationReport.findMany({ where: { accountId }, orderBy: { reportedAt: "desc" }, take: ACTIVITY_ROWS_MAX }),
  ]);
  const todoIds = [...new Set(audit.filter((a) => a.type === "TODO_COMPLETED" && a.entityId).map((a) => a.entityId!))];
  const todos = todoIds.length
    ? await db.todo.findMany({
        where: { id: { in: todoIds } },
        orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
        select: { id: true, kind: true, status: true, version: true, completedAt: true, completedById: true, opsigelseId: true, lejerId: true, result: true },
      })
    : [];
  return {
    account,
    period: { from: period.from, to: period.to },
    todos: todos.map(({ completedById, ...t }) => ({ ...t, completedByAccount: completedById === accountId })),
    audit,
    requests: requests.map((r) => ({ id: r.id, at: r.at, method: r.method, path: r.path, status: r.status, validateOnly: r.validateOnly })),
    reports: reports.map((r) => ({ id: r.id, todoId: r.todoId, text: r.text, reportedByName: r.reportedByName, reportedAt: r.reportedAt, answer: r.answer, answeredAt: r.answeredAt, answeredBy: r.answeredBy })),
  };
}
