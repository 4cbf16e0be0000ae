import type { ReactNode } from "react";

/**
 * Form fields of the admin pages (server components, plain HTML: they work without JavaScript):
 * a label, an optional hint and error, tied to the input by aria-describedby; an input with an
 * error is aria-invalid. Ids: "{id}-hint", "{id}-error".
 */
export const describedBy = (id: string, hint?: ReactNode, error?: ReactNode) => [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

export const inputClass = (error?: ReactNode) =>
  `block w-full rounded border-2 bg-white px-3 py-2 text-base focus-visible:outline-3 focus-visible:outline-offset-0 focus-visible:outline-amber-400 ${error ? "border-red-700" : "border-ink/60"}`;

export function FieldHint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={`${id}-hint`} className="mt-1 text-sm text-muted">
      {children}
    </p>
  );
}

export function FieldError({ id, children, prefix }: { id: string; children: ReactNode; prefix: string }) {
  return (
    <p id={`${id}-error`} className="mt-1 font-semibold text-red-800">
      <span className="sr-only">{prefix} </span>
      {children}
    </p>
  );
}

export function Field(props: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  errorPrefix: string;
  optional?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={`mb-5 ${props.error ? "border-l-4 border-red-700 pl-3" : ""} ${props.className ?? ""}`}>
      <label htmlFor={props.id} className="block font-semibold">
        {props.label}
        {props.optional ? <span className="font-normal"> {props.optional}</span> : null}
      </label>
      {props.hint ? <FieldHint id={props.id}>{props.hint}</FieldHint> : null}
      {props.error ? (
        <FieldError id={props.id} prefix={props.errorPrefix}>
          {props.error}
        </FieldError>
      ) : null}
      <div className="mt-1">{props.children}</div>
    </div>
  );
}

export function TextInput(props: {
  id: string;
  name?: string;
  defaultValue?: string;
  hint?: ReactNode;
  error?: ReactNode;
  maxLength?: number;
  inputMode?: "numeric" | "text";
  width?: string;
  required?: boolean;
  readOnly?: boolean;
  spellCheck?: boolean;
  className?: string;
  type?: "text" | "date";
}) {
  return (
    <input
      type={props.type ?? "text"}
      id={props.id}
      name={props.name ?? props.id}
      defaultValue={props.defaultValue}
      maxLength={props.maxLength}
      inputMode={props.inputMode}
      required={props.required || undefined}
      readOnly={props.readOnly || undefined}
      spellCheck={props.spellCheck}
      aria-invalid={props.error ? true : undefined}
      aria-describedby={describedBy(props.id, props.hint, props.error)}
      className={`${inputClass(props.error)} ${props.readOnly ? "border-dashed !bg-black/5" : ""} ${props.width ?? ""} ${props.className ?? ""}`}
    />
  );
}

export function Button(props: { children: ReactNode; name?: string; value?: string; variant?: "primary" | "secondary" | "danger"; testId?: string; formNoValidate?: boolean; ariaLabel?: string }) {
  const variant = props.variant ?? "primary";
  const cls =
    variant === "primary"
      ? "bg-brand text-white hover:bg-brand/90"
      : variant === "danger"
        ? "bg-red-700 text-white hover:bg-red-800"
        : "border-2 border-brand bg-white text-brand hover:bg-brand/10";
  return (
    <button
      type="submit"
      name={props.name}
      value={props.value}
      data-testid={props.testId}
      formNoValidate={props.formNoValidate}
      aria-label={props.ariaLabel}
      className={`inline-flex min-h-11 items-center rounded px-4 py-2 font-semibold focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-amber-400 ${cls}`}
    >
      {props.children}
    </button>
  );
}

/** A success message after a save (PRG: the page after the redirect says what happened). */
export function Notice({ children, testId, tone = "success" }: { children: ReactNode; testId?: string; tone?: "success" | "info" | "error" }) {
  const cls = tone === "success" ? "border-green-700 bg-green-50" : tone === "error" ? "border-red-700 bg-red-50" : "border-brand bg-brand/5";
  return (
    <div role={tone === "error" ? "alert" : "status"} data-testid={testId} className={`mb-6 rounded border-l-8 p-4 ${cls}`}>
      {children}
    </div>
  );
}
