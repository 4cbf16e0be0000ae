"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";

type Field = "email" | "password" | "code";

/**
 * E-mail + password + one-time code, for staff (provider "staff") and operators ("operator").
 * Errors are summarised at the top (focused) and shown beside each field, GOV.UK style.
 */
export function CredentialsLoginForm(props: { providerId: "staff" | "operator"; organisation?: string; callbackUrl: string }) {
  const t = useTranslations("staffLogin");
  const tSignIn = useTranslations("signIn");
  const [errors, setErrors] = useState<Partial<Record<Field | "form", string>>>({});
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const values = { email: String(data.get("email") ?? "").trim(), password: String(data.get("password") ?? ""), code: String(data.get("code") ?? "").replace(/\s/g, "") };
    const next: typeof errors = {};
    if (!values.email) next.email = t("required", { field: t("email").toLowerCase() });
    if (!values.password) next.password = t("required", { field: t("password").toLowerCase() });
    if (!/^\d{6}$/.test(values.code)) next.code = values.code ? t("codeFormat") : t("required", { field: t("code").toLowerCase() });
    if (Object.keys(next).length === 0) {
      setBusy(true);
      let error: string | null = "Unavailable";
      try {
        const res = await signIn(props.providerId, {
          redirect: false,
          ...values,
          ...(props.organisation ? { organisation: props.organisation } : {}),
          callbackUrl: props.callbackUrl,
        });
        error = res?.ok && !res.error ? null : (res?.error ?? "Unavailable");
      } catch {
        error = "Unavailable"; // network error or an answer that is not next-auth's JSON
      }
      if (error === null) {
        window.location.assign(props.callbackUrl);
        return;
      }
      setBusy(false);
      // The server answers with a fixed set of codes (lib/auth/errors.ts), never a raw error text.
      next.form = error === "RateLimited" ? tSignIn("rateLimited") : error === "Throttled" ? tSignIn("throttled") : error === "Unavailable" ? tSignIn("unavailable") : t("failed");
    }
    setErrors(next);
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  const fieldClass = (f: Field) => `mt-1 block w-full rounded border-2 px-3 py-2 text-lg ${errors[f] ? "border-danger" : "border-ink"}`;
  const list = (["form", "email", "password", "code"] as const).filter((k) => errors[k]);

  return (
    <form noValidate onSubmit={onSubmit} className="max-w-md">
      {list.length > 0 ? (
        <div ref={summaryRef} tabIndex={-1} role="alert" data-testid="error-summary" aria-labelledby="error-summary-title" className="mb-6 border-4 border-danger bg-white p-4">
          <h2 id="error-summary-title" className="mb-2 text-lg font-bold">
            {t("errorSummary")}
          </h2>
          <ul className="list-disc pl-6 text-danger">
            {list.map((k) => (
              <li key={k}>{k === "form" ? errors.form : <a href={`#${k}`} className="underline underline-offset-2 hover:no-underline">{errors[k]}</a>}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {(["email", "password", "code"] as const).map((f) => (
        <div key={f} className="mb-5">
          <label htmlFor={f} className="block font-semibold">
            {t(f)}
          </label>
          {f === "code" ? (
            <p id="code-hint" className="text-sm text-muted">
              {t("codeHint")}
            </p>
          ) : null}
          {errors[f] ? (
            <p id={`${f}-error`} className="font-semibold text-danger">
              {errors[f]}
            </p>
          ) : null}
          <input
            id={f}
            name={f}
            type={f === "email" ? "email" : f === "password" ? "password" : "text"}
            inputMode={f === "code" ? "numeric" : undefined}
            autoComplete={f === "email" ? "username" : f === "password" ? "current-password" : "one-time-code"}
            maxLength={f === "code" ? 7 : 200}
            aria-invalid={errors[f] ? true : undefined}
            aria-describedby={[f === "code" ? "code-hint" : "", errors[f] ? `${f}-error` : ""].filter(Boolean).join(" ") || undefined}
            className={fieldClass(f)}
          />
        </div>
      ))}
      <button type="submit" disabled={busy} className="min-h-12 rounded bg-brand px-6 py-3 text-lg font-semibold text-white hover:bg-brand-dark disabled:opacity-70">
        {busy ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
