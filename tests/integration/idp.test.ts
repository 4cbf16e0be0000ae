/**
 * The local identity provider (lib/idp/provider.ts) driven with plain fetch the way a relying party and
 * a browser would: discovery, authorization code + PKCE + state + nonce, the Danish login page, the
 * token endpoint (client_secret_basic and client_secret_post), the ID token and userinfo; plus the
 * refusals (unknown username, missing PKCE, wrong redirect_uri, wrong secret, wrong verifier, reused
 * code), cancel, single sign-on, prompt=login forcing a fresh login as another person, the
 * organisation's name on the login page, and RP-initiated logout back to the organisation's sign-in
 * page that ends the single sign-on session.
 */
import { createHash, createPublicKey, randomBytes, verify as verifySignature, type JsonWebKey } from "node:crypto";
import { createServer } from "node:net";
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { startIdentityProvider, signingCallbackUrl, tenantCallbackUrl, tenantPostLogoutUrl, type RunningIdentityProvider } from "../../lib/idp/provider";
import { demoIdentity, demoOidcClients } from "../../lib/demo/identities";

const APP = "http://localhost:3999";
const client = demoOidcClients[0];
const otherClient = demoOidcClients[1];
const redirectUri = tenantCallbackUrl(APP, client.organisationSlug);

type Discovery = {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
  end_session_endpoint: string;
  code_challenge_methods_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  scopes_supported: string[];
};

let idp: RunningIdentityProvider;
let issuer: string;
let discovery: Discovery;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A tiny cookie jar: the user agent's cookies at the IdP (name + path, prefix-matched paths). */
class CookieJar {
  private cookies = new Map<string, { name: string; value: string; path: string }>();

  store(res: Response): void {
    for (const header of res.headers.getSetCookie()) {
      const [pair, ...attrs] = header.split(";").map((s) => s.trim());
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      let path = "/";
      let expired = false;
      for (const attr of attrs) {
        const [k, v = ""] = attr.split("=");
        if (k!.toLowerCase() === "path") path = v;
        if (k!.toLowerCase() === "expires" && new Date(v).getTime() < Date.now()) expired = true;
        if (k!.toLowerCase() === "max-age" && Number(v) <= 0) expired = true;
      }
      const key = `${name}|${path}`;
      if (expired || value === "") this.cookies.delete(key);
      else this.cookies.set(key, { name, value, path });
    }
  }

  header(url: string): string {
    const { pathname } = new URL(url);
    return [...this.cookies.values()]
      .filter((c) => pathname === c.path || pathname.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
  }
}

/** One browser request at the IdP: sends and stores cookies, never follows redirects. */
async function browse(jar: CookieJar, url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  const cookie = jar.header(url);
  if (cookie) headers.cookie = cookie;
  let body: string | undefined;
  if (init.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(init.form).toString();
  }
  const res = await fetch(url, { method: init.method ?? (body ? "POST" : "GET"), headers, body, redirect: "manual" });
  jar.store(res);
  return res;
}

function location(res: Response, base: string): string {
  const loc = res.headers.get("location");
  expect(loc, `expected a redirect from ${base}, got HTTP ${res.status}`).toBeTruthy();
  return new URL(loc!, base).href;
}

/** Follows redirects within the IdP until one leaves it (to the relying party) or a page renders. */
async function followAtIdp(jar: CookieJar, start: string): Promise<{ url: string; res?: Response }> {
  let url = start;
  for (let i = 0; i < 10; i++) {
    if (!url.startsWith(issuer)) return { url };
    const res = await browse(jar, url);
    if (res.status < 300 || res.status >= 400) return { url, res };
    url = location(res, url);
  }
  throw new Error("too many redirects");
}

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function authUrl(params: Record<string, string | undefined>): string {
  const url = new URL(discovery.authorization_endpoint);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.href;
}

type AuthRequest = { state: string; nonce: string; verifier: string; url: string };

function newAuthRequest(overrides: Record<string, string | undefined> = {}): AuthRequest {
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(16).toString("base64url");
  const nonce = randomBytes(16).toString("base64url");
  const url = authUrl({
    client_id: client.clientId,
    response_type: "code",
    redirect_uri: redirectUri,
    scope: "openid profile email cpr",
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...overrides,
  });
  return { state, nonce, verifier, url };
}

/** Starts an authorization request and returns the login page it lands on. */
async function openLoginPage(jar: CookieJar, req: AuthRequest): Promise<{ pageUrl: string; html: string }> {
  const { url, res } = await followAtIdp(jar, req.url);
  expect(res, `expected the login page, was sent to ${url}`).toBeDefined();
  expect(res!.status).toBe(200);
  expect(new URL(url).pathname).toMatch(/^\/interaction\/[\w-]+$/);
  return { pageUrl: url, html: await res!.text() };
}

/** Submits the login form and follows the redirects back to the relying party's redirect_uri. */
async function login(jar: CookieJar, pageUrl: string, username: string): Promise<URL> {
  const res = await browse(jar, `${pageUrl}/login`, { form: { username } });
  expect(res.status).toBe(303);
  const { url } = await followAtIdp(jar, location(res, pageUrl));
  return new URL(url);
}

async function token(params: Record<string, string>, auth: "basic" | "post" = "basic", secret: string = client.clientSecret): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  const body = new URLSearchParams(params);
  if (auth === "basic") {
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(secret)}`).toString("base64")}`;
  } else {
    body.set("client_id", client.clientId);
    body.set("client_secret", secret);
  }
  return fetch(discovery.token_endpoint, { method: "POST", headers, body: body.toString() });
}

