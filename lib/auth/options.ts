/**
 * next-auth configuration. Three ways in, one session cookie (an encrypted JWT that carries a
 * session id; the session itself is a row in PostgreSQL, so every app instance sees it end — see
 * lib/auth/session-store.ts):
 *  - tenants: OpenID Connect per organisation (provider id `mitid-<slug>`; issuer, client id and
 *    secret in the organisation's settings), the way MitID reaches private services via a broker;
 *  - staff: e-mail + password + TOTP for one organisation (provider `staff`);
 *  - operators: e-mail + password + TOTP on the platform (provider `operator`).
 */
import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import CredentialsProvider from "next-auth/providers/credentials";
import { listOrganisations, platformClient, type OrganisationRecord } from "@/lib/db/platform";
import { decryptSecret } from "@/lib/crypto";
import { tenantProviderId } from "./provider-id";
import { findTenantPerson } from "@/lib/tenancy/identify";
import { operatorSignIn, staffSignIn, type SignInResult } from "./credentials";
import { SESSION_TTL, type AppSession } from "./types";
import { orgDb } from "@/lib/db/scoped";
import { writeAudit } from "@/lib/audit/write";
import { requestMeta } from "@/lib/http/meta";
import { logger } from "@/lib/logger";
import { closeSession, isSessionLive, openSession } from "./session-store";
import { safeRedirect } from "./redirect";
import { SignInError } from "./errors";

type Profile = { sub: string; name?: string; email?: string } & Record<string, unknown>;
type TenantUser = { id: string; name: string; email: string | null; kind: "tenant"; orgId: string; orgSlug: string };

