import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { Notice } from "@/components/admin/forms/Fields";
import { definePage } from "@/lib/http/wrappers";
import { readFormFlash } from "@/lib/http/form-flash";
import { adminHref } from "@/lib/admin/nav";
import { formatLongDate } from "@/lib/text/dates";
import { danishTime, todayInDenmark } from "@/lib/time";
import { findDelivery } from "@/lib/webhooks/deliveries";
import { isWebhookEvent } from "@/lib/webhooks/events";
import { submitResendDelivery } from "../../../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("adminWebhooks"))("delivery.title") };
}

const STATUSES = ["pending", "delivered", "failed"] as const;
const SENT = ["1", "i-gang", "slukket", "findes-ikke"] as const;

/** One delivery: what was sent, and each attempt's request, answer or error; "Send igen" for settings.manage. */
export default definePage(
  {
    kind: "staff",
    permission: "settings.read",
    name: "adminWebhookDeliveryPage",
    params: z.object({ organisation: z.string().min(1).max(50), endpointId: z.string().max(100), deliveryId: z.string().max(100) }),
    query: z.object({ sendt: z.enum(SENT).optional().catch(undefined), fejl: z.string().max(5).optional().catch(undefined) }).loose(),
    returnTo: (p) => adminHref(p.organisation ?? "", "webhooks"),
  },
  async (ctx, { params, query }) => {
    const d = await findDelivery(ctx.db, params.deliveryId);
    if (!d || d.endpointId.toLowerCase() !== params.endpointId.toLowerCase()) notFound();
    const t = await getTranslations("adminWebhooks");
    const locale = await getLocale();
    const canManage = ctx.permissions.has("settings.manage");
    const endpointHref = `${adminHref(ctx.org.slug, "webhooks")}/${d.endpointId}`;
    const when = (x: Date) => `${formatLongDate(todayInDenmark(x), locale)} ${danishTime(x)}`;
    const statusLabel = (s: string) => ((STATUSES as readonly string[]).includes(s) ? t(`status.${s as (typeof STATUSES)[number]}`) : s);
    const flash = query.fejl ? await readFormFlash("webhooks") : null;
    const sent = query.sendt === "1" ? t("delivery.resent") : query.sendt === "i-gang" ? t("delivery.inProgress") : query.sendt === "slukket" ? t("delivery.endpointOff") : query.sendt === "findes-ikke" ? t("delivery.notFound") : null;
    const pre = "mt-1 max-h-80 overflow-auto whitespace-pre-wrap break-all rounded border border-line bg-white p-3 font-mono text-sm";
    return (
      <AdminShell ctx={ctx} section="webhooks" title={t("delivery.title")} lead={t("delivery.lead")}>
        <p className="mb-6">
          <Link href={endpointHref} className="font-semibold text-brand underline">
            {t("delivery.back")}
          </Link>
        </p>
        {sent ? (
          <Notice testId="delivery-status" tone={query.sendt === "1" ? "success" : "info"}>
            {sent}
          </Notice>
        ) : null}
        {flash?.message ? (
          <Notice tone="error" testId="error-summary">
            {flash.message}
          </Notice>
        ) : null}
        <dl className="mb-6 grid max-w-3xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2" data-testid="delivery-details">
          <dt className="font-semibold">{t("deliveries.event")}</dt>
          <dd>{isWebhookEvent(d.event) ? t(`events.${d.event}`) : d.event} <code className="text-sm">({d.event})</code></dd>
          <dt className="font-semibold">{t("table.url")}</dt>
          <dd className="break-all font-mono text-sm">{d.endpointUrl}</dd>
          <dt className="font-semibold">{t("deliveries.status")}</dt>
          <dd data-testid="delivery-state">{statusLabel(d.status)}</dd>
          <dt className="font-semibold">{t("deliveries.attempts")}</dt>
          <dd data-testid="delivery-attempts">{d.attempts}</dd>
          <dt className="font-semibold">{t("deliveries.created")}</dt>
          <dd>{when(d.createdAt)}</dd>
          <dt className="font-semibold">Fraflyt-Delivery</dt>
          <dd className="font-mono text-sm">{d.id}</dd>
        </dl>
        {canManage ? (
          <form action={submitResendDelivery} className="mb-8">
            <input type="hidden" name="organisation" value={ctx.org.slug} />
            <input type="hidden" name="endpointId" value={d.endpointId} />
            <input type="hidden" name="deliveryId" value={d.id} />
            <p className="mb-2 text-muted">{t("delivery.resendHint")}</p>
            <button type="submit" className="min-h-11 rounded border-2 border-brand px-4 py-2 font-semibold text-brand hover:bg-brand/10" data-testid="delivery-resend">
              {t("delivery.resend")}
            </button>
          </form>
        ) : (
          <p className="mb-6 text-muted" data-testid="read-only">
            {t("readOnly")}
          </p>
        )}
        <h2 className="text-xl font-semibold">{t("delivery.payload")}</h2>
        <pre className={`${pre} mb-8`} data-testid="delivery-payload">{JSON.stringify(d.payload, null, 2)}</pre>
        {d.attemptLog.length === 0 ? <p data-testid="attempts-none">{t("delivery.noAttempts")}</p> : null}
        <ol className="list-none space-y-6 p-0" data-testid="attempts-list">
          {d.attemptLog.map((a) => (
            <li key={a.id} className="rounded border border-line p-4" data-testid="attempt" data-attempt={a.number} data-response-status={a.responseStatus ?? ""}>
              <h3 className="text-lg font-semibold">{t("delivery.attempt", { number: a.number })}</h3>
              <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
                <dt className="font-semibold">{t("delivery.at")}</dt>
                <dd>{when(a.at)}</dd>
                <dt className="font-semibold">{t("delivery.duration")}</dt>
                <dd>{t("delivery.durationMs", { ms: a.durationMs })}</dd>
                <dt className="font-semibold">{t("delivery.responseStatus")}</dt>
                <dd data-testid="attempt-status">{a.responseStatus ?? "—"}</dd>
                {a.error ? (
                  <>
                    <dt className="font-semibold">{t("delivery.error")}</dt>
                    <dd className="text-danger" data-testid="attempt-error">{a.error}</dd>
                  </>
                ) : null}
              </dl>
              <details className="mt-3">
                <summary className="cursor-pointer font-semibold">{t("delivery.requestHeaders")}</summary>
                <pre className={pre}>{Object.entries(a.requestHeaders).map(([k, v]) => `${k}: ${v}`).join("\n")}</pre>
              </details>
              <details className="mt-2">
                <summary className="cursor-pointer font-semibold">{t("delivery.requestBody")}</summary>
                <pre className={pre}>{a.requestBody}</pre>
              </details>
              {a.responseBody ? (
                <details className="mt-2">
                  <summary className="cursor-pointer font-semibold">{t("delivery.responseBody")}</summary>
                  <pre className={pre}>{a.responseBody}</pre>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      </AdminShell>
    );
  },
);
