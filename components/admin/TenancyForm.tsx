"use client";

import { useActionState, useMemo, useState } from "react";
import type { ActionState } from "@/lib/http/wrappers";
import { tileStatus, type TileReason } from "@/lib/rules/tile";
import { noticeRuleOrNull } from "@/lib/rules/notice";

type Values = { noticeRuleId: string; renovationDays: string; nonTerminableUntil: string; terminableInPeriodFrom: string };

export type TenancyFormLabels = {
  noticeRule: string;
  noNoticeRule: string;
  inactive: string;
  renovationDays: string;
  renovationHint: string;
  nonTerminableUntil: string;
  terminableInPeriodFrom: string;
  dateHint: string;
  save: string;
  errorSummary: string;
  readOnly: string;
  preview: string;
  ok: string;
  blocked: string;
  reasons: Record<TileReason, string>;
};

const FIELDS = ["noticeRuleId", "renovationDays", "nonTerminableUntil", "terminableInPeriodFrom"] as const;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The tenancy's editable fields (notice rule, renovation period, non-terminable-until,
 * can-be-terminated-in-period-from) as a plain form posting to the server action: works without
 * JavaScript (the action redirects back on success; a refusal renders the form again with the
 * field messages and what was typed). With JavaScript, the tile status of the typed values is
 * previewed with the same rule function the server and the tenant's tile use (lib/rules/tile.ts).
 * Read-only staff see the values, disabled, without a save button.
 */
