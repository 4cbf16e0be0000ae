/**
 * next-auth configuration. Three ways in, one session cookie (JWT, stateless — any app instance
 * can read it):
 *  - tenants: OpenID Connect per organisation (provider id `mitid-<slug>`; issuer, client id and
 *    secret in the organisation's settings), the way MitID reaches private services via a broker;
 *  - staff: e-mail + password + TOTP for one organisation (provider `staff`);
 *  - operators: e-mail + password + TOTP on the platform (provider `operator`).
 */
import type { NextAuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import CredentialsProvider from "next-auth/providers/credentials";
import { listOrganisations, platformClient, type OrganisationRecord } from "@/lib/db/platform";
import { decryptSecret } from "@/lib/crypto";
import { tenantProviderId } from "./provider-id";
import { findTenantPerson } from "@/lib/tenancy/identify";
import { operatorSignIn, staffSignIn } from "./credentials";
import { SESSION_TTL, type AppSession } from "./types";
import type { RequestMeta } from "@/lib/audit/events";
import { orgDb } from "@/lib/db/scoped";
import { writeAudit } from "@/lib/audit/write";
import { requestMeta } from "@/lib/http/meta";

type Profile = { sub: string; name?: string; email?: string } & Record<string, unknown>;
type TenantUser = { id: string; name: string; email: string | null; kind: "tenant"; orgId: string; orgSlug: string };

function metaFrom(headers: Record<string, unknown> | undefined): RequestMeta {
  const h = (name: string) => {
    const v = headers?.[name];
    return typeof v === "string" ? v : Array.isArray(v) ? String(v[0]) : null;
  };
  return { ip: h("x-forwarded-for")?.split(",")[0]?.trim() ?? h("x-real-ip"), userAgent: h("user-agent") };
}

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
    async jwt({ token, user }) {
      if (user) {
        const u = user as unknown as Omit<AppSession, "authAt" | "uid"> & { id: string };
        const app: AppSession = {
          kind: u.kind,
          uid: u.id,
          name: u.name,
          email: u.email ?? null,
          authAt: Math.floor(Date.now() / 1000),
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
    async redirect({ url, baseUrl }) {
      if (url.startsWith("/")) return `${baseUrl}${url}`;
      if (new URL(url).origin === baseUrl) return url;
      return baseUrl;
    },
  },
};

/** Full options for the /api/auth route: tenant providers are built from the organisations' settings. */
export async function authOptions(): Promise<NextAuthOptions> {
  return {
    ...sessionOptions,
    providers: [
      ...(await tenantProviders()),
      CredentialsProvider({
        id: "staff",
        name: "Staff",
        credentials: { organisation: {}, email: {}, password: {}, code: {} },
        async authorize(credentials, req) {
          const r = await staffSignIn(credentials, metaFrom(req.headers));
          return r.ok ? ({ id: r.session.uid, ...r.session } as never) : null;
        },
      }),
      CredentialsProvider({
        id: "operator",
        name: "Operator",
        credentials: { email: {}, password: {}, code: {} },
        async authorize(credentials, req) {
          const r = await operatorSignIn(credentials, metaFrom(req.headers));
          return r.ok ? ({ id: r.session.uid, ...r.session } as never) : null;
        },
      }),
    ],
  };
}
