/**
 * Website and MitID settings (admin section "website", /{organisation}/admin/hjemmeside): the OIDC
 * client of the organisation's MitID broker (issuer, client id, a write-only client secret, scope,
 * CPR claim, the broker's parameter for the signing text), the folder the receipt PDF is filed
 * under, and the sender of the organisation's e-mails. Plus what the page shows: the deep-link URL
 * tenants are sent to.
 *
 * The client secret is never shown again: the page says only whether one is stored; a blank field
 * keeps it; a new one is stored encrypted (lib/crypto.ts encryptSecret). The audit row
 * (SETTINGS_UPDATED) names each changed setting with its old and new value — the secret only as
 * "(changed)".
 */
import "server-only";
import { z } from "zod";
import { encryptSecret } from "@/lib/crypto";
import { platformClient, updateOrganisationSettings } from "@/lib/db/platform";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { paths } from "@/lib/http/paths";
import { oidcSettingsSchema, organisationSettingsSchema, type OrganisationSettings } from "@/lib/organisation/settings";
import { appPublicUrl } from "./invitations";
import { checkIssuerUrl, loopbackAllowed, type TargetRefusal } from "./discovery";

export const SIGNING_TEXT_PARAMS = oidcSettingsSchema.shape.signingTextParam.unwrap().options;
export const DEFAULT_SCOPE = "openid profile email cpr";
export const DEFAULT_CPR_CLAIM = "cpr";

export type WebsiteView = {
  oidc: { issuer: string; clientId: string; hasSecret: boolean; scope: string; cprClaim: string; signingTextParam: (typeof SIGNING_TEXT_PARAMS)[number] } | null;
  documentFolder: string;
  mailSender: { name: string; address: string } | null;
  /** The absolute URL of the tenant's self-service (what the organisation's own website links to). */
  deepLink: string;
};

/** What the page shows (never the secret, not even encrypted). */
export function websiteView(org: { slug: string; settings: OrganisationSettings }, baseUrl?: string): WebsiteView {
  const s = org.settings;
  return {
    oidc: s.oidc ? { issuer: s.oidc.issuer, clientId: s.oidc.clientId, hasSecret: !!s.oidc.clientSecretEnc, scope: s.oidc.scope, cprClaim: s.oidc.cprClaim, signingTextParam: s.oidc.signingTextParam } : null,
    documentFolder: s.documentFolder,
    mailSender: s.mailSender ? { ...s.mailSender } : null,
    deepLink: deepLinkUrl(org.slug, baseUrl),
  };
}

export function deepLinkUrl(slug: string, baseUrl?: string): string {
  return `${appPublicUrl(baseUrl)}${paths.tenantHome(slug)}`;
}

const SCOPE_RE = /^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/;
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const FOLDER_BAD = /[\\/\u0000-\u001f\u007f]/;

/** The form: every field a string as a plain form posts it; blank secret = keep the stored one. */
export const websiteInputSchema = z
  .object({
    issuer: z.string().trim().max(500).default(""),
    clientId: z.string().trim().max(200).default(""),
    clientSecret: z.string().max(1000).default(""),
    scope: z
      .string()
      .trim()
      .transform((s) => s.replace(/\s+/g, " "))
      .pipe(z.string().min(1).max(300).regex(SCOPE_RE)),
    cprClaim: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_.:/-]+$/),
    signingTextParam: z.enum(SIGNING_TEXT_PARAMS),
    documentFolder: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .refine((s) => !FOLDER_BAD.test(s)),
    mailSenderName: z.string().trim().max(100).default(""),
    mailSenderAddress: z
      .string()
      .trim()
      .toLowerCase()
      .max(200)
      .pipe(z.union([z.literal(""), z.email()]))
      .default(""),
  })
  .strict()
  .superRefine((v, ctx) => {
    const anyOidc = !!(v.issuer || v.clientId || v.clientSecret);
    if (anyOidc && !v.issuer) ctx.addIssue({ code: "custom", path: ["issuer"], message: "required" });
    if (anyOidc && !v.clientId) ctx.addIssue({ code: "custom", path: ["clientId"], message: "required" });
    if (v.issuer && !v.scope.split(" ").includes("openid")) ctx.addIssue({ code: "custom", path: ["scope"], message: "openid" });
    if (v.mailSenderAddress && !v.mailSenderName) ctx.addIssue({ code: "custom", path: ["mailSenderName"], message: "required" });
    if (v.mailSenderName && !v.mailSenderAddress) ctx.addIssue({ code: "custom", path: ["mailSenderAddress"], message: "required" });
  });
export type WebsiteInput = z.output<typeof websiteInputSchema>;

