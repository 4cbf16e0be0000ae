/**
 * The one wrapper for pages, server actions and route handlers. Each is defined from a spec —
 * the kind of caller (lib/http/context.ts), zod schemas for params, query, body and response, an
 * optional rate limit and body cap — and a handler that only ever sees a resolved context and
 * parsed input:
 *
 *   export default definePage({ kind: "staff", permission: "admin.view", params: z.object({ organisation: slug }) },
 *     async (ctx, { params }) => <…/>);
 *   export const saveCode = defineAction({ kind: "staff", permission: "codes.manage", input: codeSchema },
 *     async (ctx, input) => …);                        // form: useActionState(saveCode.bind(null, slug), null)
 *   export const GET = defineRoute({ kind: "staff", path: "/api/{organisation}/session", response: sessionSchema },
 *     async (ctx) => …);
 *
 * Every definition carries its spec as `.contract` (and routes are listed in `routeContracts`), so
 * an OpenAPI document can be generated from the zod schemas. Errors are answered by lib/http/errors.ts
 * (status by error type; never the error's own text) with messages from the catalogues in the
 * user's language (lib/http/messages.ts).
 */
import "server-only";
import { notFound, redirect, unstable_rethrow } from "next/navigation";
import { cookies } from "next/headers";
import { NextResponse, type NextRequest } from "next/server";
import type { ReactNode } from "react";
import { z } from "zod";
import { getAppSession } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/permissions";
import { consume, LIMITS, type LimitName } from "@/lib/security/rate-limit";
import { requestNow } from "@/lib/clock";
import { orgDb } from "@/lib/db/scoped";
// The automation guard (day tokens, hours, kill switch, request rate and log); importing it registers the token verifier.
import { admitAutomationRequest, finishAutomationRequest } from "@/lib/automation/guard";
import { logger } from "@/lib/logger";
import { resolveLocale } from "@/i18n/locales";
import { currentCredentials, organisationOf, resolveCurrent, resolveNeed, type ContextFor, type Denied, type Kind, type Need, type OrgContext } from "./context";
import { metaFromHeaders, requestMeta } from "./meta";
import { ApiProblem, bearerToken, rateLimitHeaders, type RateInfo } from "./automation";
import { PROBLEM_CONTENT_TYPE, problemTypeUri, type ProblemBody } from "./problem";
import { readStreamCapped } from "./body";
import { paths } from "./paths";
import { PayloadTooLarge, problemFor, RateLimited, STATUS, type ErrorCode, type Problem } from "./errors";
import { fieldErrors, problemMessage, translator, type MessageOverrides, type Translate } from "./messages";

// ------------------------------------------------------------------------------------------ specs

type NeedSpec =
  | { kind: "public" }
  | { kind: "tenant" }
  | { kind: "staff"; permission?: Permission }
  | { kind: "operator" }
  | { kind: "automation"; permission?: Permission };

type Common = {
  /** A name for logs and the OpenAPI operationId. */
  name?: string;
  summary?: string;
  /** Catalogue keys per field for validation messages (lib/http/messages.ts). */
  messages?: MessageOverrides;
};

export type PageSpec = NeedSpec &
  Common & {
    params?: z.ZodType;
    query?: z.ZodType;
    /** Where to come back to after sign-in; default the kind's home. */
    returnTo?: (params: Record<string, string>) => string;
  };

export type ActionSpec = NeedSpec &
  Common & {
    input: z.ZodType;
    /** A named limit (lib/security/rate-limit.ts), or false. Default: tenant actions per session. */
    rateLimit?: LimitName | false;
    /** Cap on the input's size in bytes (strings and files); default 64 KiB. */
    maxBodyBytes?: number;
  };

