import type { ReactNode } from "react";
import { ErrorMessage, Hint } from "./FormParts";
import { describedBy, hintId } from "./ids";

export type RadioOption = { value: string; label: ReactNode; hint?: ReactNode; disabled?: boolean };

export type RadioGroupProps = {
  /** Ids: the group's hint/error "{id}-hint"/"{id}-error"; option n's input "{id}-option{n}" (n from 1). Link the error summary to "#{id}-option1". */
  id: string;
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  options: RadioOption[];
  /** The checked value (a preselected default, or the draft's answer). */
  value?: string;
  required?: boolean;
  /** Legend as the page's question heading (GOV.UK question page): renders <h1> inside the legend. */
  legendAsHeading?: boolean;
};

/** The id of a radio group's n-th option (from 1), e.g. for the error summary's link. */
export const optionId = (groupId: string, n: number) => `${groupId}-option${n}`;

/** DKFDS radio buttons: a fieldset with legend, hint and error, one form-group-radio per option. */
export function RadioGroup(props: RadioGroupProps) {
  const legendId = `${props.id}-legend`;
  return (
    <div className={props.error ? "form-group form-error" : "form-group"}>
      <fieldset aria-labelledby={legendId} aria-describedby={describedBy(props.id, props.hint, props.error)}>
        <legend className="form-label" id={legendId}>
          {props.legendAsHeading ? <h1 className="h2 mb-0">{props.legend}</h1> : props.legend}
        </legend>
        {props.hint ? <Hint id={props.id}>{props.hint}</Hint> : null}
        {props.error ? <ErrorMessage id={props.id}>{props.error}</ErrorMessage> : null}
        {props.options.map((o, i) => {
          const id = optionId(props.id, i + 1);
          return (
            <div key={o.value} className="form-group-radio">
              <input
                type="radio"
                id={id}
                name={props.name}
                className="form-radio"
                value={o.value}
                defaultChecked={props.value === o.value}
                disabled={o.disabled}
                required={props.required || undefined}
                aria-describedby={o.hint ? hintId(id) : undefined}
              />
              <label className="form-label" htmlFor={id}>
                {o.label}
              </label>
              {o.hint ? <Hint id={id}>{o.hint}</Hint> : null}
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

export type CheckboxProps = {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  /** An error on a lone checkbox (e.g. "Bekræft, at du er eneste beboer"): wraps it in a form-error group. */
  error?: ReactNode;
  value?: string;
  checked?: boolean;
  required?: boolean;
};

/** DKFDS checkbox: form-group-checkbox with input, label and optional hint (aria-describedby). */
export function Checkbox(props: CheckboxProps) {
  const box = (
    <div className="form-group-checkbox">
      <input
        type="checkbox"
        id={props.id}
        name={props.name}
        className="form-checkbox"
        value={props.value ?? "true"}
        defaultChecked={props.checked}
        required={props.required || undefined}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
      />
      <label className="form-label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint ? <Hint id={props.id}>{props.hint}</Hint> : null}
    </div>
  );
  if (!props.error) return box;
  return (
    <div className="form-group form-error">
      <ErrorMessage id={props.id}>{props.error}</ErrorMessage>
      {box}
    </div>
  );
}
