import { z } from "zod";
import { defineRoute } from "@/lib/http/wrappers";
import { requestNow } from "@/lib/clock";

const slug = z.string().min(1).max(50);

/** GET /api/v1/{organisation}/ping — a no-op automation route: every check of the guard, then nothing (the benchmark's baseline). */
export const GET = defineRoute(
  {
    kind: "automation",
    name: "ping",
    path: "/api/v1/{organisation}/ping",
    summary: "Check a day token: answers ok when the account may act now",
    params: z.object({ organisation: slug }),
    response: z.object({ ok: z.literal(true), organisation: z.string(), account: z.string(), at: z.string() }),
  },
  async (ctx, _input, req) => ({ ok: true as const, organisation: ctx.org.slug, account: ctx.actor.label, at: requestNow(req.headers).toISOString() }),
);
