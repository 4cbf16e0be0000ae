/**
 * RFC 9457 answers of the to-do API (lib/http/problem.ts is the schema). A handler returns an
 * ApiProblem; `problemResponse` serves it as application/problem+json. The wrapper answers its own
 * errors under /api/v1 (400, 401, 403, 404, 429 …) as problems too (lib/http/wrappers.ts).
 */
import "server-only";
import { PROBLEM_CONTENT_TYPE, problemTypeUri, type ProblemBody } from "@/lib/http/problem";

export type ApiProblem = { problem: ProblemBody };

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  413: "Payload too large",
  422: "Unprocessable content",
  429: "Too many requests",
  500: "Internal server error",
};

export function problemBody(status: number, code: string, detail?: string, extra: Partial<ProblemBody> = {}): ApiProblem {
  return { problem: { type: problemTypeUri(code), title: TITLES[status] ?? "Error", status, code, ...(detail ? { detail } : {}), ...extra } };
}

export function isProblem(v: unknown): v is ApiProblem {
  return !!v && typeof v === "object" && "problem" in v;
}

export function problemResponse(p: ApiProblem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p.problem), {
    status: p.problem.status,
    headers: { "Content-Type": PROBLEM_CONTENT_TYPE, ...(p.problem.retryAfterSeconds ? { "Retry-After": String(p.problem.retryAfterSeconds) } : {}), ...headers },
  });
}
