import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Options are built per request: tenant sign-in providers come from each organisation's settings.
async function handler(req: NextRequest, ctx: Ctx) {
  return NextAuth(req as never, ctx as never, await authOptions());
}

export { handler as GET, handler as POST };
