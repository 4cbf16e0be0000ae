/**
 * Checks a Playwright APIResponse against the served OpenAPI document (/api/v1/openapi.json): the
 * path and method are described, the status is one of the operation's responses, the content type
 * is one it declares (problems: application/problem+json), and the body validates against that
 * response's schema (JSON Schema 2020-12, Ajv; formats date, date-time and uuid checked). Use it on
 * every API response of an HTTP test:
 *
 *   const res = await request.get(`/api/v1/${slug}/todos`, { headers });
 *   await expectMatchesOpenApi(res, "GET");
 *
 * The document is fetched once per worker from the server under test.
 */
import { expect, request as playwrightRequest, type APIResponse } from "@playwright/test";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";

type Operation = { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
type Doc = { paths: Record<string, Record<string, Operation>> };

let loaded: Promise<{ doc: Doc; ajv: Ajv2020 }> | null = null;
const compiled = new Map<string, ValidateFunction>();

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function load(baseURL: string): Promise<{ doc: Doc; ajv: Ajv2020 }> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  try {
    const res = await ctx.get("/api/v1/openapi.json");
    if (res.status() !== 200) throw new Error(`GET /api/v1/openapi.json answered ${res.status()}`);
    const doc = (await res.json()) as Doc;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addFormat("date", DATE).addFormat("date-time", DATE_TIME).addFormat("uuid", UUID);
    ajv.addSchema(doc as object, "openapi.json");
    return { doc, ajv };
  } finally {
    await ctx.dispose();
  }
}

/** The OpenAPI document served by the app under test. */
export async function openApiDocument(baseURL = process.env.E2E_BASE_URL ?? `http://localhost:${process.env.E2E_PORT ?? "3100"}`): Promise<Doc> {
  loaded ??= load(baseURL);
  return (await loaded).doc;
}

const escapePointer = (s: string) => s.replaceAll("~", "~0").replaceAll("/", "~1");

/** The document's path template that `pathname` matches (literal segments before parameters). */
export function matchPath(doc: Doc, pathname: string): string | null {
  const candidates = Object.keys(doc.paths).filter((t) => new RegExp(`^${t.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`).test(pathname));
  candidates.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0)); // the most literal first
  return candidates[0] ?? null;
}

/** Problems of the response against the document; an empty list when it conforms. */
export async function openApiProblems(res: APIResponse, method = "GET"): Promise<string[]> {
  const url = new URL(res.url());
  await openApiDocument(url.origin);
  const { doc, ajv } = await loaded!;
  const m = method.toLowerCase();
  const template = matchPath(doc, url.pathname);
  if (!template) return [`${url.pathname} is not in the OpenAPI document`];
  const op = doc.paths[template]![m];
  if (!op) return [`${method} ${template} is not in the OpenAPI document`];
  const status = String(res.status());
  const declared = op.responses[status] ?? op.responses[`${status[0]}XX`] ?? op.responses.default;
  if (!declared) return [`${method} ${template}: status ${status} is not documented (${Object.keys(op.responses).join(", ")})`];
  const contentType = (res.headers()["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  const media = declared.content ?? {};
  if (Object.keys(media).length === 0) return [];
  if (!(contentType in media)) return [`${method} ${template} ${status}: content type "${contentType}" is not one of ${Object.keys(media).join(", ")}`];
  if (!media[contentType]!.schema) return [];
  const ptr = `openapi.json#/paths/${escapePointer(template)}/${m}/responses/${status in op.responses ? status : "default"}/content/${escapePointer(contentType)}/schema`;
  let validate = compiled.get(ptr);
  if (!validate) {
    validate = ajv.getSchema(ptr);
    if (!validate) return [`no schema at ${ptr}`];
    compiled.set(ptr, validate);
  }
  let body: unknown;
  try {
    body = JSON.parse(await res.text());
  } catch {
    return [`${method} ${template} ${status}: body is not JSON`];
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${method} ${template} ${status}: body${e.instancePath} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}

/** Fails the test unless the response conforms to the served OpenAPI document. */
export async function expectMatchesOpenApi(res: APIResponse, method = "GET"): Promise<void> {
  expect(await openApiProblems(res, method), `${method} ${res.url()} against /api/v1/openapi.json`).toEqual([]);
}