function decodeJwt(jwt: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [h, p] = jwt.split(".");
  return {
    header: JSON.parse(Buffer.from(h!, "base64url").toString("utf8")) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(p!, "base64url").toString("utf8")) as Record<string, unknown>,
  };
}

async function signInAs(jar: CookieJar, username: string, overrides: Record<string, string | undefined> = {}) {
  const req = newAuthRequest(overrides);
  const { pageUrl } = await openLoginPage(jar, req);
  const callback = await login(jar, pageUrl, username);
  return { req, callback };
}

beforeAll(async () => {
  const port = await freePort();
  idp = await startIdentityProvider({ port, issuer: `http://localhost:${port}`, redirectUris: [APP, "http://127.0.0.1:3998/"] });
  issuer = idp.issuer;
  const res = await fetch(`${issuer}/.well-known/openid-configuration`);
  expect(res.status).toBe(200);
  discovery = (await res.json()) as Discovery;
});

afterAll(async () => {
  await idp?.close();
});

describe("local identity provider (MitID test stand-in)", () => {
  it("publishes a discovery document with the exact issuer, PKCE S256 and both secret auth methods", () => {
    expect(issuer).toMatch(/^http:\/\/localhost:\d+$/);
    expect(discovery.issuer).toBe(issuer);
    expect(discovery.authorization_endpoint).toBe(`${issuer}/auth`);
    expect(discovery.code_challenge_methods_supported).toEqual(["S256"]);
    expect(discovery.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(["client_secret_basic", "client_secret_post"]));
    expect(discovery.scopes_supported).toEqual(expect.arrayContaining(["openid", "profile", "email", "cpr"]));
  });

  it("runs a complete authorization code + PKCE flow: login page, code, tokens, ID token claims, userinfo", async () => {
    const jar = new CookieJar();
    const req = newAuthRequest();

    const { pageUrl, html } = await openLoginPage(jar, req);
    expect(html).toContain('<html lang="da">');
    expect(html).toContain("<title>MitID (test) – Log ind</title>");
    expect(html).toMatch(/<label for="username">Brugernavn<\/label>/);
    expect(html).toMatch(/<input type="text" id="username" name="username"[^>]*autocomplete="off"/);
    expect(html).toMatch(/<button type="submit">Fortsæt<\/button>/);
    expect(html).toContain("<code>anna</code> – Anna Jensen");
    // The organisation's name, not its slug.
    expect(html).toContain(`Du logger ind hos <strong>${client.organisationName}</strong>`);
    expect(html).not.toContain(`<strong>${client.organisationSlug}`);
    expect(html).toContain('name="viewport"');

    const callback = await login(jar, pageUrl, "anna");
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    expect(callback.searchParams.get("state")).toBe(req.state);
    expect(callback.searchParams.get("iss")).toBe(issuer);
    const code = callback.searchParams.get("code");
    expect(code).toBeTruthy();

    const res = await token({ grant_type: "authorization_code", code: code!, redirect_uri: redirectUri, code_verifier: req.verifier });
    expect(res.status).toBe(200);
    const tokens = (await res.json()) as { id_token: string; access_token: string; token_type: string; scope: string };
    expect(tokens.token_type).toBe("Bearer");
    expect(tokens.scope.split(" ").sort()).toEqual(["cpr", "email", "openid", "profile"]);

    const anna = demoIdentity("anna")!;
    const { header, payload } = decodeJwt(tokens.id_token);
    expect(header.alg).toBe("RS256");
    expect(payload).toMatchObject({
      iss: issuer,
      aud: client.clientId,
      sub: anna.sub,
      name: anna.name,
      email: anna.email,
      email_verified: true,
      cpr: anna.cpr,
      nonce: req.nonce,
    });
    expect(typeof payload.auth_time).toBe("number");

    // The signature verifies with the published key.
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: Array<JsonWebKey & { kid: string }> };
    const jwk = jwks.keys.find((k) => k.kid === header.kid);
    expect(jwk).toBeDefined();
    expect(jwk).not.toHaveProperty("d");
    const [h, p, s] = tokens.id_token.split(".");
    const valid = verifySignature("sha256", Buffer.from(`${h}.${p}`), createPublicKey({ key: jwk!, format: "jwk" }), Buffer.from(s!, "base64url"));
    expect(valid).toBe(true);

    const userinfo = await fetch(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(userinfo.status).toBe(200);
    expect(await userinfo.json()).toEqual({ sub: anna.sub, name: anna.name, email: anna.email, email_verified: true, cpr: anna.cpr });

    // An authorization code is single-use.
    const again = await token({ grant_type: "authorization_code", code: code!, redirect_uri: redirectUri, code_verifier: req.verifier });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: string }).error).toBe("invalid_grant");
  });

  it("accepts client_secret_post at the token endpoint", async () => {
    const { req, callback } = await signInAs(new CookieJar(), "bent");
    const res = await token(
      { grant_type: "authorization_code", code: callback.searchParams.get("code")!, redirect_uri: redirectUri, code_verifier: req.verifier },
      "post",
    );
    expect(res.status).toBe(200);
    const { payload } = decodeJwt(((await res.json()) as { id_token: string }).id_token);
    expect(payload.sub).toBe(demoIdentity("bent")!.sub);
  });

  it("re-renders the form with an error for an unknown username", async () => {
    const jar = new CookieJar();
    const { pageUrl } = await openLoginPage(jar, newAuthRequest());
    const res = await browse(jar, `${pageUrl}/login`, { form: { username: "nobody" } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<p id="username-error" class="error" role="alert">Ukendt brugernavn<\/p>/);
    expect(html).toMatch(/id="username"[^>]*value="nobody"[^>]*aria-describedby="username-error" aria-invalid="true"/);

    // The same interaction still works afterwards; usernames are trimmed and case-insensitive.
    const callback = await login(jar, pageUrl, "  Anna ");
    expect(callback.searchParams.get("code")).toBeTruthy();
  });

  it("signs in the IdP-known person who is not a tenant anywhere ('ukendt')", async () => {
    const { req, callback } = await signInAs(new CookieJar(), "ukendt");
    const res = await token({ grant_type: "authorization_code", code: callback.searchParams.get("code")!, redirect_uri: redirectUri, code_verifier: req.verifier });
    const { payload } = decodeJwt(((await res.json()) as { id_token: string }).id_token);
    expect(payload.sub).toBe(demoIdentity("ukendt")!.sub);
  });

  it("cancelling returns access_denied to the relying party with the same state", async () => {
    const jar = new CookieJar();
    const req = newAuthRequest();
    const { pageUrl, html } = await openLoginPage(jar, req);
    expect(html).toContain(`href="${new URL(pageUrl).pathname}/abort"`);
    const res = await browse(jar, `${pageUrl}/abort`);
    expect(res.status).toBe(303);
    const { url } = await followAtIdp(jar, location(res, pageUrl));
    const callback = new URL(url);
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("error_description")).toBe("Brugeren afbrød");
    expect(callback.searchParams.get("state")).toBe(req.state);
    expect(callback.searchParams.has("code")).toBe(false);
  });

  it("refuses an authorization request without PKCE", async () => {
    const req = newAuthRequest({ code_challenge: undefined, code_challenge_method: undefined });
    const res = await browse(new CookieJar(), req.url);
    expect(res.status).toBe(303);
    const callback = new URL(location(res, req.url));
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    expect(callback.searchParams.get("error")).toBe("invalid_request");
    expect(callback.searchParams.get("error_description")).toMatch(/PKCE/);
    expect(callback.searchParams.get("state")).toBe(req.state);
  });

  it("refuses a redirect_uri that is not registered (an error page, no redirect)", async () => {
    for (const bad of [`${APP}/api/auth/callback/evil`, tenantCallbackUrl(APP, otherClient.organisationSlug), "http://evil.example/cb"]) {
      const req = newAuthRequest({ redirect_uri: bad });
      const res = await browse(new CookieJar(), req.url);
      expect(res.status).toBe(400);
      expect(res.headers.get("location")).toBeNull();
      const html = await res.text();
      expect(html).toContain("Der opstod en fejl");
      expect(html).toContain("redirect_uri");
    }
  });

  it("registers every configured app base URL (trailing slash ignored)", async () => {
    const req = newAuthRequest({ redirect_uri: "http://127.0.0.1:3998/api/auth/callback/mitid-nordhavn" });
    const { pageUrl } = await openLoginPage(new CookieJar(), req);
    expect(pageUrl).toContain("/interaction/");
  });

  it("refuses a wrong client secret and a wrong code_verifier at the token endpoint", async () => {
    const { req, callback } = await signInAs(new CookieJar(), "carl");
    const code = callback.searchParams.get("code")!;
    for (const auth of ["basic", "post"] as const) {
      const res = await token({ grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: req.verifier }, auth, "wrong-secret");
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: string }).error).toBe("invalid_client");
    }
    const otherSecret = await token({ grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: req.verifier }, "basic", otherClient.clientSecret);
    expect(otherSecret.status).toBe(401);

    const wrongVerifier = await token({ grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: pkcePair().verifier });
    expect(wrongVerifier.status).toBe(400);
    expect(((await wrongVerifier.json()) as { error: string }).error).toBe("invalid_grant");
  });

  it("keeps a single sign-on session, and prompt=login forces a fresh login (also as another person)", async () => {
    const jar = new CookieJar();
    const first = await signInAs(jar, "anna");
    expect(first.callback.searchParams.get("code")).toBeTruthy();

    // Without prompt=login the IdP session signs anna in again without showing the page.
    const sso = newAuthRequest();
    const { url, res } = await followAtIdp(jar, sso.url);
    expect(res).toBeUndefined();
    expect(new URL(url).searchParams.get("code")).toBeTruthy();

    // prompt=login shows the login page again; a different person (a co-signer) can sign in.
    const fresh = newAuthRequest({ prompt: "login" });
    const { pageUrl } = await openLoginPage(jar, fresh);
    const callback = await login(jar, pageUrl, "birgit");
    expect(callback.searchParams.get("state")).toBe(fresh.state);
    const tokenRes = await token({ grant_type: "authorization_code", code: callback.searchParams.get("code")!, redirect_uri: redirectUri, code_verifier: fresh.verifier });
    expect(tokenRes.status).toBe(200);
    const { payload } = decodeJwt(((await tokenRes.json()) as { id_token: string }).id_token);
    const birgit = demoIdentity("birgit")!;
    expect(payload).toMatchObject({ sub: birgit.sub, name: birgit.name, cpr: birgit.cpr, nonce: fresh.nonce });

    // prompt=login as the same person works too, with a newer auth_time or the same second.
    const sameAgain = newAuthRequest({ prompt: "login" });
    const page2 = await openLoginPage(jar, sameAgain);
    const cb2 = await login(jar, page2.pageUrl, "birgit");
    expect(cb2.searchParams.get("code")).toBeTruthy();
  });

  it("signing: the callback URI is registered; prompt=login + max_age=0 shows the form despite a session, with the reference text either way; auth_time is fresh", async () => {
    const jar = new CookieJar();
    await signInAs(jar, "bent");
    const signingUri = signingCallbackUrl(APP, client.organisationSlug);
    const text = "Opsigelse af Havnegade 1, 2. th pr. 28.02.2027";
    for (const extra of [{ reference_text: text }, { login_hint: `message:${Buffer.from(text, "utf8").toString("base64url")}` }]) {
      const req = newAuthRequest({ redirect_uri: signingUri, prompt: "login", max_age: "0", ...extra });
      const { pageUrl, html } = await openLoginPage(jar, req);
      expect(html).toContain(`Du underskriver: <strong>${text}</strong>`);
      expect(html).toContain('name="username" value=""');
      const before = Math.floor(Date.now() / 1000);
      const callback = await login(jar, pageUrl, "birgit");
      expect(callback.href.startsWith(signingUri)).toBe(true);
      const tokenRes = await token({ grant_type: "authorization_code", code: callback.searchParams.get("code")!, redirect_uri: signingUri, code_verifier: req.verifier });
      expect(tokenRes.status).toBe(200);
      const { payload } = decodeJwt(((await tokenRes.json()) as { id_token: string }).id_token);
      expect(payload.sub).toBe(demoIdentity("birgit")!.sub);
      expect(payload.auth_time as number).toBeGreaterThanOrEqual(before - 1);
    }
  });

  // The app sends client_id only by default (the ID token carries the CPR number and the URL stays in
  // the browser's history); id_token_hint where a broker requires it (settings.oidc.logoutIdTokenHint).
  it.each(["client_id", "id_token_hint"] as const)("ends its session at RP-initiated logout (%s) and returns to the organisation's sign-in page; the next sign-in asks again", async (identifiedBy) => {
    const jar = new CookieJar();
    const { req, callback } = await signInAs(jar, "anna");
    const tokenRes = await token({ grant_type: "authorization_code", code: callback.searchParams.get("code")!, redirect_uri: redirectUri, code_verifier: req.verifier });
    const { id_token } = (await tokenRes.json()) as { id_token: string };

    const postLogout = tenantPostLogoutUrl(APP, client.organisationSlug);
    const end = new URL(discovery.end_session_endpoint);
    if (identifiedBy === "id_token_hint") end.searchParams.set("id_token_hint", id_token);
    else end.searchParams.set("client_id", client.clientId);
    end.searchParams.set("post_logout_redirect_uri", postLogout);
    const page = await browse(jar, end.href);
    expect(page.status).toBe(200);
    const html = await page.text();
    // The page submits itself (nonce'd script) with logout=yes; without JavaScript, one button.
    const nonce = /script-src 'nonce-([^']+)'/.exec(page.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(`<script nonce="${nonce}">`);
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)">/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(html).toContain('name="logout" value="yes"');
    const confirm = await browse(jar, new URL(action!, issuer).href, { form: { xsrf: xsrf!, logout: "yes" } });
    expect([302, 303]).toContain(confirm.status);
    expect(location(confirm, issuer)).toBe(postLogout);

    // No single sign-on any more: the login page again.
    await openLoginPage(jar, newAuthRequest());
  });

  it("refuses a post-logout redirect that is not the app's", async () => {
    const end = new URL(discovery.end_session_endpoint);
    end.searchParams.set("client_id", client.clientId);
    end.searchParams.set("post_logout_redirect_uri", "https://evil.example/");
    const res = await browse(new CookieJar(), end.href);
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
  });

  it("shows an error page for an unknown or expired interaction", async () => {
    const res = await browse(new CookieJar(), `${issuer}/interaction/doesnotexist`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Login-sessionen er udløbet");
  });
});
