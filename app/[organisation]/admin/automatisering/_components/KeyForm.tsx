"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/http/wrappers";
import { CopyText } from "@/components/admin/users/CopyText";

type KeyAction = (state: ActionState<{ apiKey: string }>, data: FormData) => Promise<ActionState<{ apiKey: string }>>;

/**
 * A form whose success is an API key shown this once (confirming the enrolment, rotating the key):
 * the key is in the action's answer only, never stored in clear nor put in a URL. Works without
 * JavaScript (useActionState renders the answer on the server).
 */
export function KeyForm(props: {
  action: KeyAction;
  testId: string;
  userId: string;
  submitLabel: string;
  codeLabel?: string;
  codeHint?: string;
  keyHeading: string;
  keyWarning: string;
  copyLabel: string;
  copiedLabel: string;
  variant?: "primary" | "secondary";
}) {
  const [state, formAction, pending] = useActionState(props.action, null);
  if (state?.ok) {
    return (
      <div role="status" className="rounded border-l-4 border-success bg-green-50 p-4" data-testid={`${props.testId}-key`}>
        <p className="font-semibold">{props.keyHeading}</p>
        <p className="mt-1 mb-3">{props.keyWarning}</p>
        <CopyText value={state.data.apiKey} copyLabel={props.copyLabel} copiedLabel={props.copiedLabel} testId="api-key" />
      </div>
    );
  }
  const error = state && !state.ok ? (state.fieldErrors?.code?.[0] ?? state.fieldErrors?.[""]?.[0] ?? state.message) : null;
  return (
    <form action={formAction} noValidate data-testid={props.testId} className="max-w-2xl">
      <input type="hidden" name="userId" value={props.userId} />
      {error ? (
        <p role="alert" className="mb-3 font-semibold text-danger" data-testid={`${props.testId}-error`}>
          {error}
        </p>
      ) : null}
      {props.codeLabel ? (
        <div className="mt-3">
          <label htmlFor={`${props.testId}-code`} className="block font-semibold">
            {props.codeLabel}
          </label>
          {props.codeHint ? <span className="block text-muted">{props.codeHint}</span> : null}
          <input id={`${props.testId}-code`} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} className="mt-1 block w-32 rounded border-2 border-ink bg-white px-3 py-2" aria-invalid={error ? true : undefined} />
        </div>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className={`mt-4 rounded px-4 py-2 font-semibold ${props.variant === "secondary" ? "border-2 border-brand bg-white text-brand hover:bg-brand/10" : "bg-brand text-white hover:bg-brand/90"}`}
        data-testid={`${props.testId}-submit`}
      >
        {props.submitLabel}
      </button>
    </form>
  );
}
