/**
 * Local OpenID Connect identity provider for development, demos and tests. It stands in for a MitID
 * broker's pre-production environment: one OIDC client per demo organisation (lib/demo/identities.ts:
 * demoOidcClients), the demo identities as accounts, authorization code + PKCE (S256, required),
 * client_secret_basic or client_secret_post at the token endpoint.
 *
 * Built on oidc-provider 9 with an in-memory adapter of its own (state is lost on restart — fine for dev/test),
 * a fresh RS256 signing key and fresh cookie keys per start, and its own Danish login pages
 * (GET /interaction/:uid, POST /interaction/:uid/login, GET /interaction/:uid/abort).
 *
 * Never use this in production: anyone can sign in as any demo identity by typing its username.
 */
import "server-only";
import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import ProviderClass from "oidc-provider";
import type {
  Account,
  Adapter,
  AdapterPayload,
  Configuration,
  ErrorOut,
  Grant,
  Interaction,
  KoaContextWithOIDC,
  Provider,
} from "oidc-provider";
import { demoIdentities, demoIdentity, demoOidcClients, tenantProviderId, type DemoIdentity } from "../demo/identities";

export type IdentityProviderOptions = {
  /** TCP port to listen on; 0 picks a free one (then `issuer` defaults to http://localhost:<port>). */
  port: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /**
   * The issuer identifier, exactly as the relying party is configured with it (e.g. "http://localhost:4000";
   * "localhost" and "127.0.0.1" are different issuers). Origin only, no path.
   * Default: http://localhost:<port>.
   */
  issuer?: string;
  /** Base URLs of the Fraflyt app(s) allowed as relying parties, e.g. ["http://localhost:3000"]. */
  redirectUris: string[];
};

export type RunningIdentityProvider = {
  issuer: string;
  port: number;
  close(): Promise<void>;
};

/** The claims the IdP releases, grouped by scope. `cpr` is a custom scope, as MitID brokers offer. */
export const idpClaims: Readonly<Record<"openid" | "profile" | "email" | "cpr", readonly string[]>> = {
  openid: ["sub"],
  profile: ["name"],
  email: ["email", "email_verified"],
  cpr: ["cpr"],
};

export const idpScopes = "openid profile email cpr";

/** Redirect URI the app's next-auth provider for an organisation uses at the given app base URL. */
export function tenantCallbackUrl(appBaseUrl: string, organisationSlug: string): string {
  return `${trimSlash(appBaseUrl)}/api/auth/callback/${tenantProviderId(organisationSlug)}`;
}

/** Redirect URI of the app's signing flow (a fresh prompt=login authentication per signature) for an organisation. */
export function signingCallbackUrl(appBaseUrl: string, organisationSlug: string): string {
  return `${trimSlash(appBaseUrl)}/api/${organisationSlug}/signering/callback`;
}

/**
 * The reference text a signing request carries (as MitID brokers show it): `reference_text`
 * (Signaturgruppen) or `login_hint=message:<base64url>` (Idura). At most 130 characters shown.
 */
