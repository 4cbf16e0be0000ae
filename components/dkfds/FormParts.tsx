import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { errorId, hintId } from "./ids";

/** DKFDS help text: <span class="form-hint" id="{id}-hint">. */
export function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <span className="form-hint" id={hintId(id)}>
      {children}
    </span>
  );
}

/** DKFDS error message: <span class="form-error-message" id="{id}-error"><span class="sr-only">Fejl: </span>…</span>. */
export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  const t = useTranslations("dkfds");
  return (
    <span className="form-error-message" id={errorId(id)}>
      <span className="sr-only">{t("error")} </span>
      {children}
    </span>
  );
}
