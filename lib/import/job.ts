/**
 * `import-tenancies`: runs one phase (dry run or apply) of an ImportRun in the worker, enqueued in
 * the transaction that moves the run to validating / applying (lib/import/runs.ts). Idempotent: a
 * phase runs only while the run is in that phase's status, so a re-delivered job does nothing.
 */
import "server-only";
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define";
import { runApply, runDryRun } from "./phases";

export const importTenanciesJob = defineJob({
  name: "import-tenancies",
  version: 1,
  payload: z
    .object({
      importRunId: z.uuid(),
      phase: z.enum(["dry-run", "apply"]),
      /** Who asked (for the audit row of the application). */
      requestedBy: z.object({ id: z.string(), label: z.string() }).strict(),
    })
    .strict(),
  maxAttempts: 3,
  timeoutMs: 40 * 60_000,
  async run(p, { db }) {
    if (p.phase === "dry-run") await runDryRun(db, p.importRunId);
    else await runApply(db, p.importRunId, { actor: { type: "STAFF", id: p.requestedBy.id, label: p.requestedBy.label } });
  },
});