export function referenceTextOf(params: Record<string, unknown>): string | null {
  const direct = params.reference_text;
  if (typeof direct === "string" && direct.trim()) return direct.trim().slice(0, 130);
  const hint = params.login_hint;
  if (typeof hint === "string" && hint.startsWith("message:")) {
    try {
      const text = Buffer.from(hint.slice("message:".length), "base64url").toString("utf8").trim();
      return text ? text.slice(0, 130) : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** Where the app sends a tenant back after the identity provider's logout: the organisation's sign-in page. */
export function tenantPostLogoutUrl(appBaseUrl: string, organisationSlug: string): string {
  return `${trimSlash(appBaseUrl)}/${organisationSlug}/beboer/login`;
}

export async function startIdentityProvider(options: IdentityProviderOptions): Promise<RunningIdentityProvider> {
  const host = options.host ?? "127.0.0.1";
  if (options.redirectUris.length === 0) throw new Error("startIdentityProvider: redirectUris must name at least one app base URL");
  for (const base of options.redirectUris) formActionOrigins.add(new URL(base).origin);

  // Listen first, so that port 0 works and the issuer can default to the bound port.
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => {
    if (handler) handler(req, res);
    else sendHtml(res, 503, errorPage("Login-tjenesten starter", "Prøv igen om et øjeblik."));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    });

  try {
    const issuer = options.issuer ?? `http://localhost:${port}`;
    const provider = await createProvider(issuer, options.redirectUris);
    const callback = provider.callback();
    handler = (req, res) => {
      const path = new URL(req.url ?? "/", "http://idp.invalid").pathname;
      if (path === "/interaction" || path.startsWith("/interaction/")) {
        handleInteraction(provider, path, req, res).catch((err: unknown) => {
          console.error("[idp] interaction failed:", err);
          if (!res.headersSent) sendHtml(res, 500, errorPage("Der opstod en fejl", "Login kunne ikke gennemføres. Start forfra fra tjenesten."));
          else res.end();
        });
        return;
      }
      void callback(req, res);
    };
    return { issuer: provider.issuer, port, close };
  } catch (err) {
    await close();
    throw err;
  }
}

async function createProvider(issuer: string, appBaseUrls: string[]): Promise<Provider> {
  const issuerUrl = new URL(issuer);
  if (issuerUrl.pathname !== "/" || issuerUrl.search || issuerUrl.hash) {
    throw new Error(`startIdentityProvider: the issuer must be an origin without a path, got ${issuer}`);
  }
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: "jwk" }), kid: randomUUID(), alg: "RS256", use: "sig" };

  const secureCookies = issuerUrl.protocol === "https:";
  const configuration: Configuration = {
    clients: demoOidcClients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      // The name the tenant sees at the login page ("Du logger ind hos …").
      client_name: c.organisationName,
      redirect_uris: appBaseUrls.flatMap((base) => [tenantCallbackUrl(base, c.organisationSlug), signingCallbackUrl(base, c.organisationSlug)]),
      // RP-initiated logout: back to the organisation's tenant sign-in page (or the app's front page).
      post_logout_redirect_uris: appBaseUrls.flatMap((base) => [tenantPostLogoutUrl(base, c.organisationSlug), `${trimSlash(base)}/`]),
      grant_types: ["authorization_code"],
      response_types: ["code"],
      // clientAuthMethods below lets the client use client_secret_post too.
      token_endpoint_auth_method: "client_secret_basic",
      // auth_time in every ID token, so the app can check a prompt=login sign-in (signing) is fresh.
      require_auth_time: true,
    })),
    clientAuthMethods: ["client_secret_basic", "client_secret_post"],
    // The signing request's reference text (Signaturgruppen's parameter), shown on the login page.
    extraParams: ["reference_text"],
    responseTypes: ["code"],
    // oidc-provider 9 supports S256 only; require it of every client (MitID brokers do).
    pkce: { required: () => true },
    claims: Object.fromEntries(Object.entries(idpClaims).map(([scope, claims]) => [scope, [...claims]])),
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => {
      const identity = demoIdentities.find((i) => i.sub === sub);
      return identity ? account(identity) : undefined;
    },
    loadExistingGrant,
    adapter: memoryAdapter(),
    jwks: { keys: [signingKey] },
    cookies: {
      keys: [randomBytes(32).toString("base64url")],
      // SameSite=None cookies without Secure are dropped by browsers on plain http, so use lax (the
      // flow is top-level redirects only: response_mode query, no iframes, no form_post).
      long: { httpOnly: true, sameSite: "lax", signed: true, secure: secureCookies },
      short: { httpOnly: true, sameSite: "lax", signed: true, secure: secureCookies },
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError,
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 120,
      IdToken: 3600,
      Interaction: 3600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
  };

  const provider = new ProviderClass(issuer, configuration);
  // Behind a TLS-terminating proxy (https issuer) trust X-Forwarded-Proto; on http there is nothing to trust.
  provider.proxy = secureCookies;
  provider.on("server_error", (_ctx: unknown, err: unknown) => console.error("[idp] server_error:", err));
  return provider;
}

/**
 * In-memory storage for this provider instance (sessions, interactions, codes, tokens, grants). Like
 * oidc-provider's bundled development adapter, but per instance (nothing shared between providers in
 * one process) and without its "MUST change" start-up warning. State is lost on restart.
 */
