import { getLocale, getTranslations } from "next-intl/server";
import type { NoticeRulePreview } from "@/lib/admin/previews";
import { formatLongDate } from "@/lib/text/dates";

/** The preview of a notice rule: the sentence the tenant sees, notice given today, and the latest notice dates. */
export async function RulePreview(props: { preview: NoticeRulePreview | null; codeText: string; typed: boolean }) {
  const t = await getTranslations("adminCodes.preview");
  const locale = await getLocale();
  const d = (iso: string) => formatLongDate(iso, locale);
  const p = props.preview;
  return (
    <section id="eksempel" aria-labelledby="eksempel-heading" className="mt-8 max-w-2xl rounded border border-line bg-white p-5" data-testid="rule-preview" tabIndex={-1}>
      <h2 id="eksempel-heading" className="text-xl font-bold">
        {t("heading")}
      </h2>
      <p className="mt-1 text-sm text-muted" data-testid="preview-source">
        {p ? (props.typed ? t("typed") : t("saved")) : t("invalid")}
      </p>
      {props.codeText ? (
        <p className="mt-3" lang="da">
          {t("sentence", { text: props.codeText.trim().replace(/\.$/, "") })}
        </p>
      ) : null}
      {p ? (
        <>
          <p className="mt-3" data-testid="preview-today">
            {t("today", { today: d(p.today), termination: d(p.terminationDate), vacating: d(p.vacatingDay) })}
          </p>
          <div className="mt-4 overflow-x-auto">
            <table className="w-full border-collapse text-left" data-testid="preview-table">
              <caption className="mb-2 text-left font-semibold">{t("caption")}</caption>
              <thead>
                <tr className="border-b-2 border-ink">
                  <th scope="col" className="py-2 pr-4">
                    {t("termination")}
                  </th>
                  <th scope="col" className="py-2">
                    {t("latest")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.upcoming.map((u) => (
                  <tr key={u.terminationDate} className="border-b border-line">
                    <td className="py-2 pr-4">{d(u.terminationDate)}</td>
                    <td className="py-2">{d(u.latestNoticeDate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
