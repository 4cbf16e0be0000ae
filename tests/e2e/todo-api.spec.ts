/**
 * The to-do API over HTTP against the running app (issue 13 §1, §9, §12): list with kind filter and
 * keyset pages, read one, complete confirm-notice and provide-tenancy-details as the account
 * (audited as AUTOMATION, the notice confirmed), 409 on a stale version, validate-only that leaves
 * every affected table exactly as it was and reports the same errors as a real completion, and an
 * automation account of organisation A that gets 404 for every to-do of organisation B. Every
 * response is checked against the served OpenAPI document (tests/e2e/openapi-check.ts).
 *
 * Day tokens are written as ApiToken rows by tests/e2e/fixtures/todo-api.ts until the tests sign
 * in through api-core's token exchange.
 */
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { at, automationWorld, runFixture, type AutomationWorld } from "./api-helpers";
import { expectMatchesOpenApi } from "./openapi-check";

// A Wednesday at 10:00 in Copenhagen (inside a weekday's automation hours), through the test clock.
const NOW = "2026-12-02T09:00:00.000Z";
const EXPIRES = "2026-12-02T23:00:00.000Z";

type Snapshot = Record<string, unknown[]>;
const tokenFor = (world: AutomationWorld, n = 0) => runFixture<{ token: string }>("todo-api", { command: "token", orgId: world.orgId, userId: world.accounts[n]!.id, expiresAt: EXPIRES }).token;
const snapshot = (world: AutomationWorld) => runFixture<Snapshot>("todo-api", { command: "snapshot", orgId: world.orgId });

function api(request: APIRequestContext, token: string | null) {
  const headers = (extra: Record<string, string> = {}) => at(NOW, { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra });
  const checked = async (res: APIResponse, method: string) => {
    await expectMatchesOpenApi(res, method);
    return res;
  };
  return {
    get: async (path: string) => checked(await request.get(path, { headers: headers() }), "GET"),
    post: async (path: string, data: unknown, extra: Record<string, string> = {}) => checked(await request.post(path, { headers: headers({ "content-type": "application/json", ...extra }), data: JSON.stringify(data) }), "POST"),
  };
}

