"use client";
/**
 * A form whose action answers a secret once (register an endpoint, rotate its secret): before, the
 * form; after, the secret in a box to copy — it is in this response only and never shown again.
 * Refusals show in an error summary and beside their field (the page's labels come translated).
 */
import { useActionState } from "react";
import type { ActionState } from "@/lib/http/wrappers";
import { CopyText } from "@/components/admin/users/CopyText";

type Answer = { secret: string; endpointId?: string; previousValidUntil?: string };
type Action = (state: ActionState<Answer>, data: FormData) => Promise<ActionState<Answer>>;

export type SecretField =
  | { kind: "url" | "text"; name: string; label: string; hint?: string; maxLength: number; required?: boolean; optionalLabel?: string }
  | { kind: "checkboxes"; name: string; legend: string; hint?: string; options: Array<{ value: string; label: string; hint?: string }> }
  | { kind: "hidden"; name: string; value: string };

export function SecretOnceForm(props: {
  id: string;
  action: Action;
  fields: SecretField[];
  submitLabel: string;
  submitVariant?: "primary" | "secondary";
  errorHeading: string;
  secretHeading: string;
  /** "{until}" is replaced by the answer's previousValidUntil (as formatted by `untilLocale`). */
  secretLead: string;
  untilLocale?: string;
  copyLabel: string;
  copiedLabel: string;
  /** A link under the secret to `${afterHref}/${endpointId}` (the new endpoint), or to afterHref itself. */
  afterHref?: string;
  afterLabel?: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, null);
  if (state?.ok) {
    return (
      <div className="max-w-2xl rounded border-4 border-brand bg-white p-4" role="status" data-testid={`${props.id}-secret`}>
        <h2 className="text-xl font-semibold">{props.secretHeading}</h2>
        <p className="mt-2">
          {props.secretLead.replace(
            "{until}",
            state.data.previousValidUntil ? new Date(state.data.previousValidUntil).toLocaleString(props.untilLocale === "en" ? "en-GB" : "da-DK", { timeZone: "Europe/Copenhagen", dateStyle: "long", timeStyle: "short" }) : "",
          )}
        </p>
        <div className="mt-3">
          <CopyText value={state.data.secret} copyLabel={props.copyLabel} copiedLabel={props.copiedLabel} testId="webhook-secret" />
        </div>
        {props.afterHref && props.afterLabel ? (
          <p className="mt-4">
            <a className="font-semibold text-brand underline" href={state.data.endpointId ? `${props.afterHref}/${state.data.endpointId}` : props.afterHref} data-testid={`${props.id}-after`}>
              {props.afterLabel}
            </a>
          </p>
        ) : null}
      </div>
    );
  }
  const failed = state && !state.ok ? state : null;
  const errs = failed?.fieldErrors ?? {};
  const echoed = failed?.values ?? {};
  const fid = (n: string) => `${props.id}-${n}`;
  const names = props.fields.filter((f) => f.kind !== "hidden").map((f) => f.name);
  const summary = [
    ...names.flatMap((n) => (errs[n]?.[0] ? [{ href: `#${fid(n)}`, text: errs[n]![0]! }] : [])),
    ...Object.entries(errs)
      .filter(([k]) => !names.includes(k))
      .flatMap(([, v]) => v.map((text) => ({ href: null, text }))),
  ];
  if (failed && summary.length === 0) summary.push({ href: null, text: failed.message });
  return (
    <form id={props.id} action={formAction} noValidate className="max-w-2xl" data-testid={props.id}>
      {summary.length > 0 ? (
        <div tabIndex={-1} role="alert" className="mb-6 rounded border-4 border-danger bg-white p-4" data-testid={`${props.id}-errors`}>
          <h2 className="text-lg font-semibold">{props.errorHeading}</h2>
          <ul className="mt-2 list-none space-y-1 p-0">
            {summary.map((e, i) => (
              <li key={i}>
                {e.href ? (
                  <a href={e.href} className="font-semibold text-danger underline">
                    {e.text}
                  </a>
                ) : (
                  <span className="font-semibold text-danger">{e.text}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {props.fields.map((f) => {
        if (f.kind === "hidden") return <input key={f.name} type="hidden" name={f.name} value={f.value} />;
        const error = errs[f.name]?.[0];
        const id = fid(f.name);
        const described = [f.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
        if (f.kind === "checkboxes") {
          return (
            <fieldset key={f.name} id={id} className={`mt-5 ${error ? "border-l-4 border-danger pl-3" : ""}`} aria-describedby={described}>
              <legend className="font-semibold">{f.legend}</legend>
              {f.hint ? <span id={`${id}-hint`} className="mt-0.5 block text-muted">{f.hint}</span> : null}
              {error ? <span id={`${id}-error`} className="mt-1 block font-semibold text-danger">{error}</span> : null}
              <div className="mt-2 space-y-2">
                {f.options.map((o, j) => (
                  <div key={o.value} className="flex items-start gap-3">
                    <input type="checkbox" id={`${id}-${j}`} name={`${f.name}[]`} value={o.value} className="mt-1 h-6 w-6" data-testid={`${props.id}-event-${o.value}`} />
                    <label htmlFor={`${id}-${j}`}>
                      <span className="font-semibold">{o.label}</span>
                      {o.hint ? <span className="block text-muted">{o.hint}</span> : null}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          );
        }
        return (
          <div key={f.name} className={`mt-5 ${error ? "border-l-4 border-danger pl-3" : ""}`}>
            <label className="block font-semibold" htmlFor={id}>
              {f.label}
              {f.required === false ? <span className="font-normal text-muted"> {f.optionalLabel ?? ""}</span> : null}
            </label>
            {f.hint ? <span id={`${id}-hint`} className="mt-0.5 block text-muted">{f.hint}</span> : null}
            {error ? <span id={`${id}-error`} className="mt-1 block font-semibold text-danger">{error}</span> : null}
            <input
              id={id}
              name={f.name}
              type={f.kind}
              defaultValue={echoed[f.name] ?? ""}
              maxLength={f.maxLength}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={error ? true : undefined}
              aria-describedby={described}
              data-testid={`${props.id}-${f.name}`}
              className={`mt-1 block w-[36rem] max-w-full rounded border-2 border-ink bg-white px-3 py-2 text-base ${error ? "border-danger" : ""}`}
            />
          </div>
        );
      })}
      <button
        type="submit"
        disabled={pending}
        className={`mt-6 ${props.submitVariant === "secondary" ? "rounded border-2 border-brand bg-white px-5 py-2 font-semibold text-brand hover:bg-brand/10" : "rounded bg-brand px-5 py-2.5 font-semibold text-white hover:bg-brand-dark"} disabled:opacity-60`}
        data-testid={`${props.id}-submit`}
      >
        {props.submitLabel}
      </button>
    </form>
  );
}
