"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, type MouseEvent, type ReactNode } from "react";
import { Icon } from "./Icon";

export type ErrorSummaryItem = {
  /** The field's id (as given to TextField/DateInput/RadioGroup…); the link goes to "#{fieldId}". */
  fieldId?: string;
  text: ReactNode;
};

/**
 * DKFDS/GOV.UK error summary at the top of a form: alert-error with a heading and one link per error
 * to its field. Rendered on the server (works without JavaScript: the links are anchors); with
 * JavaScript it takes focus when it appears (and again when `focusKey` changes), and a link focuses
 * its field and scrolls the field's label or legend into view, as DKFDS's error-summary.js does.
 */
export function ErrorSummary({ errors, heading, focusKey, testId = "error-summary" }: { errors: ErrorSummaryItem[]; heading?: ReactNode; focusKey?: unknown; testId?: string }) {
  const t = useTranslations("dkfds");
  const ref = useRef<HTMLDivElement>(null);
  const shown = errors.length > 0;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, focusKey]);
  if (!shown) return null;

  function onClick(e: MouseEvent<HTMLAnchorElement>, fieldId: string) {
    const field = document.getElementById(fieldId);
    if (!field) return;
    e.preventDefault();
    const legend = field.closest("fieldset")?.querySelector("legend");
    const label = document.querySelector(`label[for="${CSS.escape(fieldId)}"]`);
    (legend ?? label ?? field).scrollIntoView();
    field.focus({ preventScroll: true });
  }

  return (
    <div ref={ref} className="alert alert-error" role="alert" aria-labelledby="error-summary-heading" tabIndex={-1} data-module="error-summary" data-testid={testId}>
      <Icon name="error" className="alert-icon" label={t("alert.error")} />
      <div className="alert-body">
        <h2 className="alert-heading" id="error-summary-heading">
          {heading ?? t("errorSummaryHeading")}
        </h2>
        <ul className="alert-text nobullet-list">
          {errors.map((e, i) => (
            <li key={e.fieldId ?? `form-${i}`}>
              {e.fieldId ? (
                <a href={`#${e.fieldId}`} onClick={(ev) => onClick(ev, e.fieldId!)}>
                  {e.text}
                </a>
              ) : (
                e.text
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
