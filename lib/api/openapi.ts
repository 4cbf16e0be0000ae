/**
 * The OpenAPI 3.1 document of the versioned API (/api/v1), generated from the routes' own contracts
 * (lib/http/wrappers.ts `routeContracts` / `.contract`: path, params, query, body, response — zod
 * schemas, converted with zod 4's z.toJSONSchema, JSON Schema 2020-12 as OpenAPI 3.1 uses it).
 * Named schemas (`.meta({ id })`) become components; every automation route also answers the RFC
 * 9457 problems of the guard (400, 401, 403, 404 — also an unknown organisation —, 429), plus the ones its contract lists in
 * `openapi.errors`. Only contracts whose path starts with /api/v1 are described.
 */
import "server-only";
import { z } from "zod";
import type { RouteContract } from "@/lib/http/wrappers";
import { PROBLEM_CONTENT_TYPE, problemSchema } from "@/lib/http/problem";

/** Extra OpenAPI facts a route's spec may carry (the wrapper keeps unknown spec members in `.contract`). */
export type OpenApiExtra = { prefer?: boolean; errors?: number[]; public?: boolean; description?: string };

type Json = Record<string, unknown>;
type Contract = RouteContract & { openapi?: OpenApiExtra; method?: string };

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid input (fieldErrors per field)",
  401: "No valid day token",
  403: "Not allowed now (outside the hours: reason, nextAllowed and Retry-After) or not allowed at all",
  404: "Not found (also: not this organisation's)",
  409: "The to-do changed since it was read (reason: version) or is no longer open (reason: closed)",
  422: "A rule of the completion is broken (fieldErrors as stable codes); nothing was stored",
  429: "Too many requests (Retry-After)",
};

class Components {
  readonly schemas: Record<string, Json> = {};
  /** The JSON Schema of `schema`, its named parts hoisted into components. */
  convert(schema: z.ZodType, io: "input" | "output"): Json {
    const js = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Json;
    const text = JSON.stringify(js).replaceAll('"#/$defs/', '"#/components/schemas/');
    const out = JSON.parse(text) as Json;
    const defs = (out.$defs ?? {}) as Record<string, Json>;
    delete out.$defs;
    delete out.$schema;
    for (const [k, v] of Object.entries(defs)) this.schemas[k] ??= v;
    // A named top-level schema is emitted as { $ref, $defs }: the $ref alone remains.
    if (typeof out.id === "string") {
      const id = out.id;
      delete out.id;
      this.schemas[id] ??= out;
      return { $ref: `#/components/schemas/${id}` };
    }
    return out;
  }
}

function parametersOf(c: Components, schema: z.ZodType | undefined, where: "path" | "query"): Json[] {
  if (!schema) return [];
  const js = c.convert(schema, "input");
  const props = (js.properties ?? {}) as Record<string, Json>;
  const required = new Set((js.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => {
    const { description, ...rest } = s as Json & { description?: string };
    return { name, in: where, required: where === "path" || required.has(name), schema: rest, ...(description ? { description } : {}) };
  });
}

const methodOf = (c: Contract): string => (c.method ?? (c.body ? "post" : "get")).toLowerCase();

export function openApiDocument(contracts: readonly RouteContract[], info: { version: string; serverUrl?: string }): Json {
  const c = new Components();
  const problemRef = c.convert(problemSchema, "output");
  const problem = (status: number) => ({ description: ERROR_TEXT[status] ?? "Error", content: { [PROBLEM_CONTENT_TYPE]: { schema: problemRef } } });
  const paths: Record<string, Record<string, Json>> = {};
  const seen = new Set<string>();
  for (const raw of contracts as Contract[]) {
    if (!raw.path?.startsWith("/api/v1/")) continue;
    const method = methodOf(raw);
    const key = `${method} ${raw.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const automation = raw.kind === "automation";
    const parameters = [...parametersOf(c, raw.params, "path"), ...parametersOf(c, raw.query, "query")];
    if (raw.openapi?.prefer)
      parameters.push({ name: "Prefer", in: "header", required: false, description: "`validate-only`: run every check, store nothing, answer what would be stored", schema: { type: "string" } });
    const ok = raw.response ? { content: { "application/json": { schema: c.convert(raw.response, "output") } } } : {};
    const responses: Record<string, Json> = { [String(raw.status ?? 200)]: { description: raw.summary ?? "OK", ...ok } };
    const errors = new Set<number>([400, ...(automation ? [401, 403, 404, 429] : [429]), ...(raw.openapi?.errors ?? [])]);
    for (const s of [...errors].sort()) responses[String(s)] = problem(s);
    const op: Json = {
      operationId: raw.name,
      summary: raw.summary,
      ...(raw.openapi?.description ? { description: raw.openapi.description } : {}),
      tags: [automation ? "automation" : "public"],
      ...(parameters.length ? { parameters } : {}),
      ...(raw.body ? { requestBody: { required: true, content: { "application/json": { schema: c.convert(raw.body, "input") } } } } : {}),
      responses,
      ...(automation ? { security: [{ dayToken: [] }] } : { security: [] }),
    };
    (paths[raw.path] ??= {})[method] = op;
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Fraflyt automation API",
      version: info.version,
      description:
        "The to-do API an administration's own software drives (issue 13). Sign in with the account's API key and the day's code (POST /api/v1/{organisation}/token) for a day token that expires at the next Danish midnight, then send it as `Authorization: Bearer <token>`. Errors are RFC 9457 problem details (application/problem+json).",
    },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      schemas: Object.fromEntries(Object.entries(c.schemas).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: { dayToken: { type: "http", scheme: "bearer", description: "The day token of POST /api/v1/{organisation}/token" } },
    },
  };
}
