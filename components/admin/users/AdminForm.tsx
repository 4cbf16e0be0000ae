"use client";

import { useEffect, useRef, useActionState, type ReactNode } from "react";
import type { ActionState } from "@/lib/http/wrappers";

type InputWidth = "xxs" | "xs" | "s" | "m" | "l" | "xl";
const WIDTH: Record<InputWidth, string> = { xxs: "w-20", xs: "w-32", s: "w-48", m: "w-72", l: "w-[28rem]", xl: "w-[36rem]" };
const INPUT = "mt-1 block max-w-full rounded border-2 border-ink bg-white px-3 py-2 text-base";
const hintId = (id: string) => `${id}-hint`;
const errorId = (id: string) => `${id}-error`;
const describedBy = (id: string, hint: unknown, error: unknown) => [hint ? hintId(id) : "", error ? errorId(id) : ""].filter(Boolean).join(" ") || undefined;

function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <span id={hintId(id)} className="mt-0.5 block text-muted">
      {children}
    </span>
  );
}

function ErrorText({ id, children }: { id: string; children: ReactNode }) {
  return (
    <span id={errorId(id)} className="mt-1 block font-semibold text-danger">
      {children}
    </span>
  );
}

function Group({ error, children }: { error?: string | undefined; children: ReactNode }) {
  return <div className={`mt-5 ${error ? "border-l-4 border-danger pl-3" : ""}`}>{children}</div>;
}

