"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * The error summary at the top of a refused admin form: a heading and one link per error to its
 * field. Rendered on the server (the links are anchors, so it works without JavaScript); with
 * JavaScript it takes focus when the page shows it, so a screen reader reads it first.
 */
export function AdminErrorSummary(props: { heading: ReactNode; errors: { fieldId?: string; text: ReactNode }[]; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = props.errors.length > 0;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown]);
  if (!shown) return null;
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      aria-labelledby="admin-error-summary-heading"
      data-testid={props.testId ?? "error-summary"}
      className="mb-6 rounded border-l-8 border-red-700 bg-red-50 p-4 focus-visible:outline-2 focus-visible:outline-offset-2"
    >
      <h2 id="admin-error-summary-heading" className="text-lg font-bold text-red-900">
        {props.heading}
      </h2>
      <ul className="mt-2 list-disc pl-5">
        {props.errors.map((e, i) => (
          <li key={`${e.fieldId ?? "form"}-${i}`}>
            {e.fieldId ? (
              <a href={`#${e.fieldId}`} className="text-red-900 underline">
                {e.text}
              </a>
            ) : (
              e.text
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