export type RouteSpec = NeedSpec &
  Common & {
    /** For the OpenAPI document: the path with {params}, e.g. "/api/{organisation}/session". */
    path?: string;
    params?: z.ZodType;
    query?: z.ZodType;
    body?: z.ZodType;
    /** How the body is sent: JSON (default), or an HTML form (application/x-www-form-urlencoded, a plain form without JavaScript). */
    bodyType?: "json" | "form";
    response?: z.ZodType;
    /** Status of a successful answer (default 200). */
    status?: number;
    /** A named limit per client address, or false. Default: jsonRoutePerIp (automation routes: automationApiPerIp; an account is also limited by the guard). */
    rateLimit?: LimitName | false;
    /** Cap on the request body in bytes, checked before parsing; default 64 KiB. */
    maxBodyBytes?: number;
  };

type Out<S, Fallback = Record<string, never>> = S extends z.ZodType ? z.output<S> : Fallback;
type ResponseIn<S> = S extends z.ZodType ? z.input<S> : unknown;

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

const ORG_KINDS = new Set<Kind>(["tenant", "staff", "automation"]);

/** Every signed-in server action is rate-limited unless its spec names another limit (or false, with a reason). */
const DEFAULT_ACTION_LIMIT: Record<Kind, LimitName | false> = {
  public: false,
  tenant: "tenantActionPerSession",
  staff: "staffActionPerSession",
  operator: "operatorActionPerSession",
  automation: false,
};

function needOf(spec: NeedSpec): Need {
  return "permission" in spec && spec.permission ? ({ kind: spec.kind, permission: spec.permission } as Need) : ({ kind: spec.kind } as Need);
}

// ------------------------------------------------------------------------------------------ shared

async function currentTranslator(): Promise<Translate> {
  try {
    return translator((await cookies()).get("NEXT_LOCALE")?.value);
  } catch {
    return translator(null);
  }
}

function deniedProblem(reason: Denied): Problem {
  return { code: reason, status: STATUS[reason] };
}

function logUnexpected(e: unknown, where: Record<string, unknown>) {
  logger.error({ err: e, ...where }, "request failed");
}

/** Plain values of a FormData (the last value of a repeated name wins unless the name ends in []). */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of fd.entries()) {
    if (k.startsWith("$ACTION")) continue; // Next's own fields of a progressively enhanced form
    if (k.endsWith("[]")) ((out[k.slice(0, -2)] ??= []) as unknown[]).push(v);
    else out[k] = v;
  }
  return out;
}

function sizeOf(value: unknown): number {
  if (value instanceof FormData) {
    let n = 0;
    for (const [k, v] of value.entries()) n += k.length + (typeof v === "string" ? Buffer.byteLength(v) : v.size);
    return n;
  }
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? "");
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

// ------------------------------------------------------------------------------------------ pages

function loginPath(kind: Kind, slug: string | undefined, returnTo: string | undefined): string | null {
  const base = kind === "operator" ? paths.operatorLogin() : !slug ? null : kind === "staff" ? paths.staffLogin(slug) : kind === "tenant" ? paths.tenantLogin(slug) : null;
  if (!base) return null;
  return returnTo ? `${base}?callbackUrl=${encodeURIComponent(returnTo)}` : base;
}

function homePath(kind: Kind, slug: string | undefined): string | undefined {
  if (kind === "operator") return paths.operatorHome();
  if (!slug) return undefined;
  return kind === "staff" ? paths.staffHome(slug) : kind === "tenant" ? paths.tenantHome(slug) : undefined;
}

function onDenied(kind: Kind, reason: Denied, slug: string | undefined, returnTo: string | undefined): never {
  // A suspended organisation: the "temporarily closed" page instead of the app (never its data).
  if (reason === "suspended" && slug) redirect(paths.organisationSuspended(slug));
  if (reason === "signed-out") {
    const to = loginPath(kind, slug, returnTo);
    if (to) redirect(to);
  }
  notFound();
}

/** For server components: the context of a tenant or staff member of `slug`, or a redirect to sign-in / a 404. */
export async function requirePageContext(slug: string, need: { kind: "tenant" } | { kind: "staff"; permission?: Permission }, returnTo?: string): Promise<OrgContext> {
  const r = await resolveCurrent(need, slug);
  if (r.ok) return r.ctx;
  return onDenied(need.kind, r.reason, r.org?.slug ?? slug, returnTo);
}

