import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { Notice } from "@/components/admin/forms/Fields";
import { tbl } from "@/components/admin/table-classes";
import { DataTable, LabelledCell } from "@/components/admin/DataTable";
import { definePage } from "@/lib/http/wrappers";
import { readFormFlash } from "@/lib/http/form-flash";
import { adminHref } from "@/lib/admin/nav";
import { formatLongDate } from "@/lib/text/dates";
import { todayInDenmark } from "@/lib/time";
import { listEndpoints, DESCRIPTION_MAX } from "@/lib/webhooks/endpoints";
import { WEBHOOK_EVENTS, isWebhookEvent } from "@/lib/webhooks/events";
import { WEBHOOK_URL_MAX } from "@/lib/webhooks/url";
import { createWebhookEndpoint } from "./actions";
import { SecretOnceForm } from "./SecretOnce";

export async function generateMetadata() {
  return { title: (await getTranslations("adminWebhooks"))("title") };
}

/**
 * The organisation's webhooks (lib/webhooks): the endpoints (address, events, active) and, for
 * settings.manage staff, the form to add one — its secret is shown once, right after.
 */
export default definePage(
  {
    kind: "staff",
    permission: "settings.read",
    name: "adminWebhooksPage",
    params: z.object({ organisation: z.string().min(1).max(50) }),
    query: z.object({ sendt: z.string().max(20).optional().catch(undefined), fejl: z.string().max(5).optional().catch(undefined) }).loose(),
    returnTo: (p) => adminHref(p.organisation ?? "", "webhooks"),
  },
  async (ctx, { query }) => {
    const t = await getTranslations("adminWebhooks");
    const locale = await getLocale();
    const slug = ctx.org.slug;
    const canManage = ctx.permissions.has("settings.manage");
    const endpoints = await listEndpoints(ctx.db);
    const flash = query.fejl ? await readFormFlash("webhooks") : null;
    const eventLabel = (e: string) => (isWebhookEvent(e) ? t(`events.${e}`) : e);
    const base = adminHref(slug, "webhooks");
    return (
      <AdminShell ctx={ctx} section="webhooks" title={t("title")} lead={t("lead")}>
        {flash?.message ? (
          <Notice tone="error" testId="error-summary">
            {flash.message}
          </Notice>
        ) : null}
        {query.sendt === "findes-ikke" ? (
          <Notice tone="info" testId="webhooks-status">
            {t("delivery.notFound")}
          </Notice>
        ) : null}
        {!canManage ? (
          <p className="mb-4 text-muted" data-testid="read-only">
            {t("readOnly")}
          </p>
        ) : null}
        {endpoints.length === 0 ? (
          <p data-testid="webhooks-none">{t("table.none")}</p>
        ) : (
          <DataTable testId="webhooks-list" caption={t("table.caption", { count: endpoints.length })} captionVisible headings={[t("table.url"), t("table.events"), t("table.status"), t("table.created"), t("table.action")]}>
            {endpoints.map((ep) => (
              <tr key={ep.id} className={tbl.tr} data-testid="webhook-row" data-endpoint-id={ep.id}>
                <th scope="row" className={`${tbl.rowHeader} break-all font-mono text-sm font-semibold`}>
                  {ep.url}
                  {ep.description ? <span className="block font-sans font-normal text-muted">{ep.description}</span> : null}
                </th>
                <LabelledCell label={t("table.events")}>{ep.events.map(eventLabel).join(", ")}</LabelledCell>
                <LabelledCell label={t("table.status")}>{ep.active ? t("active") : t("inactive")}</LabelledCell>
                <LabelledCell label={t("table.created")}>{formatLongDate(todayInDenmark(ep.createdAt), locale)}</LabelledCell>
                <td className={`${tbl.cell} max-sm:pt-2`}>
                  <Link href={`${base}/${ep.id}`} className="font-semibold text-brand underline" aria-label={t("openLabel", { url: ep.url })} data-testid="webhook-open">
                    {t("open")}
                  </Link>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        {canManage ? (
          <section aria-labelledby="webhook-create-heading" className="mt-10">
            <h2 id="webhook-create-heading" className="mb-2 text-xl font-semibold">
              {t("create.heading")}
            </h2>
            <SecretOnceForm
              id="webhook-create"
              action={createWebhookEndpoint.bind(null, slug) as never}
              fields={[
                { kind: "url", name: "url", label: t("create.url"), hint: t("create.urlHint"), maxLength: WEBHOOK_URL_MAX },
                { kind: "checkboxes", name: "events", legend: t("create.events"), hint: t("create.eventsHint"), options: WEBHOOK_EVENTS.map((e) => ({ value: e, label: t(`events.${e}`), hint: t(`eventHints.${e}`) })) },
                { kind: "text", name: "description", label: t("create.description"), hint: t("create.descriptionHint"), maxLength: DESCRIPTION_MAX, required: false },
              ]}
              submitLabel={t("create.submit")}
              errorHeading={t("create.errorHeading")}
              secretHeading={t("secret.heading")}
              secretLead={t("secret.lead")}
              copyLabel={t("secret.copy")}
              copiedLabel={t("secret.copied")}
              afterHref={base}
              afterLabel={t("secret.openEndpoint")}
            />
          </section>
        ) : null}
      </AdminShell>
    );
  },
);
