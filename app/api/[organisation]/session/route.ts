import { z } from "zod";
import { orgRoute } from "@/lib/http/wrappers";
import { PERMISSIONS } from "@/lib/auth/permissions";

/** GET /api/{organisation}/session — who the signed-in staff member is here, and what they may do. */
export const GET = orgRoute({ kind: "staff", input: z.object({}).strict() }, async (ctx) => ({
  organisation: { slug: ctx.org.slug, name: ctx.org.name },
  user: { id: ctx.session.uid, name: ctx.session.name, email: ctx.session.email ?? null },
  roles: ctx.roles,
  permissions: PERMISSIONS.filter((p) => ctx.permissions.has(p)),
}));