function memoryAdapter(): new (model: string) => Adapter {
  const store = new Map<string, { value: unknown; expiresAt: number }>();
  let writes = 0;
  const get = <T>(key: string): T | undefined => {
    const entry = store.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return entry.value as T;
  };
  const set = (key: string, value: unknown, expiresIn: number | undefined) => {
    store.set(key, { value, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY });
    if (++writes % 1000 === 0) {
      const now = Date.now();
      for (const [k, e] of store) if (e.expiresAt <= now) store.delete(k);
    }
  };
  const grantable = new Set(["AccessToken", "AuthorizationCode", "RefreshToken", "DeviceCode", "BackchannelAuthenticationRequest"]);

  return class MemoryAdapter implements Adapter {
    constructor(private readonly model: string) {}

    private key(id: string): string {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const key = this.key(id);
      if (this.model === "Session" && payload.uid) set(`sessionUid:${payload.uid}`, id, expiresIn);
      if (grantable.has(this.model) && payload.grantId) {
        const grantKey = `grant:${payload.grantId}`;
        const keys = get<string[]>(grantKey);
        if (keys) keys.push(key);
        else set(grantKey, [key], expiresIn);
      }
      if (payload.userCode) set(`userCode:${payload.userCode}`, id, expiresIn);
      set(key, payload, expiresIn);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return get<AdapterPayload>(this.key(id));
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      const id = get<string>(`sessionUid:${uid}`);
      return id ? this.find(id) : undefined;
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      const id = get<string>(`userCode:${userCode}`);
      return id ? this.find(id) : undefined;
    }

    async consume(id: string): Promise<void> {
      const payload = get<AdapterPayload>(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      store.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      const grantKey = `grant:${grantId}`;
      for (const key of get<string[]>(grantKey) ?? []) store.delete(key);
      store.delete(grantKey);
    }
  };
}

function account(identity: DemoIdentity): Account {
  return {
    accountId: identity.sub,
    claims: () => ({
      sub: identity.sub,
      name: identity.name,
      email: identity.email,
      email_verified: true,
      cpr: identity.cpr,
    }),
  };
}

/**
 * First-party clients: no consent screen. Reuse the session's grant for this client when it belongs to
 * the signed-in account, else create one; either way grant everything requested (scopes and claims).
 */
async function loadExistingGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
  const { oidc } = ctx;
  const clientId = oidc.client?.clientId;
  const accountId = oidc.account?.accountId ?? oidc.session?.accountId;
  if (!clientId || !accountId) return undefined;
  const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(clientId);
  let grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
  if (!grant || grant.accountId !== accountId || grant.clientId !== clientId) {
    grant = new oidc.provider.Grant({ accountId, clientId });
  }
  const scopes = [...oidc.requestParamOIDCScopes];
  if (scopes.length) grant.addOIDCScope(scopes.join(" "));
  const claims = [...oidc.requestParamClaims];
  if (claims.length) grant.addOIDCClaims(claims);
  await grant.save();
  return grant;
}

// ---------------------------------------------------------------------------------------------------
// Interaction pages (login), mounted in front of oidc-provider.