test.describe("the to-do API", () => {
  test("lists the open to-dos by kind, one keyset page at a time", async ({ request }) => {
    const world = automationWorld({ notices: 3, missing: 2 });
    const a = api(request, tokenFor(world));
    const all = await a.get(`/api/v1/${world.slug}/todos`);
    expect(all.status()).toBe(200);
    const body = (await all.json()) as { items: { id: string; kind: string; status: string }[]; next: string | null };
    expect(body.items.map((t) => t.id).sort()).toEqual([...world.notices.map((n) => n.todoId), ...world.missing.map((m) => m.todoId)].sort());
    expect(body.items.every((t) => t.status === "open")).toBe(true);
    expect(body.next).toBeNull();

    const confirm = (await (await a.get(`/api/v1/${world.slug}/todos?kind=confirm-notice`)).json()) as typeof body;
    expect(confirm.items.map((t) => t.id).sort()).toEqual(world.notices.map((n) => n.todoId).sort());
    const details = (await (await a.get(`/api/v1/${world.slug}/todos?kind=provide-tenancy-details`)).json()) as typeof body;
    expect(details.items.map((t) => t.id).sort()).toEqual(world.missing.map((m) => m.todoId).sort());

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 5; pages++) {
      const res = await a.get(`/api/v1/${world.slug}/todos?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      const page = (await res.json()) as typeof body;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((t) => t.id));
      cursor = page.next;
      if (!cursor) break;
    }
    expect(seen).toEqual(body.items.map((t) => t.id));

    const bad = await a.get(`/api/v1/${world.slug}/todos?kind=nonsense`);
    expect(bad.status()).toBe(400);
    const none = await api(request, null).get(`/api/v1/${world.slug}/todos`);
    expect(none.status()).toBe(401);
  });

  test("reads one to-do with what completing it needs", async ({ request }) => {
    const world = automationWorld({ notices: 1, missing: 1 });
    const a = api(request, tokenFor(world));
    const c = (await (await a.get(`/api/v1/${world.slug}/todos/${world.notices[0]!.todoId}`)).json()) as { kind: string; version: number; notice: { id: string; allowedInspectionDates: string[] } };
    expect(c.kind).toBe("confirm-notice");
    expect(c.notice.id).toBe(world.notices[0]!.noticeId);
    const d = (await (await a.get(`/api/v1/${world.slug}/todos/${world.missing[0]!.todoId}`)).json()) as { kind: string; tenancy: { id: string; noticeRuleOptions: { id: string }[] } };
    expect(d.kind).toBe("provide-tenancy-details");
    expect(d.tenancy.id).toBe(world.missing[0]!.lejerId);
    expect(d.tenancy.noticeRuleOptions.length).toBeGreaterThan(0);
    expect((await a.get(`/api/v1/${world.slug}/todos/00000000-0000-4000-8000-000000000000`)).status()).toBe(404);
    expect((await a.get(`/api/v1/${world.slug}/todos/not-an-id`)).status()).toBe(404);
  });

  test("validate-only changes nothing and reports the same errors as a real completion; the completion is the account's, and a stale version is 409", async ({ request }) => {
    const world = automationWorld({ notices: 2, missing: 1 });
    const a = api(request, tokenFor(world));
    const { todoId, noticeId } = world.notices[0]!;
    const url = `/api/v1/${world.slug}/todos/${todoId}/completion`;
    const before = snapshot(world);

    // Valid, through the header and through the query: what would be stored, nothing stored.
    const v1 = await a.post(url, { version: 0, caseReference: "SAG-1" }, { prefer: "validate-only" });
    expect(v1.status()).toBe(200);
    expect(v1.headers()["preference-applied"]).toBe("validate-only");
    const would = (await v1.json()) as { validateOnly: boolean; stored: boolean; todo: { version: number; completedById: string }; notice: { status: string; caseReference: string } };
    expect(would).toMatchObject({ validateOnly: true, stored: false, todo: { version: 1, completedById: world.accounts[0]!.id }, notice: { status: "CONFIRMED", caseReference: "SAG-1" } });
    const v2 = await a.post(`${url}?validateOnly=1`, { version: 0, caseReference: "SAG-1" });
    expect(v2.status()).toBe(200);
    expect(((await v2.json()) as { validateOnly: boolean }).validateOnly).toBe(true);

    // Invalid: the same errors with and without validate-only.
    const invalid = { version: 0, caseReference: "", inspectionDate: "2001-01-01" };
    const vi = await a.post(url, invalid, { prefer: "validate-only" });
    const vq = await a.post(`${url}?validateOnly=1`, invalid);
    const stale = await a.post(url, { version: 7, caseReference: "SAG-1" }, { prefer: "validate-only" });
    expect(stale.status()).toBe(409);
    const foreign = await a.post(url, { version: 0, caseReference: "SAG-1", renovationDays: 3 }, { prefer: "validate-only" });
    expect(foreign.status()).toBe(422);
    expect(snapshot(world)).toEqual(before);

    const real = await a.post(url, invalid);
    expect(vi.status()).toBe(422);
    expect(real.status()).toBe(422);
    const realBody = (await real.json()) as { fieldErrors: Record<string, string[]>; type: string };
    expect(realBody.fieldErrors.caseReference).toEqual(["caseReferenceRequired"]);
    expect(realBody.type).toBe("https://fraflyt.dk/problems/rule");
    expect((await vi.json()).fieldErrors).toEqual(realBody.fieldErrors);
    expect((await vq.json()).fieldErrors).toEqual(realBody.fieldErrors);
    expect(snapshot(world)).toEqual(before);

    // The real completion: stored as the account, in one go, and what validate-only said.
    const done = await a.post(url, { version: 0, caseReference: "SAG-1" });
    expect(done.status()).toBe(200);
    const stored = (await done.json()) as typeof would;
    expect(stored).toMatchObject({ validateOnly: false, stored: true });
    expect({ ...stored, validateOnly: true, stored: false }).toEqual(would);
    const after = snapshot(world) as { todo: { id: string; status: string; completedById: string }[]; opsigelse: { id: string; status: string; processedById: string; caseReference: string }[]; auditLog: { type: string; actorType: string; actorId: string; entityId: string }[] };
    expect(after.todo.find((t) => t.id === todoId)).toMatchObject({ status: "COMPLETED", completedById: world.accounts[0]!.id });
    expect(after.opsigelse.find((n) => n.id === noticeId)).toMatchObject({ status: "CONFIRMED", processedById: world.accounts[0]!.id, caseReference: "SAG-1" });
    const audit = after.auditLog.filter((r) => r.entityId === todoId || r.entityId === noticeId);
    expect(audit.map((r) => `${r.type}:${r.actorType}:${r.actorId}`).sort()).toEqual([`NOTICE_CONFIRMED:AUTOMATION:${world.accounts[0]!.id}`, `TODO_COMPLETED:AUTOMATION:${world.accounts[0]!.id}`]);

    // The same version again: the to-do changed meanwhile → 409, nothing stored.
    const again = await a.post(url, { version: 0, caseReference: "SAG-2" });
    expect(again.status()).toBe(409);
    expect(((await again.json()) as { reason: string }).reason).toBe("closed");
    const other = await a.post(`/api/v1/${world.slug}/todos/${world.notices[1]!.todoId}/completion`, { version: 3, caseReference: "SAG-3" });
    expect(other.status()).toBe(409);
    expect(((await other.json()) as { reason: string }).reason).toBe("version");
  });

  test("completes provide-tenancy-details, validate-only first", async ({ request }) => {
    const world = automationWorld({ missing: 1 });
    const a = api(request, tokenFor(world));
    const { todoId, lejerId } = world.missing[0]!;
    const detail = (await (await a.get(`/api/v1/${world.slug}/todos/${todoId}`)).json()) as { version: number; tenancy: { noticeRuleOptions: { id: string }[] } };
    const rule = detail.tenancy.noticeRuleOptions[0]!.id;
    const url = `/api/v1/${world.slug}/todos/${todoId}/completion`;
    const before = snapshot(world);
    const missingRule = await a.post(url, { version: detail.version, renovationDays: 400 }, { prefer: "validate-only" });
    expect(missingRule.status()).toBe(422);
    const missingReal = await a.post(url, { version: detail.version, renovationDays: 400 });
    expect((await missingReal.json()).fieldErrors).toEqual((await missingRule.json()).fieldErrors);
    const v = await a.post(url, { version: detail.version, noticeRuleId: rule, renovationDays: 14 }, { prefer: "validate-only" });
    expect(v.status()).toBe(200);
    expect(snapshot(world)).toEqual(before);
    const done = await a.post(url, { version: detail.version, noticeRuleId: rule, renovationDays: 14 });
    expect(done.status()).toBe(200);
    expect(((await done.json()) as { tenancy: { id: string; renovationDays: number } }).tenancy).toMatchObject({ id: lejerId, renovationDays: 14 });
    const after = snapshot(world) as { lejer: { id: string; noticeRuleId: string; renovationDays: number }[]; auditLog: { type: string; actorType: string; entityId: string }[] };
    expect(after.lejer.find((l) => l.id === lejerId)).toMatchObject({ noticeRuleId: rule, renovationDays: 14 });
    expect(after.auditLog.filter((r) => r.entityId === todoId).map((r) => `${r.type}:${r.actorType}`)).toEqual(["TODO_COMPLETED:AUTOMATION"]);
  });

  test("an automation account of organisation A gets 404 for every to-do of organisation B", async ({ request }) => {
    const orgA = automationWorld({ notices: 1 });
    const orgB = automationWorld({ notices: 2, missing: 2 });
    const a = api(request, tokenFor(orgA));
    const bTodos = [...orgB.notices.map((n) => n.todoId), ...orgB.missing.map((m) => m.todoId)];
    const before = snapshot(orgB);
    for (const id of bTodos) {
      expect((await a.get(`/api/v1/${orgA.slug}/todos/${id}`)).status()).toBe(404);
      expect((await a.post(`/api/v1/${orgA.slug}/todos/${id}/completion`, { version: 0, caseReference: "X" }, { prefer: "validate-only" })).status()).toBe(404);
      expect((await a.post(`/api/v1/${orgA.slug}/todos/${id}/completion`, { version: 0, caseReference: "X" })).status()).toBe(404);
      expect((await a.post(`/api/v1/${orgA.slug}/todos/${id}/completion`, { version: 0, noticeRuleId: null, renovationDays: 5 })).status()).toBe(404);
      // A's token in B's URL is no token of B at all.
      expect((await a.get(`/api/v1/${orgB.slug}/todos/${id}`)).status()).toBe(401);
    }
    const listed = (await (await a.get(`/api/v1/${orgA.slug}/todos`)).json()) as { items: { id: string }[] };
    expect(listed.items.map((t) => t.id)).toEqual([orgA.notices[0]!.todoId]);
    expect(snapshot(orgB)).toEqual(before);
  });
});

test.describe("the API description", () => {
  test("/api/v1/openapi.json is public and describes the to-do routes; /udviklere/api reads it out in Danish and English", async ({ request }) => {
    const doc = await request.get("/api/v1/openapi.json", { headers: at(NOW) });
    expect(doc.status()).toBe(200);
    expect(doc.headers()["content-type"]).toContain("application/json");
    const json = (await doc.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(json.openapi).toBe("3.1.0");
    expect(Object.keys(json.paths)).toEqual(expect.arrayContaining(["/api/v1/{organisation}/todos", "/api/v1/{organisation}/todos/{todoId}", "/api/v1/{organisation}/todos/{todoId}/completion"]));

    // The page, over HTTP (server-rendered; no browser needed).
    const da = await request.get("/udviklere/api", { headers: at(NOW) });
    expect(da.status()).toBe(200);
    const daHtml = await da.text();
    expect(daHtml).toContain("API til automatisering");
    expect(daHtml).toContain("/api/v1/{organisation}/todos/{todoId}/completion");
    expect(daHtml).toContain('href="/api/v1/openapi.json"');
    const en = await request.get("/udviklere/api", { headers: at(NOW, { cookie: "NEXT_LOCALE=en" }) });
    expect(await en.text()).toContain("Automation API");
  });
});
