import { z } from "zod";
import { defineRoute } from "@/lib/http/wrappers";
import { startSigning } from "@/lib/notice/signing-flow";
import { signingRedirect } from "@/lib/notice/signing-redirect";

/**
 * POST /api/{organisation}/signering/start — a plain HTML form ("Underskriv med MitID som …") posts
 * here. Back to our own pages: a 303. On to the organisation's identity provider (a fresh
 * authentication; the tenant's own session is not touched): a page that goes there by itself (meta
 * refresh, a link as fallback), because CSP `form-action 'self'` also governs the redirects that
 * answer a form post and would stop the browser at our origin.
 */
export const POST = defineRoute(
  {
    kind: "tenant",
    name: "startSigning",
    path: "/api/{organisation}/signering/start",
    summary: "Start signing a notice: on to the identity provider (prompt=login, max_age=0)",
    params: z.object({ organisation: z.string().min(1).max(50) }),
    bodyType: "form",
    body: z.object({ noticeId: z.uuid(), role: z.enum(["tenant1", "tenant2", "cohabitant"]) }),
    rateLimit: "signInPerIp",
    maxBodyBytes: 4 * 1024,
  },
  async (ctx, { body }, req) => signingRedirect(await startSigning({ ctx, noticeId: body.noticeId, role: body.role, req }), req),
);