async function handleInteraction(provider: Provider, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const match = /^\/interaction\/([A-Za-z0-9_-]+)(\/login|\/abort)?\/?$/.exec(path);
  const method = req.method ?? "GET";
  if (!match) return sendHtml(res, 404, errorPage("Siden findes ikke", "Start forfra fra tjenesten, du ville logge ind på."));
  const uid = match[1]!;
  const action = match[2];

  let details: Interaction;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    return sendHtml(res, 400, errorPage("Login-sessionen er udløbet", "Din login-session findes ikke længere. Gå tilbage til tjenesten og start forfra."));
  }
  if (details.uid !== uid) {
    return sendHtml(res, 400, errorPage("Login-sessionen er udløbet", "Din login-session findes ikke længere. Gå tilbage til tjenesten og start forfra."));
  }

  if (action === "/abort") {
    if (method !== "GET" && method !== "POST") return methodNotAllowed(res, "GET, POST");
    return provider.interactionFinished(req, res, { error: "access_denied", error_description: "Brugeren afbrød" }, { mergeWithLastSubmission: false });
  }

  if (details.prompt.name === "consent") {
    // Not expected (loadExistingGrant grants everything up front); finish silently if it happens anyway.
    const consentClientId = typeof details.params.client_id === "string" ? details.params.client_id : undefined;
    if (!details.session?.accountId || !consentClientId) {
      return sendHtml(res, 400, errorPage("Login-sessionen er udløbet", "Gå tilbage til tjenesten og start forfra."));
    }
    const grant = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
    const g = grant ?? new provider.Grant({ accountId: details.session.accountId, clientId: consentClientId });
    const missingScope = details.prompt.details.missingOIDCScope;
    const missingClaims = details.prompt.details.missingOIDCClaims;
    if (Array.isArray(missingScope)) g.addOIDCScope(missingScope.join(" "));
    if (Array.isArray(missingClaims)) g.addOIDCClaims(missingClaims as string[]);
    const grantId = await g.save();
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  const clientName = await clientDisplayName(provider, typeof details.params.client_id === "string" ? details.params.client_id : undefined);

  if (action === "/login") {
    if (method !== "POST") return methodNotAllowed(res, "POST");
    const form = await readForm(req);
    const username = (form.get("username") ?? "").trim().toLowerCase();
    if (!username) {
      return sendHtml(res, 200, loginPage({ uid, clientName, username: "", error: "Indtast et brugernavn", reference: referenceTextOf(details.params) }));
    }
    const identity = demoIdentity(username);
    if (!identity) {
      return sendHtml(res, 200, loginPage({ uid, clientName, username, error: "Ukendt brugernavn", reference: referenceTextOf(details.params) }));
    }
    // A different person than the one signed in at the IdP: end that session first, so the resumed
    // authorization request starts a fresh session for the new person (the library would otherwise
    // detour through an auto-submitting logout form).
    if (details.session && details.session.accountId !== identity.sub) {
      if (details.session.uid) {
        const previous = await provider.Session.findByUid(details.session.uid);
        if (previous) await previous.destroy();
      }
      details.session = undefined;
      await details.save(Math.max(1, details.exp - Math.floor(Date.now() / 1000)));
    }
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: identity.sub, amr: ["pwd"] } },
      { mergeWithLastSubmission: false },
    );
  }

  if (method !== "GET" && method !== "HEAD") return methodNotAllowed(res, "GET");
  // prompt=login / max_age=0 (signing): oidc-provider asks for a login even with a session here, and
  // this page always shows the form. A login_hint "message:…" is a reference text, not a user name.
  const rawHint = typeof details.params.login_hint === "string" ? details.params.login_hint : "";
  const loginHint = rawHint.startsWith("message:") ? "" : rawHint;
  return sendHtml(res, 200, loginPage({ uid, clientName, username: loginHint, error: undefined, reference: referenceTextOf(details.params) }));
}

async function clientDisplayName(provider: Provider, clientId: string | undefined): Promise<string> {
  if (!clientId) return "";
  const client = await provider.Client.find(clientId);
  return client?.clientName ?? clientId;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16 * 1024) throw new Error("request body too large");
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader("Allow", allow);
  sendHtml(res, 405, errorPage("Metoden er ikke tilladt", "Start forfra fra tjenesten."));
}

/**
 * Origins the login form may end up at: after the POST, the provider redirects back to the relying
 * party, and Chromium applies CSP form-action to that redirect too.
 */
const formActionOrigins = new Set<string>();

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Content-Security-Policy", `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${[...formActionOrigins].join(" ")}; frame-ancestors 'none'; base-uri 'none'`);
  res.setHeader("Referrer-Policy", "no-referrer");
  res.end(html);
}

// ---------------------------------------------------------------------------------------------------
// HTML

