"use client";

import { useActionState, useEffect, useRef } from "react";
import type { ActionState } from "@/lib/http/wrappers";

export type TodoField =
  | { kind: "hidden"; name: string; value: string }
  | { kind: "text" | "date" | "numeric"; name: string; label: string; hint?: string; value: string; maxLength?: number; width?: string }
  | { kind: "textarea"; name: string; label: string; hint?: string; value: string; maxLength?: number }
  | { kind: "select"; name: string; label: string; hint?: string; value: string; options: { value: string; label: string }[] };

type Action = (state: ActionState<never>, data: FormData) => Promise<ActionState<never>>;

const INPUT = "mt-1 block max-w-full rounded border-2 border-ink bg-white px-3 py-2 text-base";

/**
 * A to-do's completion form: a plain form over the server action (useActionState), so it works
 * without JavaScript; the error summary at the top links to the fields, each error stands at its
 * field, and what was typed is filled in again. F9 / Ctrl+S submit it (data-save-form). Labels
 * come translated from the server page.
 */
export function TodoForm(props: { id: string; action: Action; fields: TodoField[]; submitLabel: string; errorHeading: string; testId?: string }) {
  const [state, formAction, pending] = useActionState(props.action, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const echoed = failed?.values ?? {};
  const summaryRef = useRef<HTMLDivElement>(null);
  const named = props.fields.filter((f) => f.kind !== "hidden").map((f) => f.name);
  const fid = (name: string) => `${props.id}-${name}`;
  const summary = [
    ...named.flatMap((n) => (errors[n]?.[0] ? [{ href: `#${fid(n)}`, text: errors[n]![0]! }] : [])),
    ...Object.entries(errors)
      .filter(([k]) => !named.includes(k))
      .flatMap(([, v]) => v.map((text) => ({ href: null, text }))),
  ];
  if (failed && summary.length === 0) summary.push({ href: null, text: failed.message });
  useEffect(() => {
    if (summary.length > 0) summaryRef.current?.focus();
  }, [state, summary.length]);

  return (
    <form id={props.id} action={formAction} noValidate data-save-form data-testid={props.testId} className="max-w-2xl">
      {summary.length > 0 ? (
        <div ref={summaryRef} tabIndex={-1} role="alert" aria-labelledby={`${props.id}-errors-heading`} className="mb-6 rounded border-4 border-danger bg-white p-4" data-testid={`${props.id}-errors`}>
          <h2 id={`${props.id}-errors-heading`} className="text-lg font-semibold">
            {props.errorHeading}
          </h2>
          <ul className="mt-2 list-none space-y-1 p-0">
            {summary.map((s, i) => (
              <li key={i}>
                {s.href ? (
                  <a href={s.href} className="font-semibold text-danger underline">
                    {s.text}
                  </a>
                ) : (
                  <span className="font-semibold text-danger">{s.text}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {props.fields.map((f) => {
        if (f.kind === "hidden") return <input key={f.name} type="hidden" name={f.name} value={f.value} />;
        const id = fid(f.name);
        const error = errors[f.name]?.[0];
        const describedBy = [f.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
        const value = echoed[f.name] ?? f.value;
        const common = { id, name: f.name, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined } as const;
        return (
          <div key={f.name} className={`mt-5 first:mt-0 ${error ? "border-l-4 border-danger pl-3" : ""}`}>
            <label htmlFor={id} className="block font-semibold">
              {f.label}
            </label>
            {f.hint ? (
              <span id={`${id}-hint`} className="mt-0.5 block text-muted">
                {f.hint}
              </span>
            ) : null}
            {error ? (
              <span id={`${id}-error`} className="mt-1 block font-semibold text-danger" data-testid={`error-${f.name}`}>
                {error}
              </span>
            ) : null}
            {f.kind === "select" ? (
              <select {...common} defaultValue={value} className={`${INPUT} w-[28rem]`}>
                {f.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : f.kind === "textarea" ? (
              <textarea {...common} defaultValue={value} maxLength={f.maxLength} rows={3} className={`${INPUT} w-[36rem]`} />
            ) : (
              <input
                {...common}
                type={f.kind === "date" ? "date" : "text"}
                inputMode={f.kind === "numeric" ? "numeric" : undefined}
                defaultValue={value}
                maxLength={f.maxLength}
                autoComplete="off"
                className={`${INPUT} ${f.width ?? (f.kind === "date" ? "w-56" : "w-72")}`}
              />
            )}
          </div>
        );
      })}
      <div className="mt-8">
        <button type="submit" disabled={pending} className="rounded bg-brand px-5 py-2.5 font-semibold text-white hover:bg-brand-dark disabled:opacity-60" data-testid={`${props.id}-submit`}>
          {props.submitLabel}
        </button>
      </div>
    </form>
  );
}
