"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/http/wrappers";

export type FormField = {
  name: string;
  label: string;
  type?: "text" | "email" | "textarea";
  defaultValue?: string;
  hint?: string;
  maxLength?: number;
  rows?: number;
  required?: boolean;
  autoComplete?: string;
  /** Shown as a language tag on the control (lang="en" for an English text). */
  lang?: string;
};

/**
 * A plain staff/operator form posting to a server action (works without JavaScript; the action
 * redirects back on success). A refusal comes back through useActionState: the error summary at the
 * top, each field's message under it, and the fields filled in again from the action's echo. All
 * texts arrive translated from the server page, so no message namespace is needed here.
 */
export function FieldsForm<T>(props: {
  action: (state: ActionState<T>, data: FormData) => Promise<ActionState<T>>;
  fields: FormField[];
  hidden?: Record<string, string>;
  submitLabel: string;
  errorHeading: string;
  testId?: string;
  saveForm?: boolean;
  secondary?: { name: string; value: string; label: string; testId?: string };
  /** Prefix of the fields' ids, when a page has several forms with the same field names. */
  idPrefix?: string;
}) {
  const idOf = (name: string) => `${props.idPrefix ?? ""}${name}`;
  const [state, formAction, pending] = useActionState(props.action, null);
  const failed = state && !state.ok ? state : null;
  const errorOf = (name: string) => failed?.fieldErrors?.[name]?.[0];
  const valueOf = (f: FormField) => failed?.values?.[f.name] ?? f.defaultValue ?? "";
  const summary = failed
    ? [
        ...(failed.fieldErrors?.[""] ?? []).map((text) => ({ href: undefined, text })),
        ...props.fields.flatMap((f) => (errorOf(f.name) ? [{ href: `#${idOf(f.name)}`, text: `${f.label}: ${errorOf(f.name)}` }] : [])),
      ]
    : [];
  const input = "block w-full rounded border-2 border-ink bg-white px-2 py-1.5 focus-visible:outline-3 focus-visible:outline-offset-2";
  return (
    <form action={formAction} noValidate className="space-y-4" data-testid={props.testId} {...(props.saveForm ? { "data-save-form": "" } : {})}>
      {failed ? (
        <div role="alert" tabIndex={-1} className="rounded border-l-4 border-red-700 bg-red-50 p-4" data-testid="form-errors">
          <h2 className="text-lg font-semibold">{props.errorHeading}</h2>
          <p>{failed.message}</p>
          {summary.length ? (
            <ul className="list-disc pl-5">
              {summary.map((s, i) => (
                <li key={i}>{s.href ? <a href={s.href}>{s.text}</a> : s.text}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {Object.entries(props.hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {props.fields.map((f) => {
        const err = errorOf(f.name);
        const id = idOf(f.name);
        const describedBy = [f.hint ? `${id}-hint` : "", err ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
        const common = {
          id,
          name: f.name,
          defaultValue: valueOf(f),
          "aria-describedby": describedBy,
          "aria-invalid": err ? true : undefined,
          ...(f.maxLength ? { maxLength: f.maxLength } : {}),
          ...(f.lang ? { lang: f.lang } : {}),
          ...(f.autoComplete ? { autoComplete: f.autoComplete } : {}),
          className: `${input} ${err ? "border-red-700" : ""}`,
        };
        return (
          <div key={`${f.name}:${valueOf(f)}`}>
            <label htmlFor={id} className="block font-semibold">
              {f.label}
            </label>
            {f.hint ? (
              <p id={`${id}-hint`} className="text-sm text-muted">
                {f.hint}
              </p>
            ) : null}
            {err ? (
              <p id={`${id}-error`} className="font-semibold text-red-700">
                {err}
              </p>
            ) : null}
            {f.type === "textarea" ? <textarea rows={f.rows ?? 3} {...common} /> : <input type={f.type ?? "text"} {...common} />}
          </div>
        );
      })}
      <div className="flex flex-wrap gap-3">
        <button type="submit" disabled={pending} className="rounded bg-brand px-4 py-2 font-semibold text-white hover:opacity-90 disabled:opacity-60">
          {props.submitLabel}
        </button>
        {props.secondary ? (
          <button type="submit" name={props.secondary.name} value={props.secondary.value} disabled={pending} className="rounded border-2 border-brand px-4 py-2 font-semibold text-brand" data-testid={props.secondary.testId}>
            {props.secondary.label}
          </button>
        ) : null}
      </div>
    </form>
  );
}
