/**
 * The job worker process (lib/jobs/worker.ts): runs durable jobs and schedules until SIGTERM.
 * `npm start` starts one beside the app; in production run one or more beside each app instance
 * (`npm run worker` with the app's DATABASE_URL, SMTP_URL, MAIL_FROM, DATA_KEY): they share the
 * work through FOR UPDATE SKIP LOCKED, so any number may run.
 *
 * Environment: DATABASE_URL (required), SMTP_URL / MAIL_FROM (lib/mail/mail.ts), JOB_POLL_MS (1000),
 * JOB_BATCH (5), DB_POOL_SIZE (3 here). Prints `READY <worker id>` once it runs.
 */
import { createPrismaClient } from "../lib/db/client";
import { jobRegistry, SCHEDULES } from "../lib/jobs/registry";
import { createWorker } from "../lib/jobs/worker";
import { mailTransportFromEnv } from "../lib/mail/mail";

async function main() {
  process.env.DB_POOL_SIZE ??= "3"; // one tick uses one connection at a time (a schedule slot's transaction, a claim, a job's queries)
  const db = createPrismaClient(process.env.DATABASE_URL);
  const pollMs = Number(process.env.JOB_POLL_MS ?? 1000);
  const batch = Number(process.env.JOB_BATCH ?? 5);
  if (!Number.isInteger(pollMs) || pollMs < 50) throw new Error("JOB_POLL_MS must be an integer ≥ 50");
  if (!Number.isInteger(batch) || batch < 1 || batch > 100) throw new Error("JOB_BATCH must be 1–100");
  const worker = createWorker({ db, registry: jobRegistry(), schedules: SCHEDULES, services: { mail: mailTransportFromEnv() }, batch });
  worker.start(pollMs);
  process.stdout.write(`READY ${worker.id}\n`);
  const stop = () => {
    // Let the running job finish (it is claimed; if we were killed it would be claimed again after the lease).
    void worker
      .stop()
      .then(() => db.$disconnect())
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 30_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`[worker] ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
