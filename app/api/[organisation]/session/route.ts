import { z } from "zod";
import { defineRoute } from "@/lib/http/wrappers";
import { PERMISSIONS } from "@/lib/auth/permissions";

const slug = z.string().min(1).max(50);

/** GET /api/{organisation}/session — who the signed-in staff member is here, and what they may do. */
export const GET = defineRoute(
  {
    kind: "staff",
    name: "getSession",
    path: "/api/{organisation}/session",
    summary: "The signed-in staff member, their roles and permissions in this organisation",
    params: z.object({ organisation: slug }),
    response: z.object({
      organisation: z.object({ slug: z.string(), name: z.string() }),
      user: z.object({ id: z.string(), name: z.string(), email: z.string().nullable() }),
      roles: z.array(z.string()),
      permissions: z.array(z.enum(PERMISSIONS)),
    }),
  },
  async (ctx) => ({
    organisation: { slug: ctx.org.slug, name: ctx.org.name },
    user: { id: ctx.session.uid, name: ctx.session.name, email: ctx.session.email ?? null },
    roles: [...ctx.roles],
    permissions: PERMISSIONS.filter((p) => ctx.permissions.has(p)),
  }),
);
