import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { paths } from "@/lib/http/paths";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Options are built per request: tenant sign-in providers come from each organisation's settings.
async function handler(req: NextRequest, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  // The tenant cancelled at MitID (the broker answers error=access_denied): back to the
  // organisation's sign-in page with a plain message, instead of next-auth's generic error.
  const provider = nextauth[0] === "callback" ? /^mitid-([a-z0-9-]+)$/.exec(nextauth[1] ?? "") : null;
  if (provider && req.nextUrl.searchParams.get("error") === "access_denied") {
    const target = new URL(`${paths.tenantLogin(provider[1]!)}?error=cancelled`, process.env.NEXTAUTH_URL ?? req.nextUrl.origin);
    return NextResponse.redirect(target, 303);
  }
  return NextAuth(req as never, ctx as never, await authOptions());
}

export { handler as GET, handler as POST };
