/**
 * The one wrapper for pages, server actions and route handlers: session → organisation → role,
 * then zod-parsed input, before any handler runs. Handlers never see an unauthenticated or
 * unparsed request, and never return raw error messages.
 */
import { notFound, redirect } from "next/navigation";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { resolveOrgContext, type Denied, type Need, type OrgContext } from "./context";
import { logger } from "@/lib/logger";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: Denied | "invalid-input" | "failed"; fieldErrors?: Record<string, string[]> };

function loginPath(slug: string, need: Need, returnTo?: string): string {
  const base = need.kind === "staff" ? `/${slug}/admin/login` : `/${slug}/beboer/login`;
  return returnTo ? `${base}?callbackUrl=${encodeURIComponent(returnTo)}` : base;
}

/** For server components: the context, or a redirect to sign-in / a 404. */
export async function requirePageContext(slug: string, need: Need, returnTo?: string): Promise<OrgContext> {
  const r = await resolveOrgContext(slug, need);
  if (r.ok) return r.ctx;
  if (r.reason === "signed-out" && r.org) redirect(loginPath(r.org.slug, need, returnTo));
  notFound();
}

function fieldErrors(error: z.ZodError): Record<string, string[]> {
  return z.flattenError(error).fieldErrors as Record<string, string[]>;
}

/**
 * Defines a server action bound to an organisation:
 *   export const saveX = orgAction({ kind: "staff", permission: "codes.manage", input: schema }, async (ctx, input) => …);
 * and in a client component: `await saveX(slug, values)`.
 */
export function orgAction<S extends z.ZodType, R>(spec: Need & { input: S }, handler: (ctx: OrgContext, input: z.infer<S>) => Promise<R>) {
  return async (slug: string, raw: unknown): Promise<ActionResult<R>> => {
    const r = await resolveOrgContext(String(slug), spec);
    if (!r.ok) return { ok: false, error: r.reason };
    const parsed = spec.input.safeParse(raw instanceof FormData ? Object.fromEntries(raw) : raw);
    if (!parsed.success) return { ok: false, error: "invalid-input", fieldErrors: fieldErrors(parsed.error) };
    try {
      return { ok: true, data: await handler(r.ctx, parsed.data) };
    } catch (e) {
      logger.error({ err: e, action: handler.name, org: r.ctx.org.slug }, "server action failed");
      return { ok: false, error: "failed" };
    }
  };
}

const STATUS: Record<Denied | "invalid-input", number> = { "signed-out": 401, "not-found": 404, forbidden: 403, "invalid-input": 400 };

/**
 * Defines a route handler under /api/{organisation}/…: JSON in (query for GET, body otherwise), JSON out.
 */
export function orgRoute<S extends z.ZodType, R>(spec: Need & { input: S }, handler: (ctx: OrgContext, input: z.infer<S>, req: NextRequest) => Promise<R>) {
  return async (req: NextRequest, context: { params: Promise<{ organisation: string }> }): Promise<NextResponse> => {
    const { organisation } = await context.params;
    const r = await resolveOrgContext(organisation, spec);
    if (!r.ok) return NextResponse.json({ error: r.reason }, { status: STATUS[r.reason] });
    let raw: unknown;
    if (req.method === "GET" || req.method === "HEAD") raw = Object.fromEntries(req.nextUrl.searchParams);
    else {
      try {
        raw = await req.json();
      } catch {
        return NextResponse.json({ error: "invalid-input", message: "The body must be JSON." }, { status: 400 });
      }
    }
    const parsed = spec.input.safeParse(raw);
    if (!parsed.success) return NextResponse.json({ error: "invalid-input", fieldErrors: fieldErrors(parsed.error) }, { status: 400 });
    try {
      return NextResponse.json(await handler(r.ctx, parsed.data, req));
    } catch (e) {
      logger.error({ err: e, route: req.nextUrl.pathname }, "route handler failed");
      return NextResponse.json({ error: "failed" }, { status: 500 });
    }
  };
}
