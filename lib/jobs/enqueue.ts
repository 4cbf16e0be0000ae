/**
 * Enqueue a job inside the caller's transaction:
 *
 *   await db.$transaction(async (tx) => {
 *     …the change…
 *     await enqueue(tx, sendMailJob, { to: [email], subject, text }, { key: `receipt:${notice.id}:${email}` });
 *   });
 *
 * The job row is written with the transaction: if it rolls back, the job never existed; once it
 * commits, the worker runs it. `key` is the idempotency key within (organisation, job name): a
 * second enqueue with the same key (a double click, a retried request) adds nothing and returns
 * `{ enqueued: false }` — without an error, so the surrounding transaction stays usable on
 * PostgreSQL. The payload is checked against the definition's schema here, so a bad payload fails
 * the use case, not the job later.
 */
import "server-only";
import type { z } from "zod";
import type { OrgTx } from "@/lib/db/scoped";
import { toJsonValue } from "@/lib/json";
import type { JobDefinition } from "./define";

export interface EnqueueOptions {
  /** Idempotency key, unique per organisation and job name (e.g. `receipt:<noticeId>:<signerId>`). */
  key: string;
  /** Earliest run (default: now, i.e. as soon as a worker is free). */
  runAt?: Date;
}

export async function enqueue<P extends z.ZodType>(tx: OrgTx, job: JobDefinition<P>, payload: z.input<P>, options: EnqueueOptions): Promise<{ enqueued: boolean }> {
  if (typeof options.key !== "string" || options.key.length === 0 || options.key.length > 200) {
    throw new Error(`enqueue ${job.name}: key must be 1–200 characters`);
  }
  const parsed = job.payload.parse(payload);
  const { count } = await tx.job.createMany({
    data: [
      {
        organisationId: tx.organisationId,
        name: job.name,
        version: job.version,
        key: options.key,
        payload: toJsonValue(parsed) ?? {},
        maxAttempts: job.maxAttempts,
        ...(options.runAt ? { runAt: options.runAt } : {}),
      },
    ],
    skipDuplicates: true,
  });
  return { enqueued: count === 1 };
}