export function TenancyForm(props: {
  action: (state: ActionState<never>, data: FormData) => Promise<ActionState<never>>;
  lejerId: string;
  values: Values;
  options: { id: string; text: string; active: boolean; rule: unknown }[];
  canSave: boolean;
  today: string;
  fixed: { terminated: boolean; stopped: boolean };
  labels: TenancyFormLabels;
}) {
  const { labels: l } = props;
  const [state, formAction, pending] = useActionState(props.action, null);
  const failed = state && !state.ok ? state : null;
  const shown: Values = failed?.values ? { ...props.values, ...(failed.values as Partial<Values>) } : props.values;
  const [typed, setTyped] = useState<Values>(shown);
  const errors = failed?.fieldErrors ?? {};
  const formError = failed && FIELDS.every((f) => !errors[f]) ? failed.message : null;

  const preview = useMemo(() => {
    const same = FIELDS.every((f) => typed[f] === props.values[f]);
    if (same) return null;
    const rule = props.options.find((o) => o.id === typed.noticeRuleId)?.rule;
    const daysText = typed.renovationDays.trim();
    const dates = [typed.nonTerminableUntil.trim(), typed.terminableInPeriodFrom.trim()];
    // A value that is typed but not valid: no preview (the server will name the field).
    if ((daysText !== "" && !(/^\d{1,3}$/.test(daysText) && Number(daysText) <= 365)) || dates.some((d) => d !== "" && !DATE_RE.test(d))) return null;
    const days = daysText === "" ? null : Number(daysText);
    const date = (s: string) => (s.trim() === "" ? null : s.trim());
    try {
      return tileStatus(
        {
          noticeRule: typed.noticeRuleId ? noticeRuleOrNull(rule) : null,
          renovationDays: days,
          terminated: props.fixed.terminated,
          companyStopped: props.fixed.stopped,
          propertyStopped: false,
          leaseEnded: false,
          nonTerminableUntil: date(typed.nonTerminableUntil),
          terminableInPeriodFrom: date(typed.terminableInPeriodFrom),
        },
        props.today,
      );
    } catch {
      return null; // an impossible date: the server will say which field
    }
  }, [typed, props.values, props.options, props.fixed, props.today]);

  const onChange = (e: React.FormEvent<HTMLFormElement>) => {
    const t = e.target as HTMLInputElement | HTMLSelectElement;
    if ((FIELDS as readonly string[]).includes(t.name)) setTyped((v) => ({ ...v, [t.name]: t.value }));
  };

  const summary = FIELDS.filter((f) => errors[f]?.length).map((f) => ({ id: f, text: errors[f]![0]! }));
  const fieldClass = (f: string) => `mt-1 block w-full max-w-md rounded border px-3 py-2 ${errors[f] ? "border-danger border-2" : "border-line"} disabled:bg-gray-100 disabled:text-ink`;
  const err = (f: string) =>
    errors[f]?.length ? (
      <p id={`${f}-error`} className="mt-1 font-semibold text-danger" data-testid={`error-${f}`}>
        {errors[f]![0]}
      </p>
    ) : null;
  const described = (f: string, hint: boolean) => [hint ? `${f}-hint` : "", errors[f] ? `${f}-error` : ""].filter(Boolean).join(" ") || undefined;

  return (
    <form action={formAction} onChange={onChange} noValidate data-save-form data-testid="tenancy-form" className="flex flex-col gap-4">
      {summary.length > 0 || formError ? (
        <div role="alert" tabIndex={-1} className="rounded border-2 border-danger bg-red-50 p-4" data-testid="error-summary">
          <h3 className="font-bold">{l.errorSummary}</h3>
          <ul className="mt-2 list-disc pl-5">
            {summary.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`} className="text-danger underline">
                  {s.text}
                </a>
              </li>
            ))}
            {formError ? <li>{formError}</li> : null}
          </ul>
        </div>
      ) : null}
      {!props.canSave ? <p className="text-muted" data-testid="read-only">{l.readOnly}</p> : null}
      <input type="hidden" name="lejerId" value={props.lejerId} />
      <fieldset disabled={!props.canSave} className="flex flex-col gap-4">
        <div>
          <label htmlFor="noticeRuleId" className="font-semibold">
            {l.noticeRule}
          </label>
          {err("noticeRuleId")}
          <select id="noticeRuleId" name="noticeRuleId" defaultValue={shown.noticeRuleId} className={fieldClass("noticeRuleId")} aria-invalid={errors.noticeRuleId ? true : undefined} aria-describedby={described("noticeRuleId", false)}>
            <option value="">{l.noNoticeRule}</option>
            {props.options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.text}
                {o.active ? "" : ` ${l.inactive}`}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="renovationDays" className="font-semibold">
            {l.renovationDays}
          </label>
          <p id="renovationDays-hint" className="text-sm text-muted">
            {l.renovationHint}
          </p>
          {err("renovationDays")}
          <input
            id="renovationDays"
            name="renovationDays"
            type="text"
            inputMode="numeric"
            maxLength={4}
            defaultValue={shown.renovationDays}
            className={`${fieldClass("renovationDays")} max-w-32`}
            aria-invalid={errors.renovationDays ? true : undefined}
            aria-describedby={described("renovationDays", true)}
          />
        </div>
        {(["nonTerminableUntil", "terminableInPeriodFrom"] as const).map((f) => (
          <div key={f}>
            <label htmlFor={f} className="font-semibold">
              {l[f]}
            </label>
            <p id={`${f}-hint`} className="text-sm text-muted">
              {l.dateHint}
            </p>
            {err(f)}
            <input id={f} name={f} type="date" defaultValue={shown[f]} className={`${fieldClass(f)} max-w-56`} aria-invalid={errors[f] ? true : undefined} aria-describedby={described(f, true)} />
          </div>
        ))}
      </fieldset>
      {preview ? (
        <div className="rounded border border-line bg-white p-3" aria-live="polite" data-testid="tile-preview">
          <p>{l.preview}</p>
          <p className="font-semibold">{preview.ok ? l.ok : l.blocked}</p>
          {preview.reasons.length ? (
            <ul className="list-disc pl-5">
              {preview.reasons.map((r) => (
                <li key={r}>{l.reasons[r]}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {props.canSave ? (
        <div>
          <button type="submit" disabled={pending} className="rounded bg-brand px-5 py-2 font-semibold text-white hover:opacity-90 focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60" data-testid="tenancy-save">
            {l.save}
          </button>
        </div>
      ) : null}
    </form>
  );
}
