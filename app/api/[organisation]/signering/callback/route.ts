import { NextResponse } from "next/server";
import { z } from "zod";
import { defineRoute } from "@/lib/http/wrappers";
import { finishSigningCallback } from "@/lib/notice/signing-flow";

/**
 * GET /api/{organisation}/signering/callback — the identity provider redirects the signer here.
 * Always a 303: to the receipt when the notice was submitted, else back to the signing page (with
 * ?fejl=<code> when something was refused, cancelled or failed) — never a 500.
 */
export const GET = defineRoute(
  {
    kind: "public",
    name: "signingCallback",
    path: "/api/{organisation}/signering/callback",
    summary: "Finish a signing authentication and record the signature",
    params: z.object({ organisation: z.string().min(1).max(50) }),
    query: z.record(z.string(), z.string().max(4000)),
    rateLimit: "oidcCallbackPerIp",
  },
  async (ctx, _input, req) => {
    const to = await finishSigningCallback({ ctx, req });
    const res = NextResponse.redirect(to.url, 303);
    res.cookies.set(to.clearCookie.name, "", to.clearCookie.options);
    return res;
  },
);
