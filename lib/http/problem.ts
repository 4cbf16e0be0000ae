/**
 * Error answers of the versioned API (/api/v1): RFC 9457 problem details, served as
 * `application/problem+json`. `type` is a stable URI per error code; `code` repeats it as a short
 * word for clients that switch on it; field errors are keyed by field path. Extension members:
 * `reason` and `nextAllowed` (automation hours), `retryAfterSeconds` (rate limits, with Retry-After).
 */
import "server-only";
import { z } from "zod";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";
export const problemTypeUri = (code: string) => `https://fraflyt.dk/problems/${code}`;

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string(),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
    reason: z.string().optional(),
    nextAllowed: z.string().optional(),
    retryAfterSeconds: z.number().int().optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });
export type ProblemBody = z.infer<typeof problemSchema>;
