import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { AdminErrorSummary } from "@/components/admin/forms/ErrorSummary";
import { Button, Field, Notice, TextInput } from "@/components/admin/forms/Fields";
import { definePage } from "@/lib/http/wrappers";
import { readFormFlash } from "@/lib/http/form-flash";
import { adminHref } from "@/lib/admin/nav";
import { mayChangeAutomationHours } from "@/lib/automation/hours";
import { submitAutomationHours } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("adminAutomationHours"))("title") };
}

/** Automation hours: the organisation's yearly window (settings.automation.yearlyWindow). Seen with users.read or settings.read; changed with users.manage or settings.manage. */
export default definePage(
  {
    kind: "staff",
    permission: "admin.view",
    params: z.object({ organisation: z.string().min(1).max(60) }),
    query: z.looseObject({ f: z.string().optional(), gemt: z.enum(["0", "1"]).optional() }),
    returnTo: (p) => adminHref(p.organisation ?? "", "automation", "tider"),
  },
  async (ctx, { query }) => {
    const t = await getTranslations("adminAutomationHours");
    const canSee = ["users.read", "settings.read"].some((p) => ctx.permissions.has(p as never));
    if (!canSee) notFound();
    const canManage = mayChangeAutomationHours(ctx);
    const flash = query.f && canManage ? await readFormFlash("automation-hours") : null;
    const w = ctx.org.settings.automation.yearlyWindow;
    const values = flash?.values ?? { useWindow: w ? "on" : "off", from: w?.from ?? "04-01", to: w?.to ?? "05-15" };
    const errors = flash?.errors ?? {};
    const err = (f: string) => errors[f]?.join(" ");
    const summary = [...(flash?.message && Object.keys(errors).length === 0 ? [{ text: flash.message }] : []), ...(["from", "to"] as const).flatMap((f) => (errors[f] ?? []).map((text) => ({ fieldId: f, text })))];
    const common = { errorPrefix: t("errorPrefix") };
    return (
      <AdminShell ctx={ctx} section="automation" title={t("title")} lead={t("lead")}>
        {query.gemt && !flash ? <Notice testId="status-message">{query.gemt === "1" ? t("saved") : t("unchanged")}</Notice> : null}
        <p className="mb-6" data-testid="current-window">
          {t("current", { window: w ? `${w.from} – ${w.to}` : t("none") })}
        </p>
        {!canManage ? (
          <p className="mb-4 text-muted" data-testid="read-only">
            {t("readOnly")}
          </p>
        ) : (
          <form action={submitAutomationHours} className="max-w-xl rounded border border-line bg-white p-5" data-testid="hours-form" noValidate>
            {summary.length > 0 ? <AdminErrorSummary heading={t("errorTitle")} errors={summary} testId="hours-errors" /> : null}
            <input type="hidden" name="organisation" value={ctx.org.slug} />
            <fieldset className="mb-5">
              <legend className="font-semibold">{t("enabled")}</legend>
              <label className="mt-2 flex items-center gap-2">
                <input type="radio" name="useWindow" value="on" defaultChecked={values.useWindow === "on"} /> {t("withWindow")}
              </label>
              <label className="mt-1 flex items-center gap-2">
                <input type="radio" name="useWindow" value="off" defaultChecked={values.useWindow !== "on"} /> {t("none")}
              </label>
            </fieldset>
            <Field id="from" label={t("from")} hint={t("hint")} error={err("from")} {...common}>
              <TextInput id="from" defaultValue={values.from} hint error={err("from")} maxLength={5} width="w-28" />
            </Field>
            <Field id="to" label={t("to")} error={err("to")} {...common}>
              <TextInput id="to" defaultValue={values.to} error={err("to")} maxLength={5} width="w-28" />
            </Field>
            <Button testId="save-hours">{t("save")}</Button>
          </form>
        )}
      </AdminShell>
    );
  },
);