/** For server components of any kind: the context, or a redirect to sign-in / a 404 (memoised per request). */
export async function requireContext<N extends Need>(need: N, slug?: string, returnTo?: string): Promise<ContextFor<N["kind"]>> {
  const r = await resolveCurrent(need, slug);
  if (r.ok) return r.ctx;
  return onDenied(need.kind, r.reason, slug, returnTo);
}

type PageProps = { params?: Promise<Record<string, string | string[] | undefined>>; searchParams?: Promise<Record<string, string | string[] | undefined>> };

function firstValues(o: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) {
    const s = Array.isArray(v) ? v[0] : v;
    if (typeof s === "string") out[k] = s;
  }
  return out;
}

/**
 * A page (server component). Bad params or query → 404 (a page has no 400); signed out → the sign-in
 * page of the kind; a suspended organisation → its "temporarily closed" page (paths.organisationSuspended); a NotFound / P2025 thrown while rendering → 404; anything else → the error page.
 */
export function definePage<S extends PageSpec>(
  spec: S,
  render: (ctx: ContextFor<S["kind"]>, input: { params: Out<S["params"], Record<string, string>>; query: Out<S["query"], Record<string, string>> }) => Promise<ReactNode>,
) {
  async function Page(props: PageProps): Promise<ReactNode> {
    const rawParams = firstValues((await props.params) ?? {});
    const rawQuery = firstValues((await props.searchParams) ?? {});
    const slug = rawParams.organisation;
    const r = await resolveCurrent(needOf(spec), slug);
    if (!r.ok) return onDenied(spec.kind, r.reason, slug, spec.returnTo ? spec.returnTo(rawParams) : homePath(spec.kind, slug));
    const params = spec.params ? spec.params.safeParse(rawParams, { reportInput: true }) : { success: true as const, data: rawParams };
    const query = spec.query ? spec.query.safeParse(rawQuery, { reportInput: true }) : { success: true as const, data: rawQuery };
    if (!params.success || !query.success) notFound();
    try {
      return await render(r.ctx as ContextFor<S["kind"]>, { params: params.data, query: query.data } as never);
    } catch (e) {
      unstable_rethrow(e);
      if (problemFor(e).code === "not-found") notFound();
      throw e;
    }
  }
  return Object.assign(Page, { contract: spec });
}

// ------------------------------------------------------------------------------------------ actions

/** What a server action returns: useActionState-compatible (pass `null` as the initial state). */
export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: ErrorCode;
      status: number;
      /** For the error summary, in the user's language. */
      message: string;
      /** Per field, in the user's language; "" = the form as a whole. */
      fieldErrors?: Record<string, string[]>;
      retryAfterSeconds?: number;
      /** A plain form's values, to fill the fields again when the page renders without JavaScript (never secrets). */
      values?: Record<string, string>;
    };
export type ActionState<T> = ActionResult<T> | null;

const SECRET_FIELD = /pass|secret|code|token|cpr/i;

function echoValues(raw: unknown): Record<string, string> | undefined {
  if (!(raw instanceof FormData)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of raw.entries()) if (typeof v === "string" && !k.startsWith("$ACTION") && !SECRET_FIELD.test(k)) out[k] = v.slice(0, 2000);
  return out;
}

export type Action<T> = {
  /** For kinds without an organisation (public, operator), or with `organisation` among the input's fields. */
  (input: unknown): Promise<ActionResult<T>>;
  /** From a client component: `await action(slug, values)`. */
  (organisation: string, input: unknown): Promise<ActionResult<T>>;
  /** From useActionState: `useActionState(action.bind(null, slug), null)`. */
  (organisation: string, previous: ActionState<T>, input: FormData | unknown): Promise<ActionResult<T>>;
  /** From useActionState when the organisation is a (hidden) field of the form, or the kind has none. */
  (previous: ActionState<T>, input: FormData | unknown): Promise<ActionResult<T>>;
};

