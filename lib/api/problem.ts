/**
 * RFC 9457 answers of the to-do API (lib/http/problem.ts is the schema). A handler returns an
 * ApiProblem; `problemResponse` serves it as application/problem+json. `asProblemRoute` turns the
 * wrapper's own error answers (`{ error, message, fieldErrors? }`: 400, 401, 403, 429 …) into problem
 * bodies, so every /api/v1 error has one shape — once the wrapper answers problems itself for
 * /api/v1 (api-core), a response that already is application/problem+json passes unchanged.
 */
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
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

type Handler = ((req: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & { contract?: unknown };

/** The route with every error answer as an RFC 9457 problem (headers such as Retry-After, WWW-Authenticate and RateLimit-* kept). */
export function asProblemRoute<H extends Handler>(route: H): H {
  const wrapped = (async (req, context) => {
    const res = await route(req, context);
    if (res.status < 400 || (res.headers.get("content-type") ?? "").startsWith(PROBLEM_CONTENT_TYPE)) return res;
    let body: { error?: unknown; message?: unknown; fieldErrors?: unknown; retryAfterSeconds?: unknown } = {};
    try {
      body = (await res.clone().json()) as typeof body;
    } catch {
      // not JSON: a problem without detail
    }
    const code = typeof body.error === "string" ? body.error : "failed";
    const extra: Partial<ProblemBody> = {};
    if (body.fieldErrors && typeof body.fieldErrors === "object") extra.fieldErrors = body.fieldErrors as Record<string, string[]>;
    if (typeof body.retryAfterSeconds === "number") extra.retryAfterSeconds = body.retryAfterSeconds;
    const p = problemBody(res.status, code, typeof body.message === "string" ? body.message : undefined, extra);
    const headers = new Headers(res.headers);
    headers.set("Content-Type", PROBLEM_CONTENT_TYPE);
    headers.delete("content-length");
    return new NextResponse(JSON.stringify(p.problem), { status: res.status, headers });
  }) as H;
  return Object.assign(wrapped, { contract: route.contract });
}
