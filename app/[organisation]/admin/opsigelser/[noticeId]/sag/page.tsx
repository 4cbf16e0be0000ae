import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { AuditTrail } from "@/components/admin/AuditTrail";
import { AdminErrorSummary } from "@/components/admin/forms/ErrorSummary";
import { Button, FieldError, FieldHint, Notice, inputClass, describedBy } from "@/components/admin/forms/Fields";
import { translatedErrors } from "@/components/admin/forms/messages";
import { DataTable, LabelledCell } from "@/components/admin/DataTable";
import { link, tbl } from "@/components/admin/table-classes";
import { PhaseSteps } from "@/components/admin/case/PhaseSteps";
import { definePage } from "@/lib/http/wrappers";
import { NotFound } from "@/lib/http/errors";
import { readFormFlash } from "@/lib/http/form-flash";
import { adminHref } from "@/lib/admin/nav";
import { flashRef } from "@/lib/admin/code-form";
import { caseworkerOptions, loadCaseView } from "@/lib/casework/move-out-case";
import { listCaseReminders } from "@/lib/casework/reminders";
import { CASE_DATE_COLUMN, DATE_REMINDER_SOURCES, reminderDueDate, reminderFormulaFor } from "@/lib/casework/reminder-dates";
import { movablePhases, visiblePhases } from "@/lib/casework/phases";
import { caseFormKey } from "@/lib/casework/case-form";
import { formatLongDate } from "@/lib/text/dates";
import { todayInDenmark } from "@/lib/time";
import { submitCaseForm } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("adminCase"))("title") };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SAVED = ["0", "fase", "datoer", "sagsbehandler", "pause", "genoptaget", "afsluttet", "erindring"] as const;

/**
 * The move-out case (fraflytningsguide) of one notice: its phases as the organisation shows them,
 * the case's dates, the caseworker, pause / resume / finish and the case's reminders. notices.read
 * to see it, notices.manage to change it, todos.complete to close a reminder; another
 * organisation's notice is a 404. Every form is a plain form (lib: move-out-case.ts, reminders.ts).
 */
