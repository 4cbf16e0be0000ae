"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { ErrorSummary } from "./dkfds/ErrorSummary";
import { Button } from "./dkfds/Navigation";
import { TextField } from "./dkfds/TextField";
import "./dkfds/dkfds.css";

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
  }

  const list = (["form", "email", "password", "code"] as const).filter((k) => errors[k]);

  return (
    // method="post": without JavaScript the browser must never put the password and code in a URL
    // (a GET form would, into the history, proxies and access logs). Staff sign-in itself needs
    // JavaScript (next-auth's CSRF-protected credentials call); the <noscript> says so.
    <form noValidate method="post" onSubmit={onSubmit} className="max-w-md">
      <noscript>
        <p className="mb-4 font-semibold" data-testid="needs-javascript">
          {t("needsJavaScript")}
        </p>
      </noscript>
      <ErrorSummary focusKey={errors} errors={list.map((k) => (k === "form" ? { text: errors.form } : { fieldId: k, text: errors[k] }))} heading={t("errorSummary")} />
      {(["email", "password", "code"] as const).map((f) => (
        <TextField
          key={f}
          id={f}
          name={f}
          label={t(f)}
          hint={f === "code" ? t("codeHint") : undefined}
          error={errors[f]}
          type={f === "email" ? "email" : f === "password" ? "password" : "text"}
          inputProps={{
            inputMode: f === "code" ? "numeric" : undefined,
            autoComplete: f === "email" ? "username" : f === "password" ? "current-password" : "one-time-code",
            maxLength: f === "code" ? 7 : 200,
          }}
        />
      ))}
      <Button disabled={busy} className="mt-6">{busy ? t("submitting") : t("submit")}</Button>
    </form>
  );
}
