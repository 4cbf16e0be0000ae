"use client";

import { useActionState, type ReactNode } from "react";
import type { ActionState } from "@/lib/http/wrappers";
import { ErrorSummary } from "@/components/dkfds/ErrorSummary";
import { Checkbox } from "@/components/dkfds/Choices";
import { ErrorMessage, Hint } from "@/components/dkfds/FormParts";
import { Button, type ButtonVariant } from "@/components/dkfds/Navigation";
import { TextField, type InputWidth } from "@/components/dkfds/TextField";
import { describedBy } from "@/components/dkfds/ids";
import "@/components/dkfds/dkfds.css";

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
  submitVariant?: ButtonVariant;
  errorHeading: string;
  /** The page's main form: F9 / Ctrl+S submit it from anywhere (components/admin/AdminKeyboard.tsx). */
  saveForm?: boolean;
  testId?: string;
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
      <ErrorSummary focusKey={state} heading={props.errorHeading} errors={summary} testId={`${props.id}-errors`} />
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
              <div key={f.name} className={`form-group${error ? " form-error" : ""}`}>
                <fieldset aria-describedby={describedBy(id, f.hint, error)}>
                  <legend className="form-label">{f.legend}</legend>
                  {f.hint ? <Hint id={id}>{f.hint}</Hint> : null}
                  {error ? <ErrorMessage id={id}>{error}</ErrorMessage> : null}
                  {f.options.map((o, j) => (
                    <Checkbox key={o.value} id={`${id}-${j}`} name={`${f.name}[]`} value={o.value} label={o.label} {...(o.hint ? { hint: o.hint } : {})} checked={f.values.includes(o.value)} />
                  ))}
                </fieldset>
              </div>
            );
          }
          case "select": {
            const error = errorOf(f.name);
            const id = fieldId(f.name);
            return (
              <div key={f.name} className={`form-group${error ? " form-error" : ""}`}>
                <label className="form-label" htmlFor={id}>
                  {f.label}
                </label>
                {f.hint ? <Hint id={id}>{f.hint}</Hint> : null}
                {error ? <ErrorMessage id={id}>{error}</ErrorMessage> : null}
                <select id={id} name={f.name} className="form-select" defaultValue={echoed[f.name] ?? f.value} aria-describedby={describedBy(id, f.hint, error)} aria-invalid={error ? true : undefined}>
                  {f.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </div>
            );
          }
          default: {
            const error = errorOf(f.name);
            const value = f.kind === "password" ? undefined : (echoed[f.name] ?? f.value);
            return (
              <TextField
                key={f.name}
                id={fieldId(f.name)}
                name={f.name}
                label={f.label}
                hint={f.hint}
                error={error}
                type={f.kind}
                {...(value !== undefined ? { defaultValue: value } : {})}
                required={f.required !== false}
                {...(f.width ? { width: f.width } : {})}
                inputProps={{
                  ...(f.autoComplete ? { autoComplete: f.autoComplete } : {}),
                  ...(f.inputMode ? { inputMode: f.inputMode } : {}),
                  maxLength: f.maxLength ?? 200,
                  spellCheck: false,
                  ...(f.testId ? { "data-testid": f.testId } : {}),
                }}
              />
            );
          }
        }
      })}
      {props.children}
      <Button type="submit" variant={props.submitVariant ?? "primary"} disabled={pending} className="mt-4" data-testid={props.testId ? `${props.testId}-submit` : undefined}>
        {props.submitLabel}
      </Button>
    </form>
  );
}