export default definePage(
  {
    kind: "staff",
    permission: "notices.read",
    params: z.object({ organisation: z.string().min(1).max(60), noticeId: z.string().max(40) }),
    query: z.looseObject({ f: z.string().optional(), gemt: z.string().optional() }),
    returnTo: (p) => adminHref(p.organisation ?? "", "notices", `${p.noticeId ?? ""}/sag`),
  },
  async (ctx, { params, query }) => {
    if (!UUID.test(params.noticeId)) throw new NotFound("notice");
    const c = await loadCaseView(ctx.db, params.noticeId);
    if (!c) throw new NotFound("notice");
    const t = await getTranslations("adminCase");
    const tAll = (await getTranslations()) as unknown as (key: string) => string;
    const locale = await getLocale();
    const d = (iso: string) => formatLongDate(iso, locale);
    const dt = (at: Date) => d(todayInDenmark(at));
    const slug = ctx.org.slug;
    const s = ctx.org.settings;
    const today = todayInDenmark();
    const [reminders, staff] = await Promise.all([listCaseReminders(ctx.db, c.notice.id), caseworkerOptions(ctx.db)]);

    const locked = c.notice.status === "CANCELLED" || c.phase === "FINISHED";
    const paused = c.pausedAt !== null;
    const canManage = ctx.permissions.has("notices.manage") && !locked;
    const canClose = ctx.permissions.has("todos.complete");
    const ref = flashRef(query.f);
    const flash = ref ? await readFormFlash(caseFormKey(c.notice.id, ref)) : null;
    const rawErrors = flash?.errors ?? {};
    const errors = await translatedErrors(Object.fromEntries(Object.entries(rawErrors).map(([k, list]) => [k, list.map((x) => (x.startsWith("adminCase.") ? tAll(x) : x))])));
    const summary = [...(flash?.message ? [{ text: flash.message }] : []), ...Object.entries(errors).flatMap(([f, list]) => list.map((text) => (f ? { fieldId: f, text } : { text })))];
    const saved = !flash && query.gemt && (SAVED as readonly string[]).includes(query.gemt) ? query.gemt : null;

    const phases = visiblePhases(c, c.notice, s.casework);
    const movable = movablePhases(s.casework).filter((p) => p !== c.phase);
    const hidden = (intent: string) => (
      <>
        <input type="hidden" name="organisation" value={slug} />
        <input type="hidden" name="noticeId" value={c.notice.id} />
        <input type="hidden" name="version" value={c.version} />
        <input type="hidden" name="intent" value={intent} />
      </>
    );
    const dateValues = flash?.values && "inspectionDeadline" in flash.values ? flash.values : (c.dates as Record<string, string | null>);
    const pauseFormula = reminderFormulaFor("paused", s.casework);
    const safeDue = (base: string, formula: string) => {
      try {
        return formula.trim() ? reminderDueDate(base, formula, s.closingDays) : null;
      } catch {
        return null;
      }
    };
    const pauseDue = safeDue(today, pauseFormula);
    const userName = (id: string | null) => (id ? (staff.find((u) => u.id === id)?.name ?? "—") : t("reminders.nobody"));
    const section = "mb-6 rounded border border-line bg-white p-4 sm:p-5";

    return (
      <AdminShell ctx={ctx} section="notices" title={t("titleFor", { address: c.notice.address })} lead={c.notice.moveOutDate ? t("lead", { tenants: c.notice.tenants.join(" og "), moveOut: d(c.notice.moveOutDate) }) : t("leadNoDate", { tenants: c.notice.tenants.join(" og ") })}>
        <p className="mb-4">
          <Link href={adminHref(slug, "notices", c.notice.id)} className={link}>
            ← {t("back")}
          </Link>
        </p>
        {saved ? <Notice testId="case-saved">{t(`saved.${saved}`)}</Notice> : null}
        <AdminErrorSummary heading={t("errorSummary")} errors={summary} />
        {c.notice.status === "CANCELLED" ? <Notice tone="info" testId="case-cancelled">{t("state.cancelled")}</Notice> : null}
        {c.finishedAt ? <Notice tone="info" testId="case-finished">{t("state.finished", { date: dt(c.finishedAt) })}</Notice> : null}
        {paused && !c.finishedAt ? <Notice tone="info" testId="case-paused">{t("state.paused", { date: dt(c.pausedAt!) })}</Notice> : null}
        {!ctx.permissions.has("notices.manage") ? <p className="mb-4 text-muted" data-testid="read-only">{t("readOnly")}</p> : null}

        <section className={section} aria-labelledby="phases-heading">
          <h2 id="phases-heading" className="mb-3 text-xl font-bold">
            {t("phases.heading")}
          </h2>
          <PhaseSteps steps={phases.map((p) => ({ key: p.phase, label: t(`phases.${p.phase}`), state: p.state, stateLabel: t(`phases.${p.state}`) }))} />
          {canManage && !paused && movable.length > 0 ? (
            <form action={submitCaseForm} className="mt-4 flex flex-wrap items-end gap-3" data-testid="phase-form">
              {hidden("phase")}
              <div>
                <label htmlFor="phase" className="block font-semibold">
                  {t("phases.move")}
                </label>
                <select id="phase" name="phase" className={`${inputClass()} mt-1 w-auto`} defaultValue={movable[0]}>
                  {movable.map((p) => (
                    <option key={p} value={p}>
                      {t(`phases.${p}`)}
                    </option>
                  ))}
                </select>
              </div>
              <Button variant="secondary" testId="move-phase">
                {t("phases.moveButton")}
              </Button>
            </form>
          ) : null}
        </section>

        <form action={submitCaseForm} data-save-form noValidate className={section} data-testid="dates-form" aria-labelledby="dates-heading">
          {hidden("dates")}
          <h2 id="dates-heading" className="text-xl font-bold">
            {t("dates.heading")}
          </h2>
          <p className="mb-3 text-sm text-muted">{t("dates.hint")}</p>
          <fieldset disabled={!canManage || paused} className="grid min-w-0 gap-x-6 sm:grid-cols-2">
            <legend className="sr-only">{t("dates.heading")}</legend>
            {DATE_REMINDER_SOURCES.map((source) => {
              const col = CASE_DATE_COLUMN[source];
              const value = dateValues[col] ?? "";
              const stored = c.dates[col];
              const formula = reminderFormulaFor(source, s.casework);
              const due = stored ? safeDue(stored, formula) : null;
              const err = errors[col]?.join(" ");
              const hint = formula.trim() === "" ? null : due ? t("dates.reminder", { formula, due: d(due) }) : t("dates.reminderFormula", { formula });
              const hintText = [stored ? t("dates.saved", { date: d(stored) }) : null, hint].filter(Boolean).join(". ");
              return (
                <div key={col} className={`mb-4 ${err ? "border-l-4 border-red-700 pl-3" : ""}`}>
                  <label htmlFor={col} className="block font-semibold">
                    {t(`dates.${col}`)}
                  </label>
                  {hintText ? <FieldHint id={col}>{hintText}</FieldHint> : null}
                  {err ? (
                    <FieldError id={col} prefix={t("errorPrefix")}>
                      {err}
                    </FieldError>
                  ) : null}
                  <input type="date" id={col} name={col} defaultValue={value} aria-invalid={err ? true : undefined} aria-describedby={describedBy(col, hintText || undefined, err)} className={`${inputClass(err)} mt-1 max-w-56`} data-testid={`date-${col}`} />
                </div>
              );
            })}
          </fieldset>
          {canManage && !paused ? (
            <Button testId="save-dates">{t("dates.save")}</Button>
          ) : null}
        </form>

        <form action={submitCaseForm} className={section} data-testid="caseworker-form" aria-labelledby="caseworker-heading">
          {hidden("caseworker")}
          <h2 id="caseworker-heading" className="mb-3 text-xl font-bold">
            {t("caseworker.heading")}
          </h2>
          <fieldset disabled={!canManage || paused} className="flex min-w-0 flex-wrap items-end gap-3">
            <div className="min-w-0 max-w-full">
              <label htmlFor="caseworkerId" className="block font-semibold">
                {t("caseworker.label")}
              </label>
              <select id="caseworkerId" name="caseworkerId" defaultValue={c.caseworkerId ?? ""} className={`${inputClass()} mt-1 w-auto max-w-full`}>
                <option value="">{t("caseworker.none")}</option>
                {staff.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </div>
            {canManage && !paused ? (
              <Button variant="secondary" testId="save-caseworker">
                {t("caseworker.save")}
              </Button>
            ) : null}
          </fieldset>
        </form>

        {canManage ? (
          <section className={section} aria-labelledby="actions-heading">
            <h2 id="actions-heading" className="mb-3 text-xl font-bold">
              {t("actions.heading")}
            </h2>
            <div className="flex flex-wrap gap-3">
              {paused ? (
                <form action={submitCaseForm}>
                  {hidden("resume")}
                  <Button testId="resume-case">{t("actions.resume")}</Button>
                </form>
              ) : (
                <form action={submitCaseForm}>
                  {hidden("pause")}
                  <Button variant="secondary" testId="pause-case">
                    {t("actions.pause")}
                  </Button>
                </form>
              )}
              <form action={submitCaseForm}>
                {hidden("finish")}
                <Button variant="secondary" testId="finish-case">
                  {t("actions.finish")}
                </Button>
              </form>
            </div>
            <p className="mt-3 text-sm text-muted">
              {!paused ? (pauseDue ? t("actions.pauseHint", { formula: pauseFormula, due: d(pauseDue) }) : t("actions.pauseNoReminder")) : null}{" "}
              {s.casework.closeRemindersOnFinish ? t("actions.finishCloses") : t("actions.finishKeeps")}
            </p>
          </section>
        ) : null}

        <section className="mb-6" aria-labelledby="reminders-heading">
          <h2 id="reminders-heading" className="mb-3 text-xl font-bold">
            {t("reminders.heading")}
          </h2>
          {reminders.length === 0 ? (
            <p className="text-muted" data-testid="no-reminders">
              {t("reminders.none")}
            </p>
          ) : (
            <DataTable testId="case-reminders" caption={t("reminders.caption")} headings={[t("reminders.title"), t("reminders.due"), t("reminders.status"), t("reminders.category"), t("reminders.assigned"), t("reminders.action")]}>
              {reminders.map((r) => (
                <tr key={r.id} className={tbl.tr} data-testid="reminder-row" data-status={r.status}>
                  <th scope="row" className={`${tbl.rowHeader} font-semibold`}>
                    {r.title}
                  </th>
                  <LabelledCell label={t("reminders.due")}>
                    <span data-testid="reminder-due">{r.dueDate ? d(r.dueDate) : "—"}</span>
                    {r.status === "OPEN" && r.dueDate && r.dueDate <= today ? <span className="ml-2 rounded bg-amber-100 px-1 text-sm font-semibold">{t("reminders.overdue")}</span> : null}
                  </LabelledCell>
                  <LabelledCell label={t("reminders.status")}>
                    <span data-testid="reminder-status">{t(`reminders.${r.status}`)}</span>
                  </LabelledCell>
                  <LabelledCell label={t("reminders.category")}>{r.category ?? "—"}</LabelledCell>
                  <LabelledCell label={t("reminders.assigned")}>{userName(r.assignedToId)}</LabelledCell>
                  <LabelledCell label={t("reminders.action")}>
                    {r.status === "OPEN" && canClose ? (
                      <form action={submitCaseForm}>
                        <input type="hidden" name="organisation" value={slug} />
                        <input type="hidden" name="noticeId" value={c.notice.id} />
                        <input type="hidden" name="todoId" value={r.id} />
                        <input type="hidden" name="version" value={r.version} />
                        <input type="hidden" name="intent" value="close-reminder" />
                        <Button variant="secondary" testId="close-reminder" ariaLabel={t("reminders.closeLabel", { title: r.title })}>
                          {t("reminders.close")}
                        </Button>
                      </form>
                    ) : r.completedAt ? (
                      dt(r.completedAt)
                    ) : (
                      "—"
                    )}
                  </LabelledCell>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
        {ctx.permissions.has("audit.read") ? (
          // Timestamps and ids in the before/after break anywhere, so a phone needs no sideways scrolling.
          <div className="min-w-0 [overflow-wrap:anywhere]">
            <AuditTrail ctx={ctx} entityType="MoveOutCase" entityId={c.id} />
          </div>
        ) : null}
      </AdminShell>
    );
  },
);
