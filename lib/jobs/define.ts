/**
 * Durable jobs as versioned definitions with a zod payload (the Documenso `packages/lib/jobs/`
 * pattern). A definition says what a job needs (`payload`) and does (`run`); `enqueue` (enqueue.ts)
 * stores one inside the caller's transaction; the worker (worker.ts) runs it at least once, retrying
 * with backoff. `run` must therefore be idempotent: use `job.key` / `job.id` to recognise a repeat
 * (a mail's Message-ID, a document's unique key …).
 *
 * Changing a payload's shape: add a new version (same name, version + 1) and keep the old
 * definition in the registry until no job of it is left, so jobs enqueued before a deploy still run.
 */
import "server-only";
import type { z } from "zod";
import type { OrgDb } from "@/lib/db/scoped";
import type { MailTransport } from "@/lib/mail/mail";
import type { OrganisationSettings } from "@/lib/organisation/settings";

/** What the worker hands every job besides its payload (injected, so tests bring their own). */
export interface JobServices {
  mail: MailTransport;
  /** The app's public URL (no trailing slash) for links in mails; default NEXTAUTH_URL, else http://localhost:3000. */
  publicUrl?: string;
}

export interface JobContext {
  /** The job as stored: `attempt` counts from 1 (this run included). */
  job: { id: string; organisationId: string; name: string; version: number; key: string; attempt: number; maxAttempts: number };
  /** The organisation accessor of the job's organisation. */
  db: OrgDb;
  /** The worker's clock for this run. */
  now: Date;
  /** The job's organisation's settings (read when asked). */
  settings(): Promise<OrganisationSettings>;
  /** The job's organisation: its slug and name, and since when it is suspended (read when asked). */
  organisation(): Promise<{ id: string; slug: string; name: string; suspendedAt?: Date | null }>;
  services: JobServices;
}

export interface JobDefinition<P extends z.ZodType = z.ZodType> {
  /** kebab-case, stable: it is stored in every job row. */
  readonly name: string;
  readonly version: number;
  readonly payload: P;
  /** Attempts before the job is marked failed (default 8: about 2 hours of backoff). */
  readonly maxAttempts: number;
  /** A run that takes longer counts as a failed attempt (default 5 min). */
  readonly timeoutMs: number;
  run(payload: z.output<P>, ctx: JobContext): Promise<void>;
}

/** A failure that no retry can fix (bad payload, a row that is gone): the job is marked failed at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentJobError";
  }
}

const NAME_RE = /^[a-z][a-z0-9-]{1,62}$/;

export function defineJob<P extends z.ZodType>(def: {
  name: string;
  version: number;
  payload: P;
  maxAttempts?: number;
  timeoutMs?: number;
  run: (payload: z.output<P>, ctx: JobContext) => Promise<void>;
}): JobDefinition<P> {
  if (!NAME_RE.test(def.name)) throw new Error(`defineJob: "${def.name}" is not a kebab-case job name`);
  if (!Number.isInteger(def.version) || def.version < 1) throw new Error(`defineJob ${def.name}: version must be a positive integer`);
  const maxAttempts = def.maxAttempts ?? 8;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100) throw new Error(`defineJob ${def.name}: maxAttempts must be 1–100`);
  const timeoutMs = def.timeoutMs ?? 5 * 60_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new Error(`defineJob ${def.name}: timeoutMs must be a positive integer`);
  return Object.freeze({ name: def.name, version: def.version, payload: def.payload, maxAttempts, timeoutMs, run: def.run });
}

/** The definitions a worker knows, by name and version. */
export class JobRegistry {
  private readonly byKey = new Map<string, JobDefinition>();
  constructor(defs: readonly JobDefinition[]) {
    for (const d of defs) {
      const k = `${d.name}@${d.version}`;
      if (this.byKey.has(k)) throw new Error(`JobRegistry: ${k} is defined twice`);
      this.byKey.set(k, d);
    }
  }
  get(name: string, version: number): JobDefinition | undefined {
    return this.byKey.get(`${name}@${version}`);
  }
}

/**
 * The delay before retry number `attempt` + 1 after `attempt` failed runs: 30 s, 1 min, 2 min, 4 min …
 * doubling, at most 1 hour. Deterministic (no jitter), so tests can step an injected clock.
 */
export function backoffMs(attempt: number, baseMs = 30_000, maxMs = 3_600_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