const css = `
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:100%;line-height:1.5;color:#1a1a1a;background:#f3f5f8}
body{margin:0;padding:1rem}
main{max-width:28rem;margin:0 auto;background:#fff;border:1px solid #d0d5dd;border-radius:.5rem;padding:1.25rem}
.brand{display:inline-block;font-weight:700;color:#fff;background:#0047bb;border-radius:.25rem;padding:.125rem .5rem;margin:0 0 .75rem}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .5rem}
h2{font-size:1.125rem;margin:1.5rem 0 .5rem}
p{margin:0 0 1rem}
.note{font-size:.9375rem;color:#444;background:#fff8e1;border-left:4px solid #b8860b;padding:.5rem .75rem}
label{display:block;font-weight:600;margin:0 0 .25rem}
input[type=text]{display:block;width:100%;font-size:1.125rem;padding:.625rem .75rem;border:2px solid #555;border-radius:.25rem;background:#fff;color:#1a1a1a}
input[type=text][aria-invalid=true]{border-color:#b00020}
input[type=text]:focus,button:focus,a:focus{outline:3px solid #ffbf47;outline-offset:2px}
.error{color:#b00020;font-weight:600;margin:.5rem 0 0}
button{display:block;width:100%;margin:1rem 0 .75rem;font-size:1.125rem;font-weight:700;padding:.75rem 1rem;border:0;border-radius:.25rem;background:#0047bb;color:#fff;cursor:pointer}
button:hover{background:#003a99}
a{color:#0047bb}
ul.ids{list-style:none;margin:0;padding:0;font-size:.9375rem}
ul.ids li{padding:.25rem 0;border-bottom:1px solid #eee}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-weight:700}
`;

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>
<main>
<p class="brand">MitID (test)</p>
${body}
</main>
</body>
</html>`;
}

function loginPage(input: { uid: string; clientName: string; username: string; error: string | undefined; reference?: string | null }): string {
  const { uid, clientName, username, error, reference } = input;
  const base = `/interaction/${encodeURIComponent(uid)}`;
  const identities = demoIdentities
    .map((i) => `<li><code>${escapeHtml(i.username)}</code> – ${escapeHtml(i.name)}</li>`)
    .join("\n");
  const errorHtml = error ? `<p id="username-error" class="error" role="alert">${escapeHtml(error)}</p>` : "";
  const describedBy = error ? ` aria-describedby="username-error" aria-invalid="true"` : "";
  return layout(
    `${error ? "Fejl: " : ""}MitID (test) – Log ind`,
    `<h1>Log ind</h1>
${clientName ? `<p>Du logger ind hos <strong>${escapeHtml(clientName)}</strong>.</p>` : ""}
${reference ? `<p class="reference" data-testid="reference-text">Du underskriver: <strong>${escapeHtml(reference)}</strong></p>` : ""}
<p class="note">Dette er en testudgave af MitID til udvikling og demonstration. Der bruges ikke rigtig MitID.</p>
<form method="post" action="${base}/login" novalidate>
<label for="username">Brugernavn</label>
<input type="text" id="username" name="username" value="${escapeHtml(username)}" autocomplete="off" autocapitalize="none" spellcheck="false"${describedBy}${error ? " autofocus" : ""}>
${errorHtml}
<button type="submit">Fortsæt</button>
</form>
<p><a href="${base}/abort">Afbryd</a></p>
<h2>Testpersoner</h2>
<p>Skriv et af disse brugernavne:</p>
<ul class="ids">
${identities}
</ul>`,
  );
}

function errorPage(heading: string, text: string): string {
  return layout(`MitID (test) – ${heading}`, `<h1>${escapeHtml(heading)}</h1>\n<p>${escapeHtml(text)}</p>`);
}

async function renderError(ctx: KoaContextWithOIDC, out: ErrorOut): Promise<void> {
  ctx.type = "html";
  const details = Object.entries(out)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<li><code>${escapeHtml(k)}</code>: ${escapeHtml(String(v))}</li>`)
    .join("\n");
  ctx.body = layout(
    "MitID (test) – Der opstod en fejl",
    `<h1>Der opstod en fejl</h1>
<p>Login kunne ikke gennemføres. Gå tilbage til tjenesten og prøv igen.</p>
<ul>
${details}
</ul>`,
  );
}

/**
 * The end-session page. The relying party sends the tenant here after ending its own session (the
 * tenant chose "Log ud"), so end the identity provider's session at once: the form is submitted by a
 * script (with `logout=yes`, which ends the whole session, not only this client's part); without
 * JavaScript, one button does the same. The next sign-in then asks for the user name again.
 */
async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  const nonce = randomBytes(16).toString("base64");
  const withLogout = form.replace("</form>", `<input type="hidden" name="logout" value="yes"></form>`);
  ctx.type = "html";
  ctx.set("Cache-Control", "no-store");
  ctx.set("Content-Security-Policy", `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; form-action 'self' ${[...formActionOrigins].join(" ")}; frame-ancestors 'none'; base-uri 'none'`);
  ctx.body = layout(
    "MitID (test) – Log ud",
    `<h1>Du logges ud</h1>
${withLogout}
<noscript><button autofocus type="submit" form="op.logoutForm">Log ud</button></noscript>
<script nonce="${nonce}">document.getElementById("op.logoutForm").submit();</script>`,
  );
}

async function postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  ctx.type = "html";
  ctx.body = layout("MitID (test) – Du er logget ud", `<h1>Du er logget ud</h1>\n<p>Du kan nu lukke vinduet.</p>`);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
