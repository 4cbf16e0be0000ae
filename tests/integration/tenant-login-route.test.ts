/**
 * POST /api/{organisation}/login (the tenant's "Log ind med MitID" form, with or without
 * JavaScript) through the request wrapper, against this lane's database and a local identity
 * provider: next-auth's own OAuth start (state, PKCE S256 and nonce, each in its cookie; the
 * callback-url cookie), answered by a page that goes on to the identity provider by itself (meta
 * refresh and a link; no script; no-store). The callbackUrl is a path under /{organisation}/beboer
 * or the tenant's home; an unknown organisation is a 404; another site's post, a used-up sign-in
 * limit, an organisation without MitID and an unreachable identity provider go back to our own
 * sign-in page.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";

vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined, getAll: () => [] }) }));

const APP = "http://localhost:3998";
process.env.NEXTAUTH_URL = APP;
process.env.AUTH_SECRET ??= "integration-auth-secret-0123456789abcdefghij";
process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

const { createPrismaClient } = await import("@/lib/db/client");
const { createOrganisation } = await import("@/lib/db/platform");
const { encryptSecret } = await import("@/lib/crypto");
const { organisationSettingsSchema } = await import("@/lib/organisation/settings");
const { SYSTEM_ACTOR } = await import("@/lib/audit/events");
const { consume, LIMITS } = await import("@/lib/security/rate-limit");
const { demoOidcClients } = await import("@/lib/demo/identities");
const { startIdentityProvider } = await import("@/lib/idp/provider");
const { paths } = await import("@/lib/http/paths");
const { POST } = await import("@/app/api/[organisation]/login/route");
const { testDatabaseUrl } = await import("../support/db");

type Idp = Awaited<ReturnType<typeof startIdentityProvider>>;

let prisma: ReturnType<typeof createPrismaClient>;
let idp: Idp;
const stamp = Date.now().toString(36);
const slug = `login-${stamp}`;
const noMitid = `login-none-${stamp}`;
const unreachable = `login-down-${stamp}`;
const client = demoOidcClients[0]!;

const oidc = (issuer: string) => ({ issuer, clientId: client.clientId, clientSecretEnc: encryptSecret(client.clientSecret), scope: "openid profile email cpr", cprClaim: "cpr" });

beforeAll(async () => {
  process.env.DATABASE_URL = testDatabaseUrl();
  prisma = createPrismaClient(testDatabaseUrl());
  idp = await startIdentityProvider({ port: 0, redirectUris: [APP] });
  const audit = { actor: SYSTEM_ACTOR };
  await createOrganisation(prisma, { slug, name: "Login A/S", settings: organisationSettingsSchema.parse({ oidc: oidc(idp.issuer) }) }, audit);
  await createOrganisation(prisma, { slug: noMitid, name: "Uden MitID", settings: organisationSettingsSchema.parse({}) }, audit);
  // A closed port: the identity provider's discovery fails.
  await createOrganisation(prisma, { slug: unreachable, name: "Nede", settings: organisationSettingsSchema.parse({ oidc: oidc("http://127.0.0.1:9") }) }, audit);
});
afterAll(async () => {
  await idp?.close();
  await prisma?.$disconnect();
});

let ip = "";
let n = 0;
beforeEach(() => {
  n++;
  ip = `198.51.${100 + Math.floor(n / 250)}.${n % 250}`;
});

function post(form: Record<string, string>, opts: { org?: string; origin?: string | null; site?: string; locale?: string } = {}) {
  const org = opts.org ?? slug;
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip, host: new URL(APP).host };
  if (opts.origin !== null) headers.origin = opts.origin ?? APP;
  if (opts.site) headers["sec-fetch-site"] = opts.site;
  if (opts.locale) headers.cookie = `NEXT_LOCALE=${opts.locale}`;
  return POST(new NextRequest(`${APP}/api/${org}/login`, { method: "POST", headers, body: new URLSearchParams(form).toString() }), {
    params: Promise.resolve({ organisation: org }),
  });
}

/** name → { value, attributes } of a response's Set-Cookie headers. */
function setCookies(res: Response): Map<string, { value: string; attrs: string }> {
  const out = new Map<string, { value: string; attrs: string }>();
  for (const header of res.headers.getSetCookie()) {
    const [pair, ...attrs] = header.split(";");
    const eq = pair!.indexOf("=");
    out.set(pair!.slice(0, eq).trim(), { value: decodeURIComponent(pair!.slice(eq + 1)), attrs: attrs.join(";").toLowerCase() });
  }
  return out;
}

