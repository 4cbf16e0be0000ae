import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ButtonHTMLAttributes, ReactNode } from "react";
import { Icon } from "./Icon";

/** DKFDS back link: <a class="back-link"> with a chevron; default text "Tilbage". */
export function BackLink({ href, children, testId }: { href: string; children?: ReactNode; testId?: string }) {
  const t = useTranslations("dkfds");
  return (
    <div>
      <Link href={href} className="back-link" data-testid={testId}>
        <Icon name="chevron-left" />
        {children ?? t("back")}
      </Link>
    </div>
  );
}

export type ButtonVariant = "primary" | "secondary" | "tertiary";

/** DKFDS button (button-primary for the page's one main action, e.g. "Fortsæt"). Default type="submit". */
export function Button({ variant = "primary", className, type = "submit", ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type={type} className={`button button-${variant}${className ? ` ${className}` : ""}`} {...rest} />;
}

/** A link that looks like a DKFDS button (navigation, not a form post). */
export function ButtonLink({ href, variant = "primary", children, testId }: { href: string; variant?: ButtonVariant; children: ReactNode; testId?: string }) {
  return (
    <Link href={href} className={`button button-${variant}`} data-testid={testId}>
      {children}
    </Link>
  );
}

export type SummaryRow = {
  /** Stable key and, with changeHref, the hidden text after "Ændr" ("Ændr telefonnummer"). */
  key: string;
  label: ReactNode;
  value: ReactNode;
  /** The question page to change the answer on (it should return to the check page). */
  changeHref?: string;
  /** The label as plain text for the change link's hidden text, when label is not a string. */
  changeLabel?: string;
};

/**
 * Check answers (DKFDS structured list): a table of question, answer and an "Ændr" link whose
 * hidden text names the question, so every link has a distinct accessible name.
 */
export function SummaryList({ rows, testId }: { rows: SummaryRow[]; testId?: string }) {
  const t = useTranslations("dkfds");
  const editable = rows.some((r) => r.changeHref);
  return (
    <div className="table--responsive-scroll" data-testid={testId}>
      <table className="table structured-list table-md-responsive-headers">
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>{r.value}</td>
              {editable ? (
                <td className="d-print-none">
                  {r.changeHref ? (
                    <Link href={r.changeHref}>
                      {t("change")}
                      <span className="sr-only"> {(r.changeLabel ?? (typeof r.label === "string" ? r.label : r.key)).toLowerCase()}</span>
                    </Link>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
