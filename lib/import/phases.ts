/**
 * The two phases of an import run, as the job (lib/import/job.ts) runs them:
 *  - dry run: plan the stored rows against the organisation's current state and store the
 *    row-by-row report and the counts (status validating → validated);
 *  - apply: plan again (the state may have moved since the dry run) and write the plan, the run's
 *    final counts and one IMPORT_APPLIED audit row in ONE transaction (status applying → applied):
 *    all or nothing.
 * Progress (processedRows) is written as the phase goes. A failure marks the run failed with a
 * message for staff that never contains row data (so never a CPR hash or number).
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { OrgDb } from "@/lib/db/scoped";
import type { Actor } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write";
import { toJsonValue } from "@/lib/json";
import { logger } from "@/lib/logger";
import { decodeTable } from "./content";
import { mappingSchema } from "./mapping";
import { planImport, reportOf, type Plan } from "./plan";
import { loadSnapshot, writePlan, writeCount } from "./apply";

export type Phase = "dry-run" | "apply";

/** Plans a run's rows against the current state (reading only). */
export async function planRun(db: OrgDb, runId: string, onProgress?: (rows: number) => void): Promise<{ plan: Plan; totalRows: number }> {
  const run = await db.importRun.findUnique({ where: { id: runId }, select: { content: true, mapping: true } });
  if (!run?.content) throw new Error("import run has no content");
  const table = decodeTable(run.content);
  const mapping = mappingSchema.parse(run.mapping ?? {});
  const snap = await loadSnapshot(db);
  const plan = planImport(table, mapping, snap, { newId: randomUUID, ...(onProgress ? { onProgress } : {}) });
  return { plan, totalRows: table.rows.length };
}

/** A progress writer that never has more than one update in flight and never moves the bar back or past the phase. */
function progressWriter(db: OrgDb, runId: string, status: "validating" | "applying") {
  let inFlight: Promise<unknown> | null = null;
  let pending: number | null = null;
  const send = (n: number) => {
    inFlight = db.importRun
      .updateMany({ where: { id: runId, status, processedRows: { lt: n } }, data: { processedRows: n } })
      .catch(() => undefined)
      .then(() => {
        inFlight = null;
        if (pending !== null) {
          const next = pending;
          pending = null;
          send(next);
        }
      });
  };
  return {
    report(n: number) {
      if (inFlight) pending = n;
      else send(n);
    },
    async settle() {
      while (inFlight) await inFlight;
    },
  };
}

const FAILED_TEXT: Record<Phase, string> = {
  "dry-run": "Prøvekørslen fejlede. Prøv igen, eller kontakt support.",
  apply: "Importen fejlede, og intet er skrevet. Prøv prøvekørslen igen.",
};

async function fail(db: OrgDb, runId: string, phase: Phase, err: unknown): Promise<void> {
  // Log the error's class and Prisma code only: a database error's text can quote row values.
  const code = (err as { code?: unknown })?.code;
  logger.error({ importRun: runId, phase, err: err instanceof Error ? err.name : "thrown", code: typeof code === "string" ? code : undefined }, "import phase failed");
  const unique = code === "P2002";
  await db.importRun.update({
    where: { id: runId },
    data: { status: "failed", error: unique ? `${FAILED_TEXT[phase]} (Data blev ændret imens; kør prøvekørslen igen.)` : FAILED_TEXT[phase], finishedAt: new Date() },
  });
}

export async function runDryRun(db: OrgDb, runId: string): Promise<void> {
  const run = await db.importRun.findUnique({ where: { id: runId }, select: { status: true } });
  if (!run || run.status !== "validating") return; // re-delivered job, or the run moved on
  const progress = progressWriter(db, runId, "validating");
  try {
    const { plan, totalRows } = await planRun(db, runId, (n) => progress.report(n));
    await progress.settle();
    const report = reportOf(plan);
    await db.importRun.updateMany({
      where: { id: runId, status: "validating" },
      data: { status: "validated", totalRows, processedRows: totalRows, ...plan.counts, report: toJsonValue({ phase: "dry-run", ...report }) ?? {}, error: null, finishedAt: new Date() },
    });
  } catch (err) {
    await progress.settle();
    await fail(db, runId, "dry-run", err);
  }
}

export type ApplyOptions = { actor: Actor; meta?: { ip?: string | null; userAgent?: string | null } };

/** Writes a plan and the run's outcome in one transaction. Exposed for tests that make the write fail midway. */
export async function writeRun(db: OrgDb, runId: string, plan: Plan, totalRows: number, opts: ApplyOptions, onRows?: (n: number) => void): Promise<void> {
  const report = reportOf(plan);
  await db.$transaction(
    async (tx) => {
      await writePlan(tx, plan.writes, { updatedBy: opts.actor.label, ...(onRows ? { onRows } : {}) });
      const { count } = await tx.importRun.updateMany({
        where: { id: runId, status: "applying" },
        data: { status: "applied", totalRows, processedRows: totalRows, ...plan.counts, report: toJsonValue({ phase: "apply", ...report }) ?? {}, error: null, finishedAt: new Date() },
      });
      if (count !== 1) throw new Error("import run is no longer applying");
      await writeAudit(tx, {
        type: "IMPORT_APPLIED",
        actor: opts.actor,
        entityType: "ImportRun",
        entityId: runId,
        after: { rows: totalRows, ...plan.counts },
        ...(opts.meta ? { meta: opts.meta } : {}),
      });
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
}

export async function runApply(db: OrgDb, runId: string, opts: ApplyOptions): Promise<void> {
  const run = await db.importRun.findUnique({ where: { id: runId }, select: { status: true } });
  if (!run || run.status !== "applying") return;
  const progress = progressWriter(db, runId, "applying");
  try {
    const { plan, totalRows } = await planRun(db, runId);
    const total = Math.max(1, writeCount(plan.writes));
    let written = 0;
    await writeRun(db, runId, plan, totalRows, opts, (n) => {
      written += n;
      // Rows of the file, in proportion to the writes done (seen by other connections on PostgreSQL; the
      // embedded server runs one connection at a time, so there it shows once the transaction is done).
      progress.report(Math.floor((written / total) * totalRows * 0.99));
    });
    await progress.settle();
  } catch (err) {
    await progress.settle();
    await fail(db, runId, "apply", err);
  }
}
