import { useTranslations } from "next-intl";
import type { InputHTMLAttributes, ReactNode } from "react";
import { ErrorMessage, Hint } from "./FormParts";
import { describedBy } from "./ids";

export type InputWidth = "xxs" | "xs" | "s" | "m" | "l" | "xl";

export type TextFieldProps = {
  /** The input's id; the hint and error get "{id}-hint" and "{id}-error". Link to "#{id}" from the error summary. */
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The error message; set → "form-error" group, aria-invalid, and the message in aria-describedby. */
  error?: ReactNode;
  type?: "text" | "email" | "tel" | "password" | "number" | "search" | "url";
  defaultValue?: string;
  /** false: the label says "(frivilligt)" and the input is not required. Default true (DKFDS). */
  required?: boolean;
  /** DKFDS input width class (input-width-…); default full width. */
  width?: InputWidth;
  /** Further input attributes: autoComplete, inputMode, maxLength, spellCheck, … */
  inputProps?: Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "type" | "defaultValue" | "aria-describedby" | "aria-invalid" | "className">;
  /** Extra classes on the form-group (layout). */
  className?: string;
};

/** DKFDS text input: label, optional hint, error message and input in one form-group. */
export function TextField(props: TextFieldProps) {
  const t = useTranslations("dkfds");
  const required = props.required !== false;
  return (
    <div className={["form-group", props.error ? "form-error" : "", props.className ?? ""].filter(Boolean).join(" ")}>
      <label className="form-label" htmlFor={props.id}>
        {props.label}
        {required ? null : <span className="weight-normal"> {t("optional")}</span>}
      </label>
      {props.hint ? <Hint id={props.id}>{props.hint}</Hint> : null}
      {props.error ? <ErrorMessage id={props.id}>{props.error}</ErrorMessage> : null}
      <input
        {...props.inputProps}
        type={props.type ?? "text"}
        id={props.id}
        name={props.name}
        className={props.width ? `form-input input-width-${props.width}` : "form-input"}
        defaultValue={props.defaultValue}
        required={required || undefined}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
      />
    </div>
  );
}
