import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { ContactDetails } from "@/components/ContactDetails";
import { TextDocument } from "@/components/TextDocument";
import { FieldsForm } from "@/components/forms/FieldsForm";
import { adminHref } from "@/lib/admin/nav";
import { definePage } from "@/lib/http/wrappers";
import { legalSetting, type LegalKind } from "@/lib/organisation/legal";
import { defaultText, placeholdersOf, TEXT_GROUPS, TEXT_KEY_LIST, TEXT_KEYS, TEXT_MAX, orgText, type TextKey } from "@/lib/organisation/texts";
import { saveContactAction, saveLegalAction, saveTextAction } from "./actions";

/** A placeholder filled with an example, as the tenant would see the text. */
function sample(text: string, orgName: string): string {
  return text.replace(/\{address\}/g, "Havnegade 1, 1. tv, 2100 København Ø").replace(/\{organisation\}/g, orgName).replace(/\{name\}/g, "Anna Jensen");
}

/**
 * "Tekster": the organisation's own wizard headings and help texts (Danish, optionally English),
 * each with a preview as the tenant sees it and "reset to default"; the footer's contact details;
 * the privacy notice and the accessibility statement. settings.read to see, settings.manage to save.
 */
export default definePage(
  { kind: "staff", permission: "settings.read", name: "adminTexts", params: z.object({ organisation: z.string() }), query: z.object({ gemt: z.string().max(100).optional(), vis: z.string().max(40).optional() }) },
  async (ctx, { query }) => {
    const t = await getTranslations("adminTexts");
    const tl = await getTranslations("legal");
    const locale = (await getLocale()) === "en" ? "en" : "da";
    const canEdit = ctx.permissions.has("settings.manage");
    const s = ctx.org.settings;
    const slug = ctx.org.slug;
    const bind = <A extends (...args: never[]) => unknown>(a: A) => (a as unknown as (slug: string, ...rest: unknown[]) => unknown).bind(null, slug) as never;
    const saved = query.gemt;
    // One part of the page at a time (a step's texts, the contact details, a legal page): short pages, by keyboard too.
    const PARTS = [...TEXT_GROUPS, "kontakt", "privacy", "accessibility"] as const;
    const part = (PARTS as readonly string[]).includes(query.vis ?? "") ? (query.vis as (typeof PARTS)[number]) : "general";
    const partHref = (p: string) => `${adminHref(slug, "texts")}?vis=${p}`;
    const partLabel = (p: (typeof PARTS)[number]) => (p === "kontakt" ? t("contactHeading") : p === "privacy" ? t("privacyHeading") : p === "accessibility" ? t("accessibilityHeading") : t(`groups.${p}`));

    const legal = (kind: LegalKind) => {
      const page = legalSetting(ctx.org, kind);
      const shownDa = page.text?.da ?? tl(kind === "privacy" ? "privacyDefault" : "accessibilityDefault", { organisation: ctx.org.name });
      return (
        <section id={kind} aria-labelledby={`${kind}-heading`} className="rounded border border-line bg-white p-5" data-testid={`legal-${kind}`}>
          <h2 id={`${kind}-heading`} className="mb-2 text-2xl font-semibold">{t(kind === "privacy" ? "privacyHeading" : "accessibilityHeading")}</h2>
          {saved === kind ? <p role="status" className="mb-3 font-semibold text-green-800">{t("saved")}</p> : null}
          <p className="mb-3 text-sm text-muted">{page.url ? t("legalExternal", { url: page.url }) : page.text ? t("legalOwn") : t("legalDefault")}</p>
          <details className="mb-4">
            <summary className="cursor-pointer font-semibold">{t("preview")}</summary>
            <div className="mt-2 rounded border border-dashed border-line p-4">
              <TextDocument text={shownDa} />
            </div>
          </details>
          {canEdit ? (
            <FieldsForm
              action={bind(saveLegalAction)}
              idPrefix={`${kind}-`}
              hidden={{ kind }}
              errorHeading={t("errorHeading")}
              submitLabel={t("save")}
              {...(page.url || page.text ? { secondary: { name: "intent", value: "reset", label: t("reset"), testId: `${kind}-reset` } } : {})}
              fields={[
                { name: "url", label: t("legalUrl"), hint: t("legalUrlHint"), defaultValue: page.url ?? "", maxLength: 2000 },
                { name: "da", label: t("danish"), hint: t("legalTextHint"), type: "textarea", rows: 8, defaultValue: page.text?.da ?? "" },
                { name: "en", label: t("english"), type: "textarea", rows: 6, defaultValue: page.text?.en ?? "", lang: "en" },
              ]}
            />
          ) : null}
        </section>
      );
    };

    return (
      <AdminShell ctx={ctx} section="texts" title={t("title")} lead={t("lead")}>
        <nav aria-labelledby="texts-toc" className="mb-8 rounded border border-line bg-white p-4" data-testid="texts-parts">
          <h2 id="texts-toc" className="mb-2 text-lg font-semibold">{t("contents")}</h2>
          <ul className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
            {PARTS.map((p) => (
              <li key={p}>
                <a href={partHref(p)} aria-current={p === part ? "page" : undefined} className={p === part ? "font-semibold" : ""}>
                  {partLabel(p)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="space-y-10">
          {TEXT_GROUPS.filter((g) => g === part).map((g) => (
            <section key={g} id={`gruppe-${g}`} aria-labelledby={`gruppe-${g}-heading`}>
              <h2 id={`gruppe-${g}-heading`} className="mb-4 text-2xl font-semibold">{t(`groups.${g}`)}</h2>
              <div className="space-y-6">
                {TEXT_KEY_LIST.filter((k) => TEXT_KEYS[k].group === g).map((key: TextKey) => {
                  const own = s.texts[key];
                  const placeholders = placeholdersOf(key);
                  return (
                    <article key={key} id={key} className="rounded border border-line bg-white p-5" data-testid={`text-${key}`} data-overridden={own ? "yes" : "no"}>
                      <h3 className="text-lg font-semibold">
                        {TEXT_KEYS[key].what[locale]} {own ? <span className="ml-2 rounded bg-brand/10 px-2 py-0.5 text-sm font-normal">{t("own")}</span> : null}
                      </h3>
                      {saved === key ? <p role="status" className="font-semibold text-green-800" data-testid="text-saved">{t("saved")}</p> : null}
                      <div className="my-3 grid gap-3 md:grid-cols-2">
                        {(["da", "en"] as const).map((l) => (
                          <figure key={l} className="m-0 rounded border border-dashed border-line p-3" lang={l}>
                            <figcaption className="mb-1 text-sm text-muted" lang={locale}>{t(l === "da" ? "previewDa" : "previewEn")}</figcaption>
                            <p className={TEXT_KEYS[key].kind === "heading" ? "text-xl font-bold" : ""} data-testid={`preview-${l}`}>
                              {sample(orgText(s.texts, key, l), ctx.org.name)}
                            </p>
                          </figure>
                        ))}
                      </div>
                      {own ? <p className="mb-3 text-sm text-muted">{t("defaultWas", { text: defaultText(key, "da") })}</p> : null}
                      {canEdit ? (
                        <FieldsForm
                          action={bind(saveTextAction)}
                          idPrefix={`${key}-`}
                          hidden={{ key }}
                          errorHeading={t("errorHeading")}
                          submitLabel={t("save")}
                          {...(own ? { secondary: { name: "intent", value: "reset", label: t("reset"), testId: "text-reset" } } : {})}
                          fields={[
                            { name: "da", label: t("danish"), type: "textarea", rows: 2, maxLength: TEXT_MAX, defaultValue: own?.da ?? defaultText(key, "da"), ...(placeholders.length ? { hint: t("placeholders", { list: placeholders.map((p) => `{${p}}`).join(", ") }) } : {}) },
                            { name: "en", label: t("englishOptional"), type: "textarea", rows: 2, maxLength: TEXT_MAX, defaultValue: own?.en ?? "", lang: "en", hint: t("englishHint") },
                          ]}
                        />
                      ) : null}
                    </article>
                  );
                })}
              </div>
            </section>
          ))}

          {part === "kontakt" ? (
            <section id="kontakt" aria-labelledby="kontakt-heading" className="rounded border border-line bg-white p-5" data-testid="contact-section">
              <h2 id="kontakt-heading" className="mb-2 text-2xl font-semibold">{t("contactHeading")}</h2>
              {saved === "kontakt" ? <p role="status" className="mb-3 font-semibold text-green-800">{t("saved")}</p> : null}
              <div className="mb-4 rounded border border-dashed border-line p-4">
                <p className="mb-1 text-sm text-muted">{t("preview")}</p>
                <ContactDetails contact={s.contact} testId="contact-preview" />
              </div>
              {canEdit ? (
                <FieldsForm
                  action={bind(saveContactAction)}
                  idPrefix="contact-"
                  errorHeading={t("errorHeading")}
                  submitLabel={t("save")}
                  fields={[
                    { name: "phone", label: t("phone"), hint: t("phoneHint"), defaultValue: s.contact.phone ?? "", maxLength: 30 },
                    { name: "email", label: t("email"), type: "email", defaultValue: s.contact.email ?? "", maxLength: 200 },
                    { name: "openingHoursDa", label: t("openingHoursDa"), defaultValue: s.contact.openingHours?.da ?? "", maxLength: 300 },
                    { name: "openingHoursEn", label: t("openingHoursEn"), defaultValue: s.contact.openingHours?.en ?? "", maxLength: 300, lang: "en" },
                  ]}
                />
              ) : null}
            </section>
          ) : null}
          {part === "privacy" ? legal("privacy") : null}
          {part === "accessibility" ? legal("accessibility") : null}
        </div>
        <p className="mt-8"><a href={adminHref(slug, "home")}>{t("backToAdmin")}</a></p>
      </AdminShell>
    );
  },
);
