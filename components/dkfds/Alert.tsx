import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Icon } from "./Icon";

export type AlertVariant = "info" | "success" | "warning" | "error";

export type AlertProps = {
  variant: AlertVariant;
  heading?: ReactNode;
  /** Heading level; default h2 (DKFDS's default h3 would skip a level under the page's h1). 1: the alert is the page's main heading (a confirmation page). */
  headingLevel?: 1 | 2 | 3 | 4;
  children?: ReactNode;
  /** role="alert" (announced at once). Default: true for warning and error, as DKFDS; set false for a static note. */
  announce?: boolean;
  /** Children are block content (lists, several paragraphs) rather than one paragraph. */
  blocks?: boolean;
  testId?: string;
  className?: string;
};

/** DKFDS alert (info, success, warning = the yellow note, error) with its labelled icon. */
export function Alert(props: AlertProps) {
  const t = useTranslations("dkfds.alert");
  const announce = props.announce ?? (props.variant === "warning" || props.variant === "error");
  const H = `h${props.headingLevel ?? 2}` as "h1" | "h2" | "h3" | "h4";
  return (
    <div className={`alert alert-${props.variant}${props.className ? ` ${props.className}` : ""}`} role={announce ? "alert" : undefined} data-testid={props.testId}>
      <Icon name={props.variant} className="alert-icon" label={t(props.variant)} />
      <div className="alert-body">
        {props.heading ? <H className="alert-heading">{props.heading}</H> : null}
        {props.children ? props.blocks ? <div className="alert-text">{props.children}</div> : <p className="alert-text">{props.children}</p> : null}
      </div>
    </div>
  );
}
