import { z } from "zod";
import { defineRoute } from "@/lib/http/wrappers";
import { startLinkSigning } from "@/lib/notice/signing-flow";
import { signingRedirect } from "@/lib/notice/signing-redirect";

/**
 * POST /api/{organisation}/signering/link-start — sign later: the co-signer's "Underskriv med MitID"
 * form on the link's page posts the token here (no tenant session; the token authorises exactly one
 * notice and slot). On to the identity provider, or back to the link's page (which says when the
 * link cannot be used).
 */
export const POST = defineRoute(
  {
    kind: "public",
    name: "startLinkSigning",
    path: "/api/{organisation}/signering/link-start",
    summary: "Start signing a notice from a signing link: on to the identity provider (prompt=login, max_age=0)",
    params: z.object({ organisation: z.string().min(1).max(50) }),
    bodyType: "form",
    body: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) }),
    rateLimit: "signingLinkPerIp",
    maxBodyBytes: 4 * 1024,
  },
  async (ctx, { body }, req) => signingRedirect(await startLinkSigning({ ctx, token: body.token, req }), req),
);