function splitActionArgs(args: unknown[]): { slug: string | undefined; raw: unknown } {
  if (args.length >= 3) return { slug: typeof args[0] === "string" ? args[0] : undefined, raw: args[2] };
  if (args.length === 2 && typeof args[0] === "string") return { slug: args[0], raw: args[1] };
  if (args.length === 2) return { slug: undefined, raw: args[1] };
  return { slug: undefined, raw: args[0] };
}

/**
 * A server action (export it from a "use server" module). Resolves the context, counts the rate
 * limit, caps the input's size, parses FormData or an object with the spec's schema, runs the
 * handler, and answers a serialisable result instead of throwing — except Next's own redirect /
 * notFound, which pass through (a handler may redirect after success).
 */
export function defineAction<S extends ActionSpec, R>(spec: S, handler: (ctx: ContextFor<S["kind"]>, input: z.output<S["input"]>) => Promise<R>): Action<R> & { contract: S } {
  const action = async (...args: unknown[]): Promise<ActionResult<R>> => {
    const { slug: argSlug, raw } = splitActionArgs(args);
    const t = await currentTranslator();
    const values = echoValues(raw);
    const fail = (problem: Problem, extra: { fieldErrors?: Record<string, string[]> } = {}): ActionResult<R> => ({
      ok: false,
      error: problem.code,
      status: problem.status,
      message: problemMessage(problem, t),
      ...extra,
      ...(problem.retryAfterSeconds ? { retryAfterSeconds: problem.retryAfterSeconds } : {}),
      ...(values ? { values } : {}),
    });

    const input: Record<string, unknown> | unknown = raw instanceof FormData ? formDataToObject(raw) : raw;
    const fromInput = input && typeof input === "object" && typeof (input as Record<string, unknown>).organisation === "string" ? ((input as Record<string, unknown>).organisation as string) : undefined;
    const slug = argSlug ?? fromInput;
    if (ORG_KINDS.has(spec.kind) && !slug) return fail(deniedProblem("not-found"));

    // An automation token reaches the versioned API only: every server action refuses it.
    if (spec.kind !== "automation" && (await currentCredentials()).bearer) return fail(deniedProblem("forbidden"));
    const r = await resolveCurrent(needOf(spec), ORG_KINDS.has(spec.kind) ? slug : undefined);
    if (!r.ok) return fail(deniedProblem(r.reason));
    const ctx = r.ctx as ContextFor<S["kind"]>;

    try {
      const limit = spec.rateLimit ?? DEFAULT_ACTION_LIMIT[spec.kind];
      if (limit) {
        const key =
          ctx.kind === "tenant" || ctx.kind === "staff"
            ? `${ctx.org.id}:${ctx.session.uid}:${ctx.session.authAt}`
            : ctx.kind === "operator"
              ? `operator:${ctx.session.uid}:${ctx.session.authAt}`
              : ctx.meta.ip ?? "unknown";
        const res = await consume(limit, key);
        if (!res.ok) throw new RateLimited(res.retryAfterSeconds);
      }
      const cap = spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
      if (sizeOf(raw) > cap) throw new PayloadTooLarge(cap);

      // The organisation travelled with the input only to address the request; the schema does not see it.
      const body = input && typeof input === "object" && !Array.isArray(input) && fromInput !== undefined ? { ...(input as Record<string, unknown>) } : input;
      if (body !== input) delete (body as Record<string, unknown>).organisation;
      const parsed = spec.input.safeParse(body, { reportInput: true });
      if (!parsed.success) return fail({ code: "invalid-input", status: 400 }, { fieldErrors: fieldErrors(parsed.error, t, spec.messages) });
      return { ok: true, data: await handler(ctx, parsed.data as z.output<S["input"]>) };
    } catch (e) {
      unstable_rethrow(e);
      if (e instanceof ApiProblem) return fail({ code: e.code, status: e.status });
      const problem = problemFor(e);
      if (problem.unexpected) logUnexpected(e, { action: spec.name ?? handler.name, kind: spec.kind });
      const fe = problem.field ? { fieldErrors: { [problem.field]: [problem.code === "rule" ? problemMessage(problem, t) : t(`errors.${problem.code}`)] } } : {};
      return fail(problem, fe);
    }
  };
  return Object.assign(action as Action<R>, { contract: spec });
}