/** Catalogue keys for the form's validation messages (lib/http/messages.ts overrides). */
export const WEBSITE_MESSAGES = {
  issuer: { invalid: "adminWebsite.errors.issuerRequired" },
  clientId: { invalid: "adminWebsite.errors.clientIdRequired" },
  scope: { required: "adminWebsite.errors.scope", format: "adminWebsite.errors.scope", invalid: "adminWebsite.errors.scope" },
  cprClaim: { format: "adminWebsite.errors.cprClaim" },
  documentFolder: { invalid: "adminWebsite.errors.documentFolder" },
  mailSenderName: { invalid: "adminWebsite.errors.senderNameRequired" },
  mailSenderAddress: { invalid: "adminWebsite.errors.senderAddressRequired" },
} as const;

export type WebsiteRefusal = { field: "issuer"; reason: TargetRefusal } | { field: "clientSecret"; reason: "required" };
export type SaveWebsiteResult = { ok: true; changed: boolean } | { ok: false; refusal: WebsiteRefusal };

type Flat = Record<string, string | null>;

function flat(s: Pick<OrganisationSettings, "oidc" | "documentFolder" | "mailSender">): Flat {
  return {
    "oidc.issuer": s.oidc?.issuer ?? null,
    "oidc.clientId": s.oidc?.clientId ?? null,
    "oidc.scope": s.oidc?.scope ?? null,
    "oidc.cprClaim": s.oidc?.cprClaim ?? null,
    "oidc.signingTextParam": s.oidc?.signingTextParam ?? null,
    documentFolder: s.documentFolder,
    "mailSender.name": s.mailSender?.name ?? null,
    "mailSender.address": s.mailSender?.address ?? null,
  };
}

/**
 * Saves the website settings of the organisation: under a row lock, merged into the stored JSON
 * (other settings untouched), audited with the changed values only. Refusals that depend on what
 * is stored or where it runs: an issuer that is not https (or loopback in local mode) or points at
 * a private network; a new OIDC client without a secret.
 */
export async function saveWebsiteSettings(a: { organisationId: string; input: WebsiteInput; actor: Actor; meta?: RequestMeta; allowLoopback?: boolean }): Promise<SaveWebsiteResult> {
  const v = a.input;
  if (v.issuer) {
    const check = checkIssuerUrl(v.issuer, { allowLoopback: a.allowLoopback ?? loopbackAllowed() });
    if (!check.ok) return { ok: false, refusal: { field: "issuer", reason: check.reason } };
  }
  let refusal: WebsiteRefusal | null = null;
  const { changed: wrote } = await updateOrganisationSettings(platformClient(), a.organisationId, (current) => {
    let oidc: OrganisationSettings["oidc"] = null;
    if (v.issuer) {
      const secretEnc = v.clientSecret ? encryptSecret(v.clientSecret) : current.oidc?.clientSecretEnc;
      if (!secretEnc) {
        refusal = { field: "clientSecret", reason: "required" };
        return null;
      }
      oidc = oidcSettingsSchema.parse({
        issuer: v.issuer,
        clientId: v.clientId,
        clientSecretEnc: secretEnc,
        scope: v.scope,
        cprClaim: v.cprClaim,
        logoutIdTokenHint: current.oidc?.logoutIdTokenHint ?? false,
        signingTextParam: v.signingTextParam,
      });
    }
    const mailSender = v.mailSenderAddress ? { name: v.mailSenderName, address: v.mailSenderAddress } : null;
    const next = { ...current, oidc, documentFolder: v.documentFolder, mailSender };
    const before = flat(current);
    const after = flat(next);
    const b: Record<string, unknown> = {};
    const af: Record<string, unknown> = {};
    for (const k of Object.keys(after)) {
      if (before[k] !== after[k]) {
        b[k] = before[k];
        af[k] = after[k];
      }
    }
    const secretChanged = !!v.clientSecret || (!!current.oidc && !oidc);
    if (secretChanged) {
      b["oidc.clientSecret"] = current.oidc?.clientSecretEnc ? "(set)" : "(none)";
      af["oidc.clientSecret"] = oidc ? "(changed)" : "(none)";
    }
    if (Object.keys(af).length === 0) return null;
    organisationSettingsSchema.shape.mailSender.parse(mailSender);
    // Only this page's keys change; every other stored key is kept as stored.
    return {
      set: { oidc, documentFolder: v.documentFolder, mailSender },
      audit: { type: "SETTINGS_UPDATED", actor: a.actor, entityType: "Organisation", entityId: a.organisationId, before: b, after: af, ...(a.meta ? { meta: a.meta } : {}) },
    };
  });
  if (refusal) return { ok: false, refusal };
  return { ok: true, changed: wrote };
}
