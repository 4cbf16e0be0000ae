"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/lib/http/wrappers";
import { RadioGroup } from "./dkfds/Choices";
import { ErrorSummary } from "./dkfds/ErrorSummary";
import { Button } from "./dkfds/Navigation";

/**
 * The NemKonto consent form of "Mine indstillinger": two radio buttons and "Gem", a plain form
 * posting to the server action (works without JavaScript; on success the action redirects back
 * with ?gemt=…). A refusal comes back through useActionState and is summarised at the top.
 */
export function NemKontoConsentForm(props: { action: (state: ActionState<never>, data: FormData) => Promise<ActionState<never>>; consent: boolean; organisationName: string }) {
  const t = useTranslations("settings");
  const [state, formAction, pending] = useActionState(props.action, null);
  const error = state && !state.ok ? (state.fieldErrors?.consent?.[0] ?? state.message) : undefined;
  return (
    <form action={formAction} noValidate data-testid="nemkonto-form">
      <ErrorSummary focusKey={state} heading={t("errorSummary")} errors={error ? [{ fieldId: "consent-option1", text: error }] : []} />
      <RadioGroup
        id="consent"
        name="consent"
        legend={t("nemKonto.question", { organisation: props.organisationName })}
        {...(error ? { error } : {})}
        value={props.consent ? "give" : "withdraw"}
        options={[
          { value: "give", label: t("nemKonto.give"), hint: t("nemKonto.giveHint") },
          { value: "withdraw", label: t("nemKonto.withdraw"), hint: t("nemKonto.withdrawHint") },
        ]}
      />
      <Button type="submit" disabled={pending} data-testid="nemkonto-save">
        {t("save")}
      </Button>
    </form>
  );
}