// ------------------------------------------------------------------------------------------ routes

export type RouteContract = RouteSpec & { method?: string };
/** Every route defined with defineRoute, for the OpenAPI document. */
export const routeContracts: RouteContract[] = [];

const NO_STORE = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } as const;

function json(body: unknown, status: number, extra: Record<string, string> = {}): NextResponse {
  return NextResponse.json(body, { status, headers: { ...NO_STORE, ...extra } });
}

type ProblemExtra = { fieldErrors?: Record<string, string[]>; kind?: Kind; api?: boolean; reason?: string; nextAllowed?: string; headers?: Record<string, string> };

/**
 * An error answer. Under /api/v1 (`api`): an RFC 9457 problem (application/problem+json,
 * lib/http/problem.ts); elsewhere `{ error, message, fieldErrors? }`.
 */
function problemResponse(problem: Problem, t: Translate, extra: ProblemExtra = {}): NextResponse {
  const headers: Record<string, string> = { ...(extra.headers ?? {}) };
  if (problem.retryAfterSeconds) headers["Retry-After"] = String(problem.retryAfterSeconds);
  if (problem.code === "signed-out" && (extra.kind === "automation" || extra.api)) headers["WWW-Authenticate"] = 'Bearer realm="fraflyt"';
  if (extra.api) {
    const body: ProblemBody = {
      type: problemTypeUri(problem.code),
      title: t(`errors.${problem.code}`, { seconds: problem.retryAfterSeconds ?? 60 }),
      status: problem.status,
      code: problem.code,
      ...(extra.reason ? { reason: extra.reason, detail: t(`automationApi.reasons.${extra.reason}`, { nextAllowed: extra.nextAllowed ?? "" }) } : {}),
      ...(extra.nextAllowed ? { nextAllowed: extra.nextAllowed } : {}),
      ...(extra.fieldErrors ? { fieldErrors: extra.fieldErrors } : {}),
      ...(problem.retryAfterSeconds ? { retryAfterSeconds: problem.retryAfterSeconds } : {}),
    };
    return new NextResponse(JSON.stringify(body), { status: problem.status, headers: { ...NO_STORE, "Content-Type": PROBLEM_CONTENT_TYPE, ...headers } });
  }
  const body = {
    error: problem.code,
    message: problemMessage(problem, t),
    ...(extra.fieldErrors ? { fieldErrors: extra.fieldErrors } : {}),
    ...(problem.retryAfterSeconds ? { retryAfterSeconds: problem.retryAfterSeconds } : {}),
  };
  return json(body, problem.status, headers);
}

/** Whether a path is under the versioned API (RFC 9457 errors, RateLimit-* headers, automation tokens allowed). */
export function isVersionedApiPath(pathname: string): boolean {
  return pathname === "/api/v1" || pathname.startsWith("/api/v1/");
}

/** A validate-only request (`Prefer: validate-only` or `?validateOnly=1`): it changes nothing. */
export function isValidateOnly(req: Request): boolean {
  const prefer = req.headers.get("prefer") ?? "";
  if (/(^|[,;\s])validate-only($|[,;\s=])/i.test(prefer)) return true;
  const v = new URL(req.url).searchParams.get("validateOnly");
  return v === "1" || v === "true";
}

/** The request body as text, refusing more than `cap` bytes before reading it all. */
export async function readBodyCapped(req: Request, cap: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > cap) throw new PayloadTooLarge(cap);
  const text = await readStreamCapped(req.body, cap);
  if (text === null) throw new PayloadTooLarge(cap);
  return text;
}

type RouteInput<S extends RouteSpec> = {
  params: Out<S["params"], Record<string, string>>;
  query: Out<S["query"], Record<string, string>>;
  body: Out<S["body"], undefined>;
};

