import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { AdminForm } from "@/components/admin/users/AdminForm";
import { Notice } from "@/components/admin/users/Notice";
import { tbl } from "@/components/admin/table-classes";
import { DataTable, LabelledCell } from "@/components/admin/DataTable";
import { definePage } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { formatLongDate } from "@/lib/text/dates";
import { danishTime, todayInDenmark } from "@/lib/time";
import { DESCRIPTION_MAX, findEndpoint } from "@/lib/webhooks/endpoints";
import { listDeliveries } from "@/lib/webhooks/deliveries";
import { WEBHOOK_EVENTS, isWebhookEvent } from "@/lib/webhooks/events";
import { WEBHOOK_URL_MAX } from "@/lib/webhooks/url";
import { rotateWebhookSecret, updateWebhookEndpoint } from "../actions";
import { SecretOnceForm } from "../SecretOnce";

export async function generateMetadata() {
  return { title: (await getTranslations("adminWebhooks"))("endpoint.title") };
}

const STATUSES = ["pending", "delivered", "failed"] as const;

/** One webhook: its address and events (editable by settings.manage), a new secret, and its latest deliveries. */
export default definePage(
  {
    kind: "staff",
    permission: "settings.read",
    name: "adminWebhookEndpointPage",
    params: z.object({ organisation: z.string().min(1).max(50), endpointId: z.string().max(100) }),
    query: z.object({ gemt: z.enum(["0", "1"]).optional().catch(undefined) }).loose(),
    returnTo: (p) => adminHref(p.organisation ?? "", "webhooks"),
  },
  async (ctx, { params, query }) => {
    const ep = await findEndpoint(ctx.db, params.endpointId);
    if (!ep) notFound();
    const t = await getTranslations("adminWebhooks");
    const locale = await getLocale();
    const slug = ctx.org.slug;
    const canManage = ctx.permissions.has("settings.manage");
    const deliveries = await listDeliveries(ctx.db, { endpointId: ep.id, limit: 100 });
    const base = adminHref(slug, "webhooks");
    const when = (d: Date) => `${formatLongDate(todayInDenmark(d), locale)} ${danishTime(d)}`;
    const eventLabel = (e: string) => (isWebhookEvent(e) ? t(`events.${e}`) : e);
    const statusLabel = (s: string) => ((STATUSES as readonly string[]).includes(s) ? t(`status.${s as (typeof STATUSES)[number]}`) : s);
    return (
      <AdminShell ctx={ctx} section="webhooks" title={t("endpoint.title")} lead={t("endpoint.lead")}>
        <p className="mb-6">
          <Link href={base} className="font-semibold text-brand underline">
            {t("endpoint.back")}
          </Link>
        </p>
        {query.gemt ? (
          <Notice variant="success" announce testId="webhook-saved">
            {query.gemt === "1" ? t("endpoint.saved") : t("endpoint.unchanged")}
          </Notice>
        ) : null}
        <dl className="mb-8 grid max-w-3xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2" data-testid="webhook-details">
          <dt className="font-semibold">{t("table.url")}</dt>
          <dd className="break-all font-mono text-sm" data-testid="webhook-url">{ep.url}</dd>
          <dt className="font-semibold">{t("table.events")}</dt>
          <dd>{ep.events.map(eventLabel).join(", ")}</dd>
          <dt className="font-semibold">{t("table.status")}</dt>
          <dd data-testid="webhook-active">{ep.active ? t("active") : t("inactive")}</dd>
          {ep.secretRotatedAt ? (
            <>
              <dt className="font-semibold">{t("endpoint.rotateHeading")}</dt>
              <dd>{t("endpoint.rotatedAt", { at: when(ep.secretRotatedAt) })}</dd>
            </>
          ) : null}
        </dl>

        {canManage ? (
          <>
            <section aria-labelledby="webhook-edit-heading" className="mb-10">
              <h2 id="webhook-edit-heading" className="mb-2 text-xl font-semibold">
                {t("endpoint.edit")}
              </h2>
              <AdminForm
                id="webhook-edit"
                testId="webhook-edit"
                action={updateWebhookEndpoint.bind(null, slug) as never}
                errorHeading={t("create.errorHeading")}
                submitLabel={t("endpoint.save")}
                fields={[
                  { kind: "hidden", name: "endpointId", value: ep.id },
                  { kind: "hidden", name: "version", value: String(ep.version) },
                  { kind: "url", name: "url", label: t("create.url"), hint: t("create.urlHint"), value: ep.url, maxLength: WEBHOOK_URL_MAX, inputMode: "url", autoComplete: "off" },
                  { kind: "checkboxes", name: "events", legend: t("create.events"), hint: t("create.eventsHint"), values: ep.events, options: WEBHOOK_EVENTS.map((e) => ({ value: e, label: t(`events.${e}`), hint: t(`eventHints.${e}`) })) },
                  { kind: "text", name: "description", label: t("create.description"), hint: t("create.descriptionHint"), value: ep.description ?? "", maxLength: DESCRIPTION_MAX, required: false, autoComplete: "off" },
                  { kind: "checkboxes", name: "active", legend: t("table.status"), values: ep.active ? ["on"] : [], options: [{ value: "on", label: t("endpoint.activeLabel") }] },
                ]}
              />
            </section>
            <section aria-labelledby="webhook-rotate-heading" className="mb-10">
              <h2 id="webhook-rotate-heading" className="text-xl font-semibold">
                {t("endpoint.rotateHeading")}
              </h2>
              <p className="mt-1 mb-2 max-w-2xl">{t("endpoint.rotateLead")}</p>
              <SecretOnceForm
                id="webhook-rotate"
                action={rotateWebhookSecret.bind(null, slug) as never}
                fields={[{ kind: "hidden", name: "endpointId", value: ep.id }]}
                submitLabel={t("endpoint.rotate")}
                submitVariant="secondary"
                errorHeading={t("create.errorHeading")}
                secretHeading={t("secret.heading")}
                secretLead={`${t("secret.lead")} ${t("secret.rotatedLead")}`}
                untilLocale={locale}
                copyLabel={t("secret.copy")}
                copiedLabel={t("secret.copied")}
              />
            </section>
          </>
        ) : (
          <p className="mb-6 text-muted" data-testid="read-only">
            {t("readOnly")}
          </p>
        )}

        <section aria-labelledby="webhook-deliveries-heading">
          <h2 id="webhook-deliveries-heading" className="mb-2 text-xl font-semibold">
            {t("deliveries.heading")}
          </h2>
          {deliveries.length === 0 ? (
            <p data-testid="deliveries-none">{t("deliveries.none")}</p>
          ) : (
            <DataTable testId="deliveries-list" caption={t("deliveries.caption", { count: deliveries.length })} headings={[t("deliveries.event"), t("deliveries.status"), t("deliveries.attempts"), t("deliveries.lastStatus"), t("deliveries.created"), ""]}>
              {deliveries.map((d) => (
                <tr key={d.id} className={tbl.tr} data-testid="delivery-row" data-delivery-id={d.id} data-status={d.status}>
                  <th scope="row" className={`${tbl.rowHeader} font-semibold`}>
                    {eventLabel(d.event)}
                  </th>
                  <LabelledCell label={t("deliveries.status")}>{statusLabel(d.status)}</LabelledCell>
                  <LabelledCell label={t("deliveries.attempts")}>{d.attempts}</LabelledCell>
                  <LabelledCell label={t("deliveries.lastStatus")}>{d.lastStatus ?? "—"}</LabelledCell>
                  <LabelledCell label={t("deliveries.created")}>{when(d.createdAt)}</LabelledCell>
                  <td className={`${tbl.cell} max-sm:pt-2`}>
                    <Link href={`${base}/${ep.id}/leverancer/${d.id}`} className="font-semibold text-brand underline" data-testid="delivery-open">
                      {t("deliveries.open")}
                    </Link>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      </AdminShell>
    );
  },
);
