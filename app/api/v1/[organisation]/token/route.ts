import { z } from "zod";
import { defineRoute } from "@/lib/http/wrappers";
import { requestNow } from "@/lib/clock";
import { exchangeApiKey } from "@/lib/automation/tokens";

const slug = z.string().min(1).max(50);

/**
 * POST /api/v1/{organisation}/token — an automation account's API key plus the day's TOTP code, for
 * a bearer token valid until the next Danish midnight. A wrong, old or used code: 401.
 */
export const POST = defineRoute(
  {
    kind: "public",
    name: "createToken",
    path: "/api/v1/{organisation}/token",
    summary: "Exchange an automation account's API key and the day's code for a day token",
    params: z.object({ organisation: slug }),
    body: z.object({ apiKey: z.string().min(1).max(200), code: z.string().min(1).max(20) }).strict(),
    response: z.object({ token: z.string(), tokenType: z.literal("Bearer"), expiresAt: z.string() }),
    rateLimit: "automationTokenPerIp",
    maxBodyBytes: 4 * 1024,
    // 401: unknown key, wrong / old / used code; 403: account paused or switched off, automation not enabled; 404: no such organisation.
    openapi: { errors: [401, 403, 404] },
  },
  async (ctx, { body }, req) => {
    if (!ctx.org) throw new Error("unreachable: the organisation of the URL is resolved by the wrapper");
    return exchangeApiKey({ org: ctx.org, apiKey: body.apiKey, code: body.code, now: requestNow(req.headers), meta: ctx.meta });
  },
);
