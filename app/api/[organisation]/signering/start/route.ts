import { NextResponse } from "next/server";
import { z } from "zod";
import { defineRoute } from "@/lib/http/wrappers";
import { startSigning } from "@/lib/notice/signing-flow";

/**
 * POST /api/{organisation}/signering/start — a plain HTML form ("Underskriv med MitID som …") posts
 * here (CSP form-action 'self'), and the answer is a 303 to the organisation's identity provider
 * for a fresh authentication; the tenant's own session is not touched.
 */
export const POST = defineRoute(
  {
    kind: "tenant",
    name: "startSigning",
    path: "/api/{organisation}/signering/start",
    summary: "Start signing a notice: 303 to the identity provider (prompt=login, max_age=0)",
    params: z.object({ organisation: z.string().min(1).max(50) }),
    bodyType: "form",
    body: z.object({ noticeId: z.uuid(), role: z.enum(["tenant1", "tenant2", "cohabitant"]) }),
    rateLimit: "signInPerIp",
    maxBodyBytes: 4 * 1024,
  },
  async (ctx, { body }, req) => {
    const to = await startSigning({ ctx, noticeId: body.noticeId, role: body.role, req });
    const res = NextResponse.redirect(to.url, 303);
    if (to.cookie) res.cookies.set(to.cookie.name, to.cookie.value, to.cookie.options);
    return res;
  },
);
