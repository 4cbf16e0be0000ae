process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";
import { describe, expect, it } from "vitest";
import Ajv2020 from "ajv/dist/2020";
import { routeContracts } from "@/lib/http/wrappers";
import { openApiDocument } from "@/lib/api/openapi";
import "@/app/api/v1/[organisation]/todos/route";
import "@/app/api/v1/[organisation]/todos/[todoId]/route";
import "@/app/api/v1/[organisation]/todos/[todoId]/completion/route";

describe("the OpenAPI document of /api/v1", () => {
  const doc = openApiDocument(routeContracts, { version: "1" }) as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters?: { name: string; in: string }[] }>>; components: { schemas: Record<string, unknown> } };

  it("describes the to-do routes from their contracts", () => {
    if (process.env.PRINT_OPENAPI) console.log(JSON.stringify(doc, null, 1));
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/{organisation}/todos", "/api/v1/{organisation}/todos/{todoId}", "/api/v1/{organisation}/todos/{todoId}/completion"]));
    const post = doc.paths["/api/v1/{organisation}/todos/{todoId}/completion"]!.post!;
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "403", "404", "409", "422", "429"]));
    expect(post.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual(expect.arrayContaining(["path:organisation", "path:todoId", "query:validateOnly", "header:Prefer"]));
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["Problem", "Todo", "TodoPage", "TodoCompletion", "TodoCompletionResult"]));
  });

  it("has only schemas a JSON Schema 2020-12 validator compiles", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(doc, "openapi.json");
    for (const [p, ops] of Object.entries(doc.paths))
      for (const [m, op] of Object.entries(ops))
        for (const status of Object.keys(op.responses)) {
          const ptr = `openapi.json#/paths/${p.replaceAll("~", "~0").replaceAll("/", "~1")}/${m}/responses/${status}`;
          expect(() => ajv.getSchema(ptr), `${m} ${p} ${status}`).not.toThrow();
        }
  });
});
