/**
 * The move-out case's phases as the organisation shows them (the guide's "Vis faser" and
 * "Minimering af faser i fraflytningsguide"): pure, no I/O. The organisation chooses which of the
 * four phases show and in which order (settings.casework.phases); with "Undertryk faser hvis ingen
 * data" (suppressEmptyPhases) a phase that has nothing in it yet is hidden — but the case's current
 * phase always shows, even when the organisation left it out of its set.
 *
 * What counts as data:
 *  - Opsigelse modtaget (NOTICE_RECEIVED): the notice itself — always.
 *  - Flyttesyn (INSPECTION): an inspection deadline, an agreed inspection date, a viewing date on the
 *    case, or the inspection date the tenant chose in the notice.
 *  - Flytteopgørelse (SETTLEMENT): a settlement payment date or the date the settlement was sent.
 *  - Afsluttet (FINISHED): the end of the guide (where "Afslut" leads) — never suppressed.
 */
import type { CaseworkSettings } from "@/lib/organisation/settings";

export const MOVE_OUT_PHASE_ORDER = ["NOTICE_RECEIVED", "INSPECTION", "SETTLEMENT", "FINISHED"] as const;
export type MoveOutPhaseName = (typeof MOVE_OUT_PHASE_ORDER)[number];

/** The case's fields the phases look at (dates as ISO strings or Date, null when not set). */
export type PhaseCase = {
  phase: MoveOutPhaseName;
  inspectionDeadline?: unknown;
  agreedInspectionDate?: unknown;
  viewingDate?: unknown;
  settlementPaymentDate?: unknown;
  settlementSentDate?: unknown;
};
export type PhaseNotice = { inspectionDate?: unknown };

export type ShownPhase = {
  phase: MoveOutPhaseName;
  /** done: before the current phase (in the guide's order); current; upcoming: after it. */
  state: "done" | "current" | "upcoming";
  hasData: boolean;
};

const set = (v: unknown) => v !== null && v !== undefined && v !== "";

/** Whether a phase has anything in it yet (see the module comment). */
export function phaseHasData(phase: MoveOutPhaseName, c: PhaseCase, notice: PhaseNotice): boolean {
  switch (phase) {
    case "NOTICE_RECEIVED":
    case "FINISHED":
      return true;
    case "INSPECTION":
      return set(c.inspectionDeadline) || set(c.agreedInspectionDate) || set(c.viewingDate) || set(notice.inspectionDate);
    case "SETTLEMENT":
      return set(c.settlementPaymentDate) || set(c.settlementSentDate);
  }
}

/**
 * The phases the case page shows, in the organisation's order: its chosen set (each phase once),
 * less the ones without data when suppressEmptyPhases is on, plus the current phase wherever it is
 * (at its place in the guide's order when the organisation left it out).
 */
export function visiblePhases(c: PhaseCase, notice: PhaseNotice, settings: Pick<CaseworkSettings, "phases" | "suppressEmptyPhases">): ShownPhase[] {
  const rank = (p: MoveOutPhaseName) => MOVE_OUT_PHASE_ORDER.indexOf(p);
  const chosen: MoveOutPhaseName[] = [];
  for (const p of settings.phases) if (MOVE_OUT_PHASE_ORDER.includes(p) && !chosen.includes(p)) chosen.push(p);
  if (!chosen.includes(c.phase)) {
    // Insert before the first chosen phase that comes later in the guide's order.
    const at = chosen.findIndex((p) => rank(p) > rank(c.phase));
    chosen.splice(at === -1 ? chosen.length : at, 0, c.phase);
  }
  const current = rank(c.phase);
  return chosen
    .map((phase) => ({ phase, hasData: phaseHasData(phase, c, notice) }))
    .filter((p) => p.phase === c.phase || !settings.suppressEmptyPhases || p.hasData)
    .map((p) => ({ ...p, state: p.phase === c.phase ? "current" : rank(p.phase) < current ? "done" : "upcoming" }));
}

/** The phases staff may move the case to: the organisation's set, without FINISHED (that is "Afslut"). */
export function movablePhases(settings: Pick<CaseworkSettings, "phases">): MoveOutPhaseName[] {
  return MOVE_OUT_PHASE_ORDER.filter((p) => p !== "FINISHED" && settings.phases.includes(p));
}
