/**
 * The admin home's figures (issue 12 §1): a handful of counts, each only for what the person may
 * see and each with the link to the list it counts (the URL contracts of the casework lists):
 *
 *  - new notices this week: submitted since Monday 00:00 Danish time      notices.read → inbox ?fra=<monday>
 *  - notices awaiting a co-signer (AWAITING_SIGNATURES)                   notices.read → inbox ?status=AWAITING_SIGNATURES
 *  - open to-dos by kind (confirm-notice, provide-tenancy-details, reminder) todos.read → /admin/opgaver?type=…
 *  - reminders due: REMINDER, OPEN, dueDate ≤ today                        todos.read → /admin/opgaver?type=reminder&forfald=idag
 *  - tenancies missing data (the report's own count)                      reports.read → /admin/manglende-data
 *  - failed jobs                                                           notices.read → /admin/job
 *
 * Each count is one query on an index that leads with organisationId (Opsigelse (org, submittedAt,
 * id) and (org, status, submittedAt, id); Todo (org, status, kind, …) and (org, kind, status,
 * dueDate); the partial index Lejer_missing_data; Job (org, status, updatedAt)). `now` is injected.
 */
import "server-only";
import type { Permission } from "@/lib/auth/permissions";
import type { OrgDb, OrgTx } from "@/lib/db/scoped";
import { danishDayStart } from "@/lib/admin/audit-format";
import { addDays } from "@/lib/rules/calendar";
import { todayInDenmark } from "@/lib/time";
import { countMissingData } from "./missing-data";

export const DASHBOARD_FIGURES = ["newThisWeek", "awaitingSignatures", "todoConfirmNotice", "todoTenancyDetails", "todoReminder", "remindersDue", "missingData", "failedJobs"] as const;
export type DashboardFigureKey = (typeof DASHBOARD_FIGURES)[number];

export type DashboardFigure = { key: DashboardFigureKey; count: number; href: string };

/** Which permission each figure needs. */
export const FIGURE_PERMISSION: Record<DashboardFigureKey, Permission> = {
  newThisWeek: "notices.read",
  awaitingSignatures: "notices.read",
  todoConfirmNotice: "todos.read",
  todoTenancyDetails: "todos.read",
  todoReminder: "todos.read",
  remindersDue: "todos.read",
  missingData: "reports.read",
  failedJobs: "notices.read",
};

/** Monday of the Danish week of `today` (ISO date). */
export function mondayOf(today: string): string {
  const dow = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(today, -((dow + 6) % 7));
}

/** The instant this Danish week began: Monday 00:00 Europe/Copenhagen. */
export function weekStart(now: Date): { monday: string; at: Date } {
  const monday = mondayOf(todayInDenmark(now));
  return { monday, at: danishDayStart(monday) };
}

const TODO_KINDS = [
  ["todoConfirmNotice", "CONFIRM_NOTICE", "confirm-notice"],
  ["todoTenancyDetails", "PROVIDE_TENANCY_DETAILS", "provide-tenancy-details"],
  ["todoReminder", "REMINDER", "reminder"],
] as const;

/**
 * The figures the person may see, in a fixed order (a figure they may not see is left out).
 * `permissions`: the person's; `slug`: the organisation's, for the links.
 */
export async function dashboardFigures(db: OrgDb | OrgTx, a: { slug: string; permissions: ReadonlySet<Permission>; now: Date }): Promise<DashboardFigure[]> {
  const may = (k: DashboardFigureKey) => a.permissions.has(FIGURE_PERMISSION[k]);
  const base = `/${a.slug}/admin`;
  const today = todayInDenmark(a.now);
  const week = weekStart(a.now);
  const out: Partial<Record<DashboardFigureKey, Promise<DashboardFigure>>> = {};
  const fig = (key: DashboardFigureKey, href: string, count: () => Promise<number>) => {
    if (may(key)) out[key] = count().then((c) => ({ key, count: c, href }));
  };

  fig("newThisWeek", `${base}/opsigelser?fra=${week.monday}`, () => db.opsigelse.count({ where: { submittedAt: { gte: week.at }, status: { not: "DRAFT" } } }));
  fig("awaitingSignatures", `${base}/opsigelser?status=AWAITING_SIGNATURES`, () => db.opsigelse.count({ where: { status: "AWAITING_SIGNATURES" } }));
  if (may("todoConfirmNotice")) {
    // One grouped count over (organisationId, status, kind, …) for the three kinds.
    const grouped = db.todo.groupBy({ by: ["kind"], where: { status: "OPEN" }, _count: { _all: true } });
    for (const [key, kind, type] of TODO_KINDS) {
      out[key] = grouped.then((g) => ({ key, count: g.find((x) => x.kind === kind)?._count._all ?? 0, href: `${base}/opgaver?type=${type}` }));
    }
  }
  fig("remindersDue", `${base}/opgaver?type=reminder&forfald=idag`, () =>
    db.todo.count({ where: { kind: "REMINDER", status: "OPEN", dueDate: { lte: new Date(`${today}T00:00:00Z`) } } }),
  );
  fig("missingData", `${base}/manglende-data`, () => countMissingData(db));
  fig("failedJobs", `${base}/job`, () => db.job.count({ where: { status: "failed" } }));

  const figures = await Promise.all(DASHBOARD_FIGURES.filter((k) => out[k]).map((k) => out[k]!));
  return figures;
}
