import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { AdminForm } from "@/components/admin/users/AdminForm";
import { CopyText } from "@/components/admin/users/CopyText";
import { DiscoveryTest } from "@/components/admin/users/DiscoveryTest";
import { Notice } from "@/components/admin/users/Notice";
import { definePage } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { DEFAULT_CPR_CLAIM, DEFAULT_SCOPE, SIGNING_TEXT_PARAMS, websiteView } from "@/lib/admin/website";
import { saveWebsite, testConnection } from "./actions";

const REASONS = ["invalid-url", "scheme", "credentials", "private-host", "dns", "timeout", "network", "redirect", "http-status", "too-large", "not-json", "missing-fields", "issuer-mismatch"] as const;

export async function generateMetadata() {
  return { title: (await getTranslations("adminWebsite"))("title") };
}

/** Website and MitID settings: the OIDC client (write-only secret, connection test), the deep link, the document folder, the e-mail sender. */
export default definePage(
  {
    kind: "staff",
    permission: "settings.read",
    name: "adminWebsitePage",
    params: z.object({ organisation: z.string().min(1).max(50) }),
    query: z.object({ gemt: z.enum(["0", "1"]).optional() }).loose(),
    returnTo: (p) => adminHref(p.organisation ?? "", "website"),
  },
  async (ctx, { query }) => {
    const t = await getTranslations("adminWebsite");
    const slug = ctx.org.slug;
    const v = websiteView(ctx.org);
    const canManage = ctx.permissions.has("settings.manage");
    const o = v.oidc;
    const rows: Array<[string, string]> = [
      [t("field.issuer"), o?.issuer ?? t("notSet")],
      [t("field.clientId"), o?.clientId ?? t("notSet")],
      [t("field.clientSecret"), o?.hasSecret ? t("secretStored") : t("secretNone")],
      [t("field.scope"), o?.scope ?? t("notSet")],
      [t("field.cprClaim"), o?.cprClaim ?? t("notSet")],
      [t("field.signingTextParam"), o ? t(`signingTextParam.${o.signingTextParam}`) : t("notSet")],
      [t("field.documentFolder"), v.documentFolder],
      [t("field.mailSender"), v.mailSender ? `${v.mailSender.name} <${v.mailSender.address}>` : t("mailSenderDefault")],
    ];
    return (
      <AdminShell ctx={ctx} section="website" title={t("title")} lead={t("lead")}>
        {query.gemt ? (
          <Notice variant="success" heading={t("saved.heading")} announce testId="website-saved">
            {query.gemt === "1" ? t("saved.changed") : t("saved.unchanged")}
          </Notice>
        ) : null}

        <section aria-labelledby="deeplink-heading" className="mb-8 max-w-3xl">
          <h2 id="deeplink-heading" className="text-xl font-semibold">
            {t("deepLink.heading")}
          </h2>
          <p className="mt-1 mb-3">{t("deepLink.explain", { organisation: ctx.org.name })}</p>
          <CopyText value={v.deepLink} copyLabel={t("deepLink.copy")} copiedLabel={t("deepLink.copied")} testId="deep-link" />
        </section>

        {canManage ? (
          <AdminForm
            id="website"
            testId="website-form"
            saveForm
            action={saveWebsite.bind(null, slug) as never}
            errorHeading={t("errorSummary")}
            submitLabel={t("save")}
            optionalLabel={t("optional")}
            fields={[
              { kind: "heading", text: t("oidcHeading"), lead: t("oidcLead") },
              { kind: "url", name: "issuer", label: t("field.issuer"), hint: t("hint.issuer"), value: o?.issuer ?? "", required: false, maxLength: 500, autoComplete: "off", inputMode: "url" },
              { kind: "text", name: "clientId", label: t("field.clientId"), value: o?.clientId ?? "", required: false, autoComplete: "off", width: "l" },
              {
                kind: "password",
                name: "clientSecret",
                label: t("field.clientSecret"),
                hint: o?.hasSecret ? t("hint.clientSecretKeep") : t("hint.clientSecretNew"),
                required: false,
                autoComplete: "new-password",
                maxLength: 1000,
                width: "l",
              },
              { kind: "text", name: "scope", label: t("field.scope"), hint: t("hint.scope"), value: o?.scope ?? DEFAULT_SCOPE, maxLength: 300, autoComplete: "off" },
              { kind: "text", name: "cprClaim", label: t("field.cprClaim"), hint: t("hint.cprClaim"), value: o?.cprClaim ?? DEFAULT_CPR_CLAIM, maxLength: 100, autoComplete: "off", width: "l" },
              {
                kind: "select",
                name: "signingTextParam",
                label: t("field.signingTextParam"),
                hint: t("hint.signingTextParam"),
                value: o?.signingTextParam ?? "reference_text",
                options: SIGNING_TEXT_PARAMS.map((p) => ({ value: p, label: t(`signingTextParam.${p}`) })),
              },
              {
                kind: "node",
                key: "test",
                node: (
                  <DiscoveryTest
                    action={testConnection.bind(null, slug) as never}
                    labels={{
                      button: t("test.button"),
                      testing: t("test.testing"),
                      okHeading: t("test.okHeading"),
                      failedHeading: t("test.failedHeading"),
                      issuer: t("test.issuer"),
                      authorization: t("test.authorization"),
                      token: t("test.token"),
                      userinfo: t("test.userinfo"),
                      endSession: t("test.endSession"),
                      scopes: t("test.scopes"),
                      none: t("test.none"),
                      reasons: Object.fromEntries(REASONS.map((r) => [r, String(t.raw(`test.reasons.${r}`))])),
                    }}
                  />
                ),
              },
              { kind: "heading", text: t("documentsHeading"), lead: t("documentsLead") },
              { kind: "text", name: "documentFolder", label: t("field.documentFolder"), hint: t("hint.documentFolder"), value: v.documentFolder, maxLength: 120, autoComplete: "off", width: "l" },
              { kind: "heading", text: t("mailHeading"), lead: t("mailLead") },
              { kind: "text", name: "mailSenderName", label: t("field.mailSenderName"), value: v.mailSender?.name ?? "", required: false, maxLength: 100, autoComplete: "off", width: "l" },
              { kind: "email", name: "mailSenderAddress", label: t("field.mailSenderAddress"), hint: t("hint.mailSenderAddress"), value: v.mailSender?.address ?? "", required: false, maxLength: 200, autoComplete: "off", inputMode: "email", width: "l" },
            ]}
          />
        ) : (
          <dl className="grid max-w-3xl grid-cols-1 gap-x-6 gap-y-1 rounded border border-line bg-white p-5 sm:grid-cols-[auto_1fr] sm:gap-y-2" data-testid="website-readonly">
            {rows.map(([k, val]) => (
              <div key={k} className="contents">
                <dt className="font-semibold">{k}</dt>
                <dd className="mb-2 break-words sm:mb-0">{val}</dd>
              </div>
            ))}
          </dl>
        )}
      </AdminShell>
    );
  },
);
