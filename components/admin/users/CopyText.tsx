"use client";

import { useEffect, useState } from "react";

/**
 * A value to copy (the deep-link URL): always shown as selectable text; with JavaScript a button
 * copies it to the clipboard and says so.
 */
export function CopyText(props: { value: string; copyLabel: string; copiedLabel: string; testId?: string }) {
  const [ready, setReady] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setReady(typeof navigator !== "undefined" && !!navigator.clipboard), []);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <code className="rounded border border-line bg-white px-3 py-2 font-mono break-all select-all" data-testid={props.testId}>
        {props.value}
      </code>
      {ready ? (
        <button
          type="button"
          className="rounded border-2 border-brand bg-white px-3 py-1.5 font-semibold text-brand hover:bg-brand/10 focus-visible:outline-2 focus-visible:outline-offset-2"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(props.value);
              setCopied(true);
              setTimeout(() => setCopied(false), 3000);
            } catch {
              setCopied(false);
            }
          }}
          data-testid={props.testId ? `${props.testId}-copy` : undefined}
        >
          {props.copyLabel}
        </button>
      ) : null}
      <span role="status" className="text-sm text-muted">
        {copied ? props.copiedLabel : ""}
      </span>
    </div>
  );
}
