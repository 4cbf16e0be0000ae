import { z } from "zod";
import { defineRoute, routeContracts } from "@/lib/http/wrappers";
import { openApiDocument } from "@/lib/api/openapi";
// Every /api/v1 route module, so its contract is registered in this bundle's routeContracts.
import "../routes";

export const dynamic = "force-dynamic";

let cached: Record<string, unknown> | null = null;

/** GET /api/v1/openapi.json — the OpenAPI 3.1 document of the versioned API, generated from the routes' zod schemas. */
export const GET = defineRoute(
  { kind: "public", name: "openapi", summary: "This API's OpenAPI 3.1 document", response: z.record(z.string(), z.unknown()), rateLimit: false },
  async () => (cached ??= openApiDocument(routeContracts, { version: "1" })),
);
