"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState, type ReactNode } from "react";

export type SessionPhase = "quiet" | "warning" | "dismissed" | "expired";

/**
 * The warning's next phase at `now` (ms): quiet until `warnSeconds` before the end, then the warning
 * (unless the tenant already dismissed it), and expired from the end on, dismissed or not.
 */
export function nextSessionPhase(current: SessionPhase, now: number, expiresAt: number, warnSeconds = 300): SessionPhase {
  if (now >= expiresAt) return "expired";
  if (now >= expiresAt - warnSeconds * 1000 && current === "quiet") return "warning";
  return current;
}

export type SessionExpiryWarningProps = {
  /** When the session ends (ms since the epoch): for a tenant, (authAt + SESSION_TTL.tenant) * 1000. */
  expiresAt: number;
  /** Show the warning this many seconds before the end (default 300 = 5 minutes). */
  warnSeconds?: number;
  /** What was saved, in the page's words (a wizard step: t("dkfds.session.saved") or its own text); none on a page with nothing to save. */
  savedText?: ReactNode;
  /** Where "Log ind igen" goes once the session has ended (the organisation's tenant sign-in page). */
  signInHref: string;
  /** Only for tests: the current time in ms (default Date.now). */
  now?: () => number;
};

/**
 * The warning about five minutes before an absolute session ends (DKFDS modal, as a native <dialog>:
 * focus moves into it, Escape and "Fortsæt" close it). A tenant session cannot be extended, so it says
 * what has been saved and offers "Log ud nu" (a form post to /api/auth/logout) or "Fortsæt" (close and
 * keep working until the end). At the end it says so and links to the sign-in page. Renders nothing
 * on the server, so a page without JavaScript is unchanged.
 */
export function SessionExpiryWarning(props: SessionExpiryWarningProps) {
  const t = useTranslations("dkfds.session");
  const locale = useLocale();
  const dialog = useRef<HTMLDialogElement>(null);
  const [phase, setPhase] = useState<SessionPhase>("quiet");
  const now = props.now ?? Date.now;
  const warnSeconds = props.warnSeconds ?? 300;

  useEffect(() => {
    const tick = () => setPhase((p) => nextSessionPhase(p, now(), props.expiresAt, warnSeconds));
    tick();
    const timer = window.setInterval(tick, 5_000);
    return () => window.clearInterval(timer);
  }, [props.expiresAt, warnSeconds, now]);

  const open = phase === "warning" || phase === "expired";
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  const minutes = Math.max(1, Math.ceil((props.expiresAt - now()) / 60_000));
  const time = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "da-DK", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Copenhagen" }).format(props.expiresAt);

  return (
    <dialog
      ref={dialog}
      className={open ? "fds-modal show-modal" : "fds-modal"}
      aria-labelledby="session-expiry-heading"
      data-testid="session-expiry"
      onClose={() => setPhase((p) => (p === "warning" ? "dismissed" : p))}
    >
      {open ? (
        <div className="modal-content">
          <div className="modal-header">
            <h2 className="modal-title" id="session-expiry-heading">
              {phase === "expired" ? t("expired") : t("title")}
            </h2>
          </div>
          <div className="modal-body">
            {phase === "expired" ? (
              <p>{t("expiredBody")}</p>
            ) : (
              <>
                <p>{t("body", { minutes, time })}</p>
                {props.savedText ? <p>{props.savedText}</p> : null}
              </>
            )}
          </div>
          <div className="modal-footer">
            {phase === "expired" ? (
              <a className="button button-primary" href={props.signInHref}>
                {t("signIn")}
              </a>
            ) : (
              <>
                <button type="button" className="button button-primary" onClick={() => dialog.current?.close()}>
                  {t("continue")}
                </button>
                <form method="post" action="/api/auth/logout" className="d-inline">
                  <button type="submit" className="button button-secondary">
                    {t("signOut")}
                  </button>
                </form>
              </>
            )}
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