/**
 * A route handler (export it as GET/POST/…). Order: rate limit per client address → body size from
 * Content-Length → who is asking → params, query, body (JSON, capped while reading) → handler →
 * response schema. Every answer is JSON with `Cache-Control: no-store` — or, when the handler returns
 * a `Response` (a file: PDF, calendar), that response with `no-store` and `nosniff` set; errors are
 * `{ error, message, fieldErrors? }` with the status of lib/http/errors.ts.
 */
export function defineRoute<S extends RouteSpec>(
  spec: S,
  handler: (ctx: ContextFor<S["kind"]>, input: RouteInput<S>, req: NextRequest) => Promise<ResponseIn<S["response"]> | Response>,
) {
  const contract: RouteContract = { ...spec };
  routeContracts.push(contract);
  const route = async (req: NextRequest, context: { params: Promise<Record<string, string | string[]>> }): Promise<NextResponse> => {
    const t = translator(req.cookies.get("NEXT_LOCALE")?.value);
    const meta = metaFromHeaders(req.headers);
    const where = { route: spec.name ?? spec.path ?? req.nextUrl.pathname, method: req.method };
    const api = isVersionedApiPath(req.nextUrl.pathname);
    const now = requestNow(req.headers);
    // RateLimit-* headers on every /api/v1 answer: the client address's limit, then the account's once known.
    let rate: RateInfo | null = null;
    type Admission = Pick<Parameters<typeof finishAutomationRequest>[0], "org" | "db" | "userId">;
    const admission: { current: Admission | null } = { current: null };
    const withRate = (res: NextResponse): NextResponse => {
      if (api && rate) for (const [k, v] of Object.entries(rateLimitHeaders(rate))) res.headers.set(k, v);
      return res;
    };
    const answerError = (e: unknown): NextResponse => {
      if (e instanceof ApiProblem) {
        const own = (e as ApiProblem & { rate?: RateInfo }).rate;
        if (own) rate = own;
        const problem: Problem = { code: e.code, status: e.status, ...(e.extra.retryAfterSeconds ? { retryAfterSeconds: e.extra.retryAfterSeconds } : {}) };
        return problemResponse(problem, t, { kind: spec.kind, api, ...(e.extra.reason ? { reason: e.extra.reason } : {}), ...(e.extra.nextAllowed ? { nextAllowed: e.extra.nextAllowed } : {}) });
      }
      const problem = problemFor(e);
      if (problem.unexpected) logUnexpected(e, where);
      const fe = problem.field ? { fieldErrors: { [problem.field]: [problem.code === "rule" ? problemMessage(problem, t) : t(`errors.${problem.code}`)] } } : {};
      return problemResponse(problem, t, { ...fe, kind: spec.kind, api });
    };

    const run = async (): Promise<NextResponse> => {
      const limit = spec.rateLimit ?? (spec.kind === "automation" ? "automationApiPerIp" : "jsonRoutePerIp");
      if (limit) {
        const res = await consume(limit, meta.ip ?? "unknown");
        rate = { limit: LIMITS[limit].points, remaining: res.ok ? res.remaining : 0, resetSeconds: Math.ceil((res.msBeforeNext ?? LIMITS[limit].duration * 1000) / 1000) };
        if (!res.ok) throw new RateLimited(res.retryAfterSeconds);
      }
      const cap = spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
      const declared = Number(req.headers.get("content-length") ?? "");
      if (Number.isFinite(declared) && declared > cap) throw new PayloadTooLarge(cap);

      const bearer = bearerToken(req.headers.get("authorization"));
      // An automation token reaches the versioned API only: every other route refuses it.
      if (spec.kind !== "automation" && bearer && !api) return problemResponse(deniedProblem("forbidden"), t, { kind: spec.kind });

      const rawParams = firstValues((await context.params) ?? {});
      const slug = rawParams.organisation;
      if (spec.kind === "automation" && slug !== undefined) {
        // The guard (lib/automation/guard.ts): token, account, access, hours, rate — before anything else is read.
        const org = await organisationOf(slug);
        if (org && !org.suspendedAt) {
          const db = orgDb(org.id);
          const a = await admitAutomationRequest({ org, db, token: bearer, now, meta });
          rate = a.rate;
          admission.current = { org, db, userId: a.userId };
        }
      }
      const credentials =
        spec.kind === "automation"
          ? { session: null, bearer, now }
          : spec.kind === "public"
            ? { session: null, bearer: null }
            : { session: await getAppSession(), bearer: null };
      const r = await resolveNeed(needOf(spec), { slug, credentials, meta });
      if (!r.ok) return problemResponse(deniedProblem(r.reason), t, { kind: spec.kind, api });

      const params = (spec.params ?? z.record(z.string(), z.string())).safeParse(rawParams, { reportInput: true });
      const query = (spec.query ?? z.object({}).strict()).safeParse(Object.fromEntries(req.nextUrl.searchParams), { reportInput: true });
      let bodyResult: { success: true; data: unknown } | { success: false; error: z.ZodError } = { success: true, data: undefined };
      if (spec.body) {
        const text = await readBodyCapped(req, cap);
        let raw: unknown;
        if (spec.bodyType === "form") {
          raw = Object.fromEntries(new URLSearchParams(text));
        } else {
          try {
            raw = text === "" ? undefined : JSON.parse(text);
          } catch {
            return problemResponse({ code: "invalid-input", status: 400 }, t, { fieldErrors: { "": [t("validation.notJson")] }, api });
          }
        }
        bodyResult = spec.body.safeParse(raw, { reportInput: true });
      }
      const errors: Record<string, string[]> = {};
      for (const [prefix, res] of [["params", params], ["query", query], ["body", bodyResult]] as const) {
        if (!res.success) {
          const fe = fieldErrors(res.error, t, spec.messages);
          for (const [k, v] of Object.entries(fe)) errors[prefix === "body" ? k : [prefix, k].filter(Boolean).join(".")] = v;
        }
      }
      if (Object.keys(errors).length > 0) return problemResponse({ code: "invalid-input", status: 400 }, t, { fieldErrors: errors, api });

      const input = { params: params.data, query: query.data, body: bodyResult.success ? bodyResult.data : undefined } as RouteInput<S>;
      const out = await handler(r.ctx as ContextFor<S["kind"]>, input, req);
      // A handler may answer with a Response of its own (a 303 of a plain form post, a PDF, a calendar): never cached, never sniffed.
      if (out instanceof Response) {
        for (const [k, v] of Object.entries(NO_STORE)) out.headers.set(k, v);
        return out as unknown as NextResponse;
      }
      if (spec.response) {
        const checked = spec.response.safeParse(out);
        if (!checked.success) {
          logger.error({ ...where, issues: checked.error.issues.map((i) => ({ path: i.path, code: i.code })) }, "response does not match its schema");
          return problemResponse({ code: "failed", status: 500 }, t, { api });
        }
        return json(checked.data, spec.status ?? 200);
      }
      return json(out ?? null, spec.status ?? 200);
    };

    let res: NextResponse;
    try {
      res = await run();
    } catch (e) {
      res = answerError(e);
    }
    const a = admission.current;
    if (a) {
      // The request log and the error ratio (lib/automation/guard.ts); never turns an answer into a 500.
      try {
        await finishAutomationRequest({ ...a, now, method: req.method, path: req.nextUrl.pathname, status: res.status, validateOnly: isValidateOnly(req), meta });
      } catch (e) {
        logUnexpected(e, { ...where, step: "automation-log" });
      }
    }
    return withRate(res);
  };
  return Object.assign(route, { contract });
}

// ------------------------------------------------------------------------------------------ compat

/** @deprecated use defineAction: `orgAction({ kind, input }, handler)` is `defineAction` for tenant/staff. */
export function orgAction<S extends z.ZodType, R>(
  spec: ({ kind: "tenant" } | { kind: "staff"; permission?: Permission }) & { input: S },
  handler: (ctx: OrgContext, input: z.output<S>) => Promise<R>,
) {
  return defineAction(spec, handler as unknown as (ctx: ContextFor<"tenant" | "staff">, input: z.output<S>) => Promise<R>);
}

export { requestMeta };
