import NextAuth from "next-auth";
import { cookies } from "next/headers";
import { NextResponse, type NextRequest } from "next/server";
import { sanitizeCallbackInputs } from "@/lib/auth/redirect";
import { authOptions } from "@/lib/auth/options";
import { signInLimitFor, tooManyResponse, unavailableResponse } from "@/lib/auth/limits";
import { paths } from "@/lib/http/paths";
import { requestMeta } from "@/lib/http/meta";
import { consume } from "@/lib/security/rate-limit";
import { logger } from "@/lib/logger";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Options are built per request: tenant sign-in providers come from each organisation's settings.
async function handler(req: NextRequest, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  const base = (process.env.NEXTAUTH_URL ?? req.nextUrl.origin).replace(/\/$/, "");

  // Every way into a session is rate limited per client address (shared by every instance):
  // the credentials callback, the tenant's sign-in start and the identity provider's callback.
  const limit = signInLimitFor(req.method, nextauth);
  if (limit) {
    const address = (await requestMeta()).ip ?? "unknown";
    let r: Awaited<ReturnType<typeof consume>> = { ok: true, remaining: 0 };
    try {
      r = await consume(limit.name, address);
    } catch (err) {
      logger.error({ err }, "rate limit store failed");
    }
    if (!r.ok) return tooManyResponse(req, { ...limit, retryAfterSeconds: r.retryAfterSeconds, baseUrl: base });
  }

  // The tenant cancelled at MitID (the broker answers error=access_denied): back to the
  // organisation's sign-in page with a plain message, instead of next-auth's generic error.
  const provider = nextauth[0] === "callback" ? /^mitid-([a-z0-9-]+)$/.exec(nextauth[1] ?? "") : null;
  if (provider && req.nextUrl.searchParams.get("error") === "access_denied") {
    const target = new URL(`${paths.tenantLogin(provider[1]!)}?error=cancelled`, base);
    return NextResponse.redirect(target, 303);
  }
  // An unparsable callbackUrl (query or cookie) would make next-auth answer 500: make it safe first.
  sanitizeCallbackInputs(req.nextUrl.searchParams, await cookies(), base);

  // A copy of the body, for a plain error answer if next-auth fails after reading it.
  const copy = req.method === "POST" ? (req.clone() as NextRequest) : req;
  try {
    return await NextAuth(req as never, ctx as never, await authOptions());
  } catch (err) {
    // Never the error's text (a database error names tables and hosts): a plain page or JSON.
    logger.error({ err, path: req.nextUrl.pathname }, "auth route failed");
    return unavailableResponse(copy);
  }
}

export { handler as GET, handler as POST };