function tenantProvider(org: OrganisationRecord): OAuthConfig<Profile> | null {
  const oidc = org.settings.oidc;
  if (!oidc) return null;
  let clientSecret: string;
  try {
    clientSecret = decryptSecret(oidc.clientSecretEnc);
  } catch {
    return null;
  }
  return {
    id: tenantProviderId(org.slug),
    name: "MitID",
    type: "oauth",
    wellKnown: `${oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    issuer: oidc.issuer,
    clientId: oidc.clientId,
    clientSecret,
    authorization: { params: { scope: oidc.scope } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    async profile(profile) {
      const person = await findTenantPerson(org.id, profile[oidc.cprClaim]);
      const user: TenantUser = person
        ? { id: person.id, name: person.name, email: person.email, kind: "tenant", orgId: org.id, orgSlug: org.slug }
        : { id: `unknown:${profile.sub}`, name: profile.name ?? "", email: null, kind: "tenant", orgId: org.id, orgSlug: org.slug };
      return user;
    },
  };
}

let providerCache: { at: number; providers: OAuthConfig<Profile>[] } | null = null;

async function tenantProviders(): Promise<OAuthConfig<Profile>[]> {
  if (providerCache && Date.now() - providerCache.at < 30_000) return providerCache.providers;
  const orgs = await listOrganisations(platformClient());
  const providers = orgs.map(tenantProvider).filter((p): p is OAuthConfig<Profile> => p !== null);
  providerCache = { at: Date.now(), providers };
  return providers;
}

/** Options without providers: enough to read a session (getServerSession). */
export const sessionOptions: NextAuthOptions = {
  secret: process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_TTL.staff },
  pages: { signIn: "/auth/signin", error: "/auth/signin" },
  providers: [],
  callbacks: {
    async signIn({ user, account }) {
      if (account?.type === "oauth") {
        const u = user as unknown as TenantUser;
        const known = !u.id.startsWith("unknown:");
        const meta = await requestMeta();
        await orgDb(u.orgId).$transaction((tx) =>
          writeAudit(
            tx,
            known
              ? { type: "TENANT_SIGNED_IN", actor: { type: "TENANT", id: u.id, label: u.name }, entityType: "Person", entityId: u.id, meta }
              : { type: "TENANT_SIGN_IN_REFUSED", actor: { type: "TENANT", id: null, label: "unknown identity" }, entityType: "Person", after: { reason: "no-tenancy" }, meta },
          ),
        );
        if (!known) return `/${u.orgSlug}/beboer/login?error=no-tenancy`;
      }
      return true;
    },
    async jwt({ token, user, account }) {
      if (user) {
        // Sign-in: open the server-side session; the cookie carries only its random id.
        const u = user as unknown as Omit<AppSession, "authAt" | "uid" | "sid"> & { id: string };
        const now = new Date();
        const { sid } = await openSession({
          kind: u.kind,
          subjectId: u.id,
          orgSlug: u.orgSlug ?? null,
          idToken: u.kind === "tenant" && typeof account?.id_token === "string" ? account.id_token : null,
          now,
        });
        const app: AppSession = {
          kind: u.kind,
          uid: u.id,
          sid,
          name: u.name,
          email: u.email ?? null,
          authAt: Math.floor(now.getTime() / 1000),
          ...(u.orgId ? { orgId: u.orgId } : {}),
          ...(u.orgSlug ? { orgSlug: u.orgSlug } : {}),
          ...(u.roles ? { roles: u.roles } : {}),
          ...(u.sv !== undefined ? { sv: u.sv } : {}),
        };
        token.app = app;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, app: token.app } as typeof session;
    },
    // callbackUrl (query, body or next-auth's callback-url cookie): same origin only, and any value
    // that does not parse means the front page — never a 500, never another site.
    async redirect({ url, baseUrl }) {
      return safeRedirect(url, baseUrl);
    },
  },
  events: {
    // next-auth's own /api/auth/signout (our sign-out is /api/auth/logout) ends the session row too.
    async signOut({ token }) {
      const app = (token as { app?: AppSession } | null)?.app;
      await closeSession(app?.sid);
    },
  },
};

/**
 * Runs a credentials sign-in for next-auth's authorize(): the user object on success, null for a
 * refusal, a SignInError("Throttled") while throttled. Any other error (the database is down …) is
 * logged and becomes SignInError("Unavailable"): next-auth puts an error's message into the URL it
 * answers with, so no raw error text may reach it.
 */
export async function authorizeWith(kind: "staff" | "operator", run: () => Promise<SignInResult>) {
  let r: SignInResult;
  try {
    r = await run();
  } catch (err) {
    logger.error({ err, kind }, "sign-in failed with an error");
    throw new SignInError("Unavailable");
  }
  if (r.ok) return { id: r.session.uid, ...r.session } as never;
  if (r.reason === "throttled") throw new SignInError("Throttled");
  return null;
}

/** Full options for the /api/auth route: tenant providers are built from the organisations' settings. */
export async function authOptions(): Promise<NextAuthOptions> {
  return {
    ...sessionOptions,
    callbacks: {
      ...sessionOptions.callbacks,
      // next-auth's own GET /api/auth/session answers from the cookie alone: without this check a
      // copied cookie of a signed-out session would still read the name, e-mail, roles and
      // organisation there. (getServerSession uses sessionOptions; readAppSession checks the row.)
      async session({ session, token }) {
        const app = (token as { app?: AppSession }).app;
        if (!app || !(await isSessionLive(app))) return {} as typeof session;
        return { ...session, app } as typeof session;
      },
    },
    providers: [
      ...(await tenantProviders()),
      CredentialsProvider({
        id: "staff",
        name: "Staff",
        credentials: { organisation: {}, email: {}, password: {}, code: {} },
        async authorize(credentials) {
          // The client address comes from the one place that decides which proxy headers to trust.
          return authorizeWith("staff", async () => staffSignIn(credentials, await requestMeta()));
        },
      }),
      CredentialsProvider({
        id: "operator",
        name: "Operator",
        credentials: { email: {}, password: {}, code: {} },
        async authorize(credentials) {
          return authorizeWith("operator", async () => operatorSignIn(credentials, await requestMeta()));
        },
      }),
    ],
  };
}
