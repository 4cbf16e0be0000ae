"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/http/wrappers";
import type { DiscoveryResult } from "@/lib/admin/discovery";

type Labels = {
  button: string;
  testing: string;
  okHeading: string;
  failedHeading: string;
  issuer: string;
  authorization: string;
  token: string;
  userinfo: string;
  endSession: string;
  scopes: string;
  none: string;
  /** Per failure reason; "{status}" and "{found}" are filled in. */
  reasons: Record<string, string>;
};

/**
 * "Test the connection": a second submit button of the settings form that posts the form to the
 * test action instead of saving (formAction), and shows what the discovery document said — or why
 * it could not be read. Works without JavaScript too (the page renders again with the result).
 */
export function DiscoveryTest(props: { action: (state: ActionState<DiscoveryResult>, data: FormData) => Promise<ActionState<DiscoveryResult>>; labels: Labels }) {
  const [state, dispatch, pending] = useActionState(props.action, null);
  const l = props.labels;
  const result = state?.ok ? state.data : null;
  const failure = state && !state.ok ? (state.fieldErrors?.issuer?.[0] ?? state.message) : result && !result.ok ? (l.reasons[result.reason] ?? result.reason).replace("{status}", String(result.status ?? "")).replace("{found}", result.found ?? "") : null;
  return (
    <div className="mt-2">
      <button type="submit" formAction={dispatch} formNoValidate disabled={pending} className="rounded border-2 border-brand bg-white px-4 py-2 font-semibold text-brand hover:bg-brand/10 focus-visible:outline-2 focus-visible:outline-offset-2" data-testid="test-connection">
        {pending ? l.testing : l.button}
      </button>
      <div aria-live="polite" className="mt-3">
        {result && result.ok ? (
          <div className="rounded border-l-4 border-green-700 bg-green-50 p-4" data-testid="discovery-ok">
            <p className="font-semibold">{l.okHeading}</p>
            <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
              {(
                [
                  [l.issuer, result.issuer],
                  [l.authorization, result.authorizationEndpoint],
                  [l.token, result.tokenEndpoint],
                  [l.userinfo, result.userinfoEndpoint ?? l.none],
                  [l.endSession, result.endSessionEndpoint ?? l.none],
                  [l.scopes, result.scopes.length ? result.scopes.join(" ") : l.none],
                ] as const
              ).map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="font-semibold">{k}</dt>
                  <dd className="break-all">{v}</dd>
                </div>
              ))}
            </dl>
          </div>
        ) : failure ? (
          <div className="rounded border-l-4 border-red-700 bg-red-50 p-4" data-testid="discovery-failed">
            <p className="font-semibold">{l.failedHeading}</p>
            <p className="mt-1">{failure}</p>
          </div>
        ) : null}
      </div>
    </div>
  );
}