function refreshTarget(html: string): URL {
  const m = /<meta http-equiv="refresh" content="0;url=([^"]+)">/.exec(html);
  expect(m, "a meta refresh").not.toBeNull();
  return new URL(m![1]!.replace(/&#38;/g, "&"));
}

describe("POST /api/{organisation}/login", () => {
  it("starts next-auth's OAuth flow and answers a page that goes on to the identity provider by itself", async () => {
    const deep = `/${slug}/beboer/selvbetjening/opsigelse`;
    const res = await post({ callbackUrl: deep });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("Du sendes videre til MitID");
    expect(html).toContain('<html lang="da">');

    const target = refreshTarget(html);
    expect(`${target.origin}${target.pathname}`).toBe(`${idp.issuer}/auth`);
    const q = target.searchParams;
    expect(q.get("client_id")).toBe(client.clientId);
    expect(q.get("response_type")).toBe("code");
    expect(q.get("redirect_uri")).toBe(`${APP}/api/auth/callback/mitid-${slug}`);
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("scope")).toBe("openid profile email cpr");
    // The visible link goes to the same place.
    expect(html).toMatch(/<a class="button" href="[^"]+"[^>]*>Fortsæt til MitID<\/a>/);
    expect(html.match(/href="(http[^"]+)"/)?.[1]?.replace(/&#38;/g, "&")).toBe(target.href);

    // next-auth's own cookies for the checks it makes at the callback, and the address to come back to.
    const cookies = setCookies(res);
    for (const name of ["next-auth.state", "next-auth.pkce.code_verifier", "next-auth.nonce"]) {
      expect(cookies.get(name), name).toBeDefined();
      expect(cookies.get(name)!.attrs).toContain("httponly");
      expect(cookies.get(name)!.attrs).toContain("samesite=lax");
    }
    expect(cookies.get("next-auth.callback-url")?.value).toBe(`${APP}${deep}`);
    // state and nonce travel in the URL; the PKCE verifier never does (only its challenge).
    expect(q.get("state")).toBeTruthy();
    expect(q.get("nonce")).toBeTruthy();
    expect(q.get("code_challenge")).toBeTruthy();
    expect(target.href).not.toContain(cookies.get("next-auth.pkce.code_verifier")!.value);
  });

  it("answers in English with the English language cookie", async () => {
    const res = await post({}, { locale: "en" });
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Continue to MitID");
  });

  it("accepts a same-origin post without an Origin header (Sec-Fetch-Site)", async () => {
    const res = await post({}, { origin: null, site: "same-origin" });
    expect(res.status).toBe(200);
  });

  it.each([
    ["no callbackUrl", undefined],
    ["another site", "https://evil.example/"],
    ["a scheme-relative URL", "//evil.example/"],
    ["a backslash trick", "/\\evil.example"],
    ["javascript:", "javascript:alert(1)"],
    ["another organisation's page", "/nordhavn/beboer/selvbetjening/opsigelse"],
    ["the staff pages", `/${slug}/admin`],
    ["a path that only starts like ours", `/${slug}/beboerx`],
    ["over 2000 characters", `/${slug}/beboer/${"a".repeat(2001)}`],
  ] as const)("comes back to the tenant's home for %s", async (_name, callbackUrl) => {
    const res = await post(callbackUrl === undefined ? {} : { callbackUrl });
    expect(res.status).toBe(200);
    expect(setCookies(res).get("next-auth.callback-url")?.value).toBe(`${APP}${paths.tenantHome(slug)}`);
  });

  it("keeps a path under the organisation's tenant pages, with its query", async () => {
    const path = `/${slug}/beboer/selvbetjening/opsigelse/abc/trin?x=1`;
    const res = await post({ callbackUrl: path });
    expect(setCookies(res).get("next-auth.callback-url")?.value).toBe(`${APP}${path}`);
  });

  it("is a 404 for an organisation that does not exist", async () => {
    const res = await post({}, { org: "findes-ikke" });
    expect(res.status).toBe(404);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it.each([
    ["another site's Origin", { origin: "https://evil.example" }],
    ["no Origin and a cross-site fetch", { origin: null, site: "cross-site" }],
    ["neither header", { origin: null }],
  ] as const)("sends %s to our sign-in page, starting nothing", async (_name, opts) => {
    const res = await post({ callbackUrl: `/${slug}/beboer/selvbetjening/opsigelse` }, opts);
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get("location")!);
    expect(to.origin).toBe(APP);
    expect(to.pathname).toBe(paths.tenantLogin(slug));
    expect(to.searchParams.get("callbackUrl")).toBe(`/${slug}/beboer/selvbetjening/opsigelse`);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("goes back to the sign-in page with ?error=rate-limited and Retry-After once the sign-in limit is used up", async () => {
    await consume("signInPerIp", ip, LIMITS.signInPerIp.points);
    const res = await post({ callbackUrl: `/${slug}/beboer/selvbetjening/opsigelse` });
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get("location")!);
    expect(to.pathname).toBe(paths.tenantLogin(slug));
    expect(to.searchParams.get("error")).toBe("rate-limited");
    expect(to.searchParams.get("callbackUrl")).toBe(`/${slug}/beboer/selvbetjening/opsigelse`);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("counts against the sign-in limit: the last allowed start passes, the next one does not", async () => {
    await consume("signInPerIp", ip, LIMITS.signInPerIp.points - 1);
    expect((await post({})).status).toBe(200);
    expect((await post({})).status).toBe(303);
  });

  it.each([
    ["an organisation without MitID", noMitid],
    ["an identity provider that cannot be reached", unreachable],
  ])("goes back to the sign-in page with ?error=failed for %s", async (_name, org) => {
    const res = await post({}, { org });
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get("location")!);
    expect(to.pathname).toBe(paths.tenantLogin(org));
    expect(to.searchParams.get("error")).toBe("failed");
    expect(res.headers.getSetCookie().filter((c) => /^next-auth\.(state|nonce|pkce)/.test(c))).toEqual([]);
  });
});
