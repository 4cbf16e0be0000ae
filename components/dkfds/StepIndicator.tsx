import { useTranslations } from "next-intl";
import { Icon } from "./Icon";

export type StepState = "done" | "current" | "todo" | "error";

export type Step = {
  /** The step's title, e.g. "Dine oplysninger"; the last one "Tjek dine svar" or "Underskriv", as the caller chooses. */
  label: string;
  /** Where the step's page is. Without href (or state "todo"), the step is shown but not a link. */
  href?: string;
  state: StepState;
  /** A short second line under the title (DKFDS step-information). */
  info?: string;
};

/**
 * DKFDS step indicator (trinindikator). The receipt is not a step: give only the question steps.
 * Works without JavaScript: from 992 px the whole list shows; below, "Trin 3 af 10: …" with the list
 * in a <details> (DKFDS's collapsed version opens it in a modal; native details needs no script).
 * Steps already done (and the current one) are links; later steps are not (class "disabled").
 */
export function StepIndicator({ steps, ariaLabel, testId = "step-indicator" }: { steps: Step[]; ariaLabel?: string; testId?: string }) {
  const t = useTranslations("dkfds.steps");
  const currentIndex = steps.findIndex((s) => s.state === "current");
  const current = currentIndex >= 0 ? currentIndex + 1 : undefined;

  const list = (
    <ol className="step-indicator">
      {steps.map((s, i) => {
        const n = i + 1;
        const linked = Boolean(s.href) && s.state !== "todo";
        const cls = [s.state === "todo" ? "disabled" : "", s.state === "current" ? "current" : "", s.state === "error" ? "error" : ""].filter(Boolean).join(" ");
        const inner = (
          <>
            <span className={s.state === "done" || s.state === "error" ? "step-icon" : "step-number"}>
              {s.state === "done" ? (
                <Icon name="check" label={t("done", { n })} />
              ) : s.state === "error" ? (
                <Icon name="error" label={t("errorIn", { n })} />
              ) : (
                <span>{n}</span>
              )}
            </span>
            <div>
              <span className="step-title">{s.label}</span>
              {s.info ? <span className="step-information">{s.info}</span> : null}
            </div>
          </>
        );
        return (
          <li key={`${n}-${s.label}`} className={cls || undefined}>
            {linked ? (
              <a className="step" href={s.href} aria-current={s.state === "current" ? "step" : undefined}>
                {inner}
              </a>
            ) : (
              <div className="step" aria-current={s.state === "current" ? "step" : undefined}>
                {inner}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );

  return (
    <nav aria-label={ariaLabel ?? t("label")} data-testid={testId}>
      <div className="d-lg-none">
        {current ? (
          <p className="step-subheading" data-testid="step-progress">
            {t("progress", { current, total: steps.length })}
          </p>
        ) : null}
        <details className="details">
          <summary className="details-summary">
            <span className="details-summary-text">{t("showAll")}</span>
          </summary>
          <div className="details-text">{list}</div>
        </details>
      </div>
      <div className="d-none d-lg-block">{list}</div>
    </nav>
  );
}
