/**
 * The Updates feed for automation (issue 13 §8): every Update the operator published, newest
 * first, as JSON. Automation kind (a day token of an account of the URL's organisation).
 */
import { z } from "zod";
import { defineRoute } from "@/lib/http/wrappers";
import { listUpdates } from "@/lib/automation/updates";
import { updatesFeedSchema } from "@/lib/automation/updates-feed";

export const GET = defineRoute(
  {
    kind: "automation",
    name: "listUpdates",
    summary: "Updates: changes that affect automation, published at least 14 days before they take effect",
    path: "/api/v1/{organisation}/updates",
    params: z.object({ organisation: z.string().min(1).max(50) }),
    response: updatesFeedSchema,
  },
  async () => ({ updates: await listUpdates() }),
);
