/** The JSON shape of the Updates feed (GET /api/v1/{organisation}/updates), for the route and the OpenAPI document. */
import { z } from "zod";

export const updateSchema = z
  .object({
    id: z.string().uuid(),
    title: z.string(),
    body: z.string(),
    /** The Danish calendar day the change takes effect (YYYY-MM-DD). */
    effectiveOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe("The Danish calendar day the change takes effect"),
    publishedAt: z.string().describe("When the operator published it (ISO 8601, UTC)"),
  })
  .strict();

export const updatesFeedSchema = z.object({ updates: z.array(updateSchema) }).strict();
export type UpdatesFeed = z.output<typeof updatesFeedSchema>;
