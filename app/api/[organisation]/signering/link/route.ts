import { NextResponse } from "next/server";
import { z } from "zod";
import { defineRoute } from "@/lib/http/wrappers";
import { sendOrCancelLink } from "@/lib/notice/signing-flow";

/**
 * POST /api/{organisation}/signering/link — sign later, the tenant's plain forms on the signing
 * page: "Send et link til X i stedet" (intent=send; sending again replaces the live link) and
 * "Annuller linket" (intent=cancel). Always a 303 back to the signing page with the outcome.
 */
export const POST = defineRoute(
  {
    kind: "tenant",
    name: "signingLink",
    path: "/api/{organisation}/signering/link",
    summary: "Send or cancel a signing link for a co-signer's slot",
    params: z.object({ organisation: z.string().min(1).max(50) }),
    bodyType: "form",
    body: z.object({ noticeId: z.uuid(), role: z.enum(["tenant1", "tenant2", "cohabitant"]), intent: z.enum(["send", "cancel"]) }),
    rateLimit: "signInPerIp",
    maxBodyBytes: 4 * 1024,
  },
  async (ctx, { body }, req) => NextResponse.redirect((await sendOrCancelLink({ ctx, noticeId: body.noticeId, role: body.role, intent: body.intent, req })).url, 303),
);