/** The error summary: links to the fields; takes focus when it appears (works as plain links without JavaScript). */
function Summary({ id, heading, errors, focusKey }: { id: string; heading: string; errors: Array<{ fieldId?: string; text: string }>; focusKey: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = errors.length > 0;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, focusKey]);
  if (!shown) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby={`${id}-heading`} className="mb-6 rounded border-4 border-danger bg-white p-4" data-testid={id}>
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {heading}
      </h2>
      <ul className="mt-2 list-none space-y-1 p-0">
        {errors.map((e, i) => (
          <li key={`${e.fieldId ?? "form"}-${i}`}>
            {e.fieldId ? (
              <a href={`#${e.fieldId}`} className="font-semibold text-danger underline">
                {e.text}
              </a>
            ) : (
              <span className="font-semibold text-danger">{e.text}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

const BUTTON: Record<"primary" | "secondary", string> = {
  primary: "rounded bg-brand px-5 py-2.5 font-semibold text-white hover:bg-brand-dark disabled:opacity-60",
  secondary: "rounded border-2 border-brand bg-white px-5 py-2 font-semibold text-brand hover:bg-brand/10 disabled:opacity-60",
};

export type FormField =
  | {
      kind: "text" | "email" | "password" | "url";
      name: string;
      label: string;
      hint?: string;
      value?: string;
      required?: boolean;
      width?: InputWidth;
      autoComplete?: string;
      inputMode?: "numeric" | "text" | "email" | "url";
      maxLength?: number;
      testId?: string;
    }
  | { kind: "checkboxes"; name: string; legend: string; hint?: string; options: Array<{ value: string; label: string; hint?: string }>; values: string[] }
  | { kind: "select"; name: string; label: string; hint?: string; options: Array<{ value: string; label: string }>; value: string }
  | { kind: "hidden"; name: string; value: string }
  | { kind: "heading"; text: string; lead?: string }
  /** Something rendered by the page between the fields (e.g. a second submit button). */
  | { kind: "node"; key: string; node: ReactNode };

type Action = (state: ActionState<unknown>, data: FormData) => Promise<ActionState<unknown>>;

/**
 * A plain admin form over a server action (useActionState): works without JavaScript (React posts
 * the form and renders the page again with the action's result), shows the action's refusals in an
 * error summary at the top and beside each field, and fills the fields in again from the values the
 * action echoes (never secrets). Labels come translated from the server page, so this component
 * needs no message namespace of its own.
 */
export function AdminForm(props: {
  id: string;
  action: Action;
  fields: FormField[];
  submitLabel: string;
  submitVariant?: "primary" | "secondary";
  errorHeading: string;
  /** The page's main form: F9 / Ctrl+S submit it from anywhere (components/admin/AdminKeyboard.tsx). */
  saveForm?: boolean;
  testId?: string;
  /** Shown after the label of a field that may be left blank, e.g. "(frivilligt)". */
  optionalLabel?: string;
  children?: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(props.action, null);
  const failed = state && !state.ok ? state : null;
  const fieldErrors = failed?.fieldErrors ?? {};
  const echoed = failed?.values ?? {};
  const names = props.fields.filter((f) => "name" in f && f.kind !== "hidden").map((f) => (f as { name: string }).name);
  const fieldId = (name: string) => `${props.id}-${name}`;
  const errorOf = (name: string): string | undefined => {
    for (const [k, v] of Object.entries(fieldErrors)) if ((k === name || k.startsWith(`${name}.`)) && v[0]) return v[0];
    return undefined;
  };
  const summary = [
    ...names.flatMap((n) => {
      const e = errorOf(n);
      return e ? [{ fieldId: fieldId(n) + (props.fields.find((f) => "name" in f && f.name === n)?.kind === "checkboxes" ? "-0" : ""), text: e }] : [];
    }),
    ...Object.entries(fieldErrors)
      .filter(([k]) => !names.some((n) => k === n || k.startsWith(`${n}.`)))
      .flatMap(([, v]) => v.map((text) => ({ text }))),
  ];
  if (failed && summary.length === 0) summary.push({ text: failed.message });

  return (
    <form id={props.id} action={formAction} noValidate data-save-form={props.saveForm ? "" : undefined} data-testid={props.testId} className="max-w-2xl">
      <Summary id={`${props.id}-errors`} focusKey={state} heading={props.errorHeading} errors={summary} />
      {props.fields.map((f, i) => {
        switch (f.kind) {
          case "hidden":
            return <input key={`h-${f.name}`} type="hidden" name={f.name} value={f.value} />;
          case "heading":
            return (
              <div key={`heading-${i}`} className="mt-8 mb-2 first:mt-0">
                <h2 className="text-xl font-semibold">{f.text}</h2>
                {f.lead ? <p className="mt-1 text-muted">{f.lead}</p> : null}
              </div>
            );
          case "node":
            return <div key={`node-${f.key}`}>{f.node}</div>;
          case "checkboxes": {
            const error = errorOf(f.name);
            const id = fieldId(f.name);
            return (
              <Group key={f.name} error={error}>
                <fieldset aria-describedby={describedBy(id, f.hint, error)}>
                  <legend className="font-semibold">{f.legend}</legend>
                  {f.hint ? <Hint id={id}>{f.hint}</Hint> : null}
                  {error ? <ErrorText id={id}>{error}</ErrorText> : null}
                  <div className="mt-2 space-y-3">
                    {f.options.map((o, j) => (
                      <div key={o.value} className="flex items-start gap-3">
                        <input
                          type="checkbox"
                          id={`${id}-${j}`}
                          name={`${f.name}[]`}
                          value={o.value}
                          defaultChecked={f.values.includes(o.value)}
                          aria-describedby={o.hint ? hintId(`${id}-${j}`) : undefined}
                          className="mt-0.5 h-6 w-6 shrink-0 accent-brand"
                        />
                        <div className="min-w-0">
                          <label htmlFor={`${id}-${j}`} className="block">
                            {o.label}
                          </label>
                          {o.hint ? <Hint id={`${id}-${j}`}>{o.hint}</Hint> : null}
                        </div>
                      </div>
                    ))}
                  </div>
                </fieldset>
              </Group>
            );
          }
          case "select": {
            const error = errorOf(f.name);
            const id = fieldId(f.name);
            return (
              <Group key={f.name} error={error}>
                <label className="block font-semibold" htmlFor={id}>
                  {f.label}
                </label>
                {f.hint ? <Hint id={id}>{f.hint}</Hint> : null}
                {error ? <ErrorText id={id}>{error}</ErrorText> : null}
                <select id={id} name={f.name} className={`${INPUT} w-[28rem]`} defaultValue={echoed[f.name] ?? f.value} aria-describedby={describedBy(id, f.hint, error)} aria-invalid={error ? true : undefined}>
                  {f.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </Group>
            );
          }
          default: {
            const error = errorOf(f.name);
            const value = f.kind === "password" ? undefined : (echoed[f.name] ?? f.value);
            const id = fieldId(f.name);
            return (
              <Group key={f.name} error={error}>
                <label className="block font-semibold" htmlFor={id}>
                  {f.label}
                  {f.required === false ? <span className="font-normal text-muted"> {props.optionalLabel ?? ""}</span> : null}
                </label>
                {f.hint ? <Hint id={id}>{f.hint}</Hint> : null}
                {error ? <ErrorText id={id}>{error}</ErrorText> : null}
                <input
                  id={id}
                  name={f.name}
                  type={f.kind}
                  defaultValue={value}
                  required={f.required !== false || undefined}
                  autoComplete={f.autoComplete}
                  inputMode={f.inputMode}
                  maxLength={f.maxLength ?? 200}
                  spellCheck={false}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy(id, f.hint, error)}
                  data-testid={f.testId}
                  className={`${INPUT} ${WIDTH[f.width ?? "xl"]} ${error ? "border-danger" : ""}`}
                />
              </Group>
            );
          }
        }
      })}
      {props.children}
      <button type="submit" disabled={pending} className={`mt-6 ${BUTTON[props.submitVariant ?? "primary"]}`} data-testid={props.testId ? `${props.testId}-submit` : undefined}>
        {props.submitLabel}
      </button>
    </form>
  );
}
