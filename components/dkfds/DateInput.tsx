import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { ErrorMessage, Hint } from "./FormParts";
import { describedBy } from "./ids";

export type DateParts = { day?: string; month?: string; year?: string };
export type DatePart = keyof DateParts;

export type DateInputProps = {
  /** Ids: the fieldset's hint/error "{id}-hint"/"{id}-error", the inputs "{id}-day", "{id}-month", "{id}-year". */
  id: string;
  /** Field names; default "{id}-day", "{id}-month", "{id}-year". */
  names?: Partial<Record<DatePart, string>>;
  legend: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  /** Which parts the error concerns (marked aria-invalid); default all three when there is an error. */
  errorParts?: DatePart[];
  values?: DateParts;
  required?: boolean;
  /** e.g. "bday" → "bday-day"/"bday-month"/"bday-year" autocomplete tokens. */
  autoCompletePrefix?: string;
};

const PARTS = [
  { part: "day", group: "form-group-day", maxLength: 2 },
  { part: "month", group: "form-group-month", maxLength: 2 },
  { part: "year", group: "form-group-year", maxLength: 4 },
] as const;

/**
 * DKFDS/GOV.UK date field: day, month and year in a fieldset with a legend. Text inputs with
 * inputmode="numeric" (not type="number", which would take "1e3" and scroll-wheel changes), no
 * automatic tabbing. The server joins and validates the parts.
 */
export function DateInput(props: DateInputProps) {
  const t = useTranslations("dkfds.date");
  const invalid = new Set<DatePart>(props.error ? (props.errorParts ?? ["day", "month", "year"]) : []);
  return (
    <div className={props.error ? "form-group form-error" : "form-group"}>
      <fieldset aria-describedby={describedBy(props.id, props.hint, props.error)}>
        <legend className="form-label">{props.legend}</legend>
        {props.hint ? <Hint id={props.id}>{props.hint}</Hint> : null}
        {props.error ? <ErrorMessage id={props.id}>{props.error}</ErrorMessage> : null}
        <div className="date-group mt-3">
          {PARTS.map(({ part, group, maxLength }) => {
            const inputId = `${props.id}-${part}`;
            return (
              <div key={part} className={`form-group ${group}`}>
                <label className="form-label" htmlFor={inputId}>
                  {t(part)}
                </label>
                <input
                  type="text"
                  inputMode="numeric"
                  pattern="[0-9]*"
                  id={inputId}
                  name={props.names?.[part] ?? inputId}
                  className="form-input"
                  maxLength={maxLength}
                  defaultValue={props.values?.[part]}
                  required={props.required !== false || undefined}
                  autoComplete={props.autoCompletePrefix ? `${props.autoCompletePrefix}-${part}` : "off"}
                  aria-invalid={invalid.has(part) || undefined}
                />
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
