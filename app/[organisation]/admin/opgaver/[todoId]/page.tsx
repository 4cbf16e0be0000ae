import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { TodoForm, type TodoField } from "@/components/admin/todos/TodoForm";
import { link } from "@/components/admin/table-classes";
import { definePage, type ActionState } from "@/lib/http/wrappers";
import { NotFound } from "@/lib/http/errors";
import { adminHref } from "@/lib/admin/nav";
import { todoDetail, type ConfirmNoticeDetail, type ReminderDetail, type TenancyDetailsDetail } from "@/lib/todos/detail";
import { CASE_REFERENCE_MAX, CORRECTION_REASON_MAX } from "@/lib/todos/confirm-notice";
import { formatLongDate } from "@/lib/text/dates";
import { danishTime, todayInDenmark } from "@/lib/time";
import { submitCloseReminder, submitConfirmNotice, submitTenancyDetails } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("adminTodos"))("title") };
}

type T = Awaited<ReturnType<typeof getTranslations<"adminTodos">>>;

function bound(action: (organisation: string, state: ActionState<never>, data: FormData) => Promise<ActionState<never>>, slug: string) {
  return action.bind(null, slug) as (state: ActionState<never>, data: FormData) => Promise<ActionState<never>>;
}

function Facts({ rows }: { rows: [string, React.ReactNode, string?][] }) {
  return (
    <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      {rows.map(([label, value, testId]) => (
        <div key={label} className="contents">
          <dt className="font-semibold break-words hyphens-auto">{label}</dt>
          <dd className="mb-2 break-words sm:mb-0" data-testid={testId}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * One to-do: what it is about and, while it is open and the person may complete to-dos, its form
 * (confirm-notice: case reference, re-letting date, inspection date among the allowed dates, a
 * reason for a correction; provide-tenancy-details: the notice rule among the active codes and the
 * renovation period). A reminder links to its move-out case, where reminders are closed. The form
 * carries the version it was opened at, so a completion of a to-do changed meanwhile is refused.
 * Another organisation's to-do, or no to-do, is a 404.
 */
export default definePage(
  {
    kind: "staff",
    permission: "todos.read",
    params: z.object({ organisation: z.string().min(1).max(50), todoId: z.string().max(40) }),
    returnTo: (p) => adminHref(p.organisation ?? "", "todos", p.todoId ?? ""),
  },
  async (ctx, { params }) => {
    const t = await getTranslations("adminTodos");
    const locale = await getLocale();
    const d = await todoDetail(ctx.db, params.todoId);
    if (!d) throw new NotFound("todo");
    const slug = ctx.org.slug;
    const canComplete = ctx.permissions.has("todos.complete");
    const day = (iso: string | null) => (iso ? formatLongDate(iso, locale) : t("detail.none"));
    const when = (at: Date) => `${formatLongDate(todayInDenmark(at), locale)} ${danishTime(at)}`;
    const open = d.status === "OPEN";

    const closedNote = open ? null : (
      <div role="status" className="mb-6 rounded border-2 border-line bg-white p-4" data-testid="todo-closed">
        <p className="font-semibold">{t("detail.closed", { status: t(`todoStatus.${d.status}`).toLowerCase() })}</p>
        {d.completedAt ? (
          <p>
            {t("detail.closedAt", { at: when(d.completedAt) })} {d.completedBy ? t("detail.closedBy", { name: d.completedBy }) : null}
          </p>
        ) : null}
        {d.result?.closedBy === "data" ? <p>{t("detail.closedByData")}</p> : d.result?.closedBy === "inactive" ? <p>{t("detail.closedInactive")}</p> : null}
      </div>
    );

    let body: React.ReactNode;
    if (d.kind === "CONFIRM_NOTICE") body = confirmBody(d, t, day, open && canComplete, slug);
    else if (d.kind === "PROVIDE_TENANCY_DETAILS") body = detailsBody(d, t, open && canComplete, slug);
    else body = reminderBody(d, t, day, slug, ctx.permissions.has("notices.read"), open && canComplete);

    return (
      <AdminShell ctx={ctx} section="todos" title={t(`kinds.${d.kind}`)} lead={t("detail.createdAt", { at: when(d.createdAt) })}>
        <p className="mb-4">
          <Link href={adminHref(slug, "todos")} className={link}>
            ← {t("detail.back")}
          </Link>
        </p>
        {closedNote}
        {open && !canComplete && d.kind !== "REMINDER" ? (
          <p className="mb-4 text-muted" data-testid="todo-read-only">
            {t("detail.cannotComplete")}
          </p>
        ) : null}
        {body}
      </AdminShell>
    );
  },
);

function confirmBody(d: ConfirmNoticeDetail, t: T, day: (iso: string | null) => string, showForm: boolean, slug: string) {
  const n = d.notice;
  const stored = n.inspectionDate;
  const options = [...(stored && !n.allowedInspectionDates.includes(stored) ? [stored] : []), ...n.allowedInspectionDates];
  const fields: TodoField[] = [
    { kind: "hidden", name: "todoId", value: d.id },
    { kind: "hidden", name: "version", value: String(d.version) },
    { kind: "text", name: "caseReference", label: t("detail.caseReference"), hint: t("detail.caseReferenceHint"), value: "", maxLength: CASE_REFERENCE_MAX },
    { kind: "date", name: "relettingDate", label: t("detail.relettingDate"), hint: t("detail.relettingHint", { date: day(n.relettingDate) }), value: n.relettingDate ?? "" },
    {
      kind: "select",
      name: "inspectionDate",
      label: t("detail.inspectionDate"),
      hint: t("detail.inspectionHint", { date: day(stored) }),
      value: stored ?? "",
      options: options.map((o) => ({ value: o, label: o === stored ? t("detail.inspectionStored", { date: day(o) }) : day(o) })),
    },
    { kind: "textarea", name: "correctionReason", label: t("detail.correctionReason"), hint: t("detail.correctionReasonHint"), value: "", maxLength: CORRECTION_REASON_MAX },
  ];
  const result = d.result;
  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
      <section aria-labelledby="notice-heading" className="rounded border border-line bg-white p-4">
        <h2 id="notice-heading" className="text-xl font-bold">
          {t("detail.notice")}
        </h2>
        <Facts
          rows={[
            [t("detail.address"), `${n.address}, ${n.postalCity}`, "todo-address"],
            [t("detail.leaseNumber"), n.leaseNumber],
            [t("detail.tenants"), n.tenants.join(", ")],
            [t("detail.noticeStatus"), t(`noticeStatus.${n.status as "SUBMITTED"}`), "todo-notice-status"],
            [t("detail.noticeDate"), day(n.noticeDate)],
            [t("detail.moveOutDate"), day(n.moveOutDate)],
            [t("detail.terminationDate"), day(n.terminationDate)],
            [t("detail.vacatingDay"), day(n.vacatingDay)],
            [t("detail.inspectionDate"), day(n.inspectionDate)],
            [t("detail.relettingDate"), day(n.relettingDate)],
            ...(n.caseReference ? ([[t("detail.caseReference"), n.caseReference, "todo-case-reference"]] as [string, string, string][]) : []),
          ]}
        />
        {!n.relettingDateValid && d.status === "OPEN" ? (
          <p className="mt-3 rounded border-l-4 border-yellow-600 bg-yellow-50 p-3" data-testid="reletting-invalid">
            {t("detail.relettingInvalid")}
          </p>
        ) : null}
      </section>
      {showForm ? (
        <section aria-labelledby="confirm-heading" className="rounded border border-line bg-white p-4">
          <h2 id="confirm-heading" className="text-xl font-bold">
            {t("detail.confirmHeading")}
          </h2>
          <p className="mb-4 text-muted">{t("detail.confirmLead")}</p>
          <TodoForm id="confirm" testId="confirm-form" action={bound(submitConfirmNotice, slug)} fields={fields} submitLabel={t("detail.confirm")} errorHeading={t("detail.errorSummary")} />
        </section>
      ) : result ? (
        <section aria-labelledby="stored-heading" className="rounded border border-line bg-white p-4">
          <h2 id="stored-heading" className="text-xl font-bold">
            {t("detail.stored")}
          </h2>
          <Facts
            rows={[
              [t("detail.caseReference"), String(result.caseReference ?? t("detail.none"))],
              [t("detail.relettingDate"), day(typeof result.relettingDate === "string" ? result.relettingDate : null)],
              [t("detail.inspectionDate"), day(typeof result.inspectionDate === "string" ? result.inspectionDate : null)],
              ...(typeof result.correctionReason === "string" ? ([[t("detail.correctionReason"), result.correctionReason]] as [string, string][]) : []),
            ]}
          />
        </section>
      ) : null}
    </div>
  );
}

function detailsBody(d: TenancyDetailsDetail, t: T, showForm: boolean, slug: string) {
  const l = d.tenancy;
  const fields: TodoField[] = [
    { kind: "hidden", name: "todoId", value: d.id },
    { kind: "hidden", name: "version", value: String(d.version) },
    {
      kind: "select",
      name: "noticeRuleId",
      label: t("detail.noticeRule"),
      hint: t("detail.current", { value: l.noticeRule ?? t("detail.notSet") }),
      value: "",
      options: [{ value: "", label: l.noticeRule ? t("detail.keepRule", { rule: l.noticeRule }) : t("detail.chooseRule") }, ...d.options.map((o) => ({ value: o.id, label: o.text }))],
    },
    {
      kind: "numeric",
      name: "renovationDays",
      label: t("detail.renovationDays"),
      hint: `${t("detail.renovationHint")} ${t("detail.current", { value: l.renovationDays === null ? t("detail.notSet") : String(l.renovationDays) })}`,
      value: l.renovationDays === null ? "" : String(l.renovationDays),
      maxLength: 4,
      width: "w-32",
    },
  ];
  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
      <section aria-labelledby="tenancy-heading" className="rounded border border-line bg-white p-4">
        <h2 id="tenancy-heading" className="text-xl font-bold">
          {t("detail.tenancy")}
        </h2>
        <Facts
          rows={[
            [t("detail.address"), `${l.address}, ${l.postalCity}`, "todo-address"],
            [t("detail.leaseNumber"), l.leaseNumber],
            [t("detail.tenants"), l.tenants.join(", ")],
            [t("detail.noticeRule"), l.noticeRule ?? t("detail.notSet")],
            [t("detail.renovationDays"), l.renovationDays === null ? t("detail.notSet") : String(l.renovationDays)],
          ]}
        />
      </section>
      {showForm ? (
        <section aria-labelledby="details-heading" className="rounded border border-line bg-white p-4">
          <h2 id="details-heading" className="text-xl font-bold">
            {t("detail.detailsHeading")}
          </h2>
          <p className="mb-4 text-muted">{t("detail.detailsLead")}</p>
          <TodoForm id="details" testId="details-form" action={bound(submitTenancyDetails, slug)} fields={fields} submitLabel={t("detail.saveDetails")} errorHeading={t("detail.errorSummary")} />
        </section>
      ) : null}
    </div>
  );
}

function reminderBody(d: ReminderDetail, t: T, day: (iso: string | null) => string, slug: string, canOpenCase: boolean, canClose: boolean) {
  return (
    <section aria-labelledby="reminder-heading" className="max-w-2xl rounded border border-line bg-white p-4">
      <h2 id="reminder-heading" className="text-xl font-bold">
        {t("detail.reminderHeading")}
      </h2>
      <Facts
        rows={[
          [t("detail.reminderTitle"), d.title ?? t("detail.none")],
          [t("detail.dueDate"), day(d.dueDate)],
          [t("detail.category"), d.category ?? t("detail.none")],
          ...(d.notice ? ([[t("detail.address"), `${d.notice.address}, ${d.notice.postalCity}`, "todo-address"]] as [string, string, string][]) : []),
        ]}
      />
      {d.notice && canOpenCase ? (
        <p className="mt-4">
          <Link href={`/${slug}/admin/opsigelser/${d.notice.id}/sag`} className={link} data-testid="reminder-case">
            {t("detail.openCase")}
          </Link>
          <span className="block text-sm text-muted">{t("detail.reminderLead")}</span>
        </p>
      ) : null}
      {canClose ? (
        <div className="mt-4">
          <TodoForm
            id="reminder"
            testId="reminder-close-form"
            action={bound(submitCloseReminder, slug)}
            fields={[
              { kind: "hidden", name: "todoId", value: d.id },
              { kind: "hidden", name: "version", value: String(d.version) },
            ]}
            submitLabel={t("detail.closeReminder")}
            errorHeading={t("detail.errorSummary")}
          />
        </div>
      ) : null}
    </section>
  );
}
