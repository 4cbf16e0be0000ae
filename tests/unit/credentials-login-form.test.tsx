/**
 * The staff/operator sign-in form never sends the password or the one-time code in a URL: it posts,
 * so a browser without JavaScript does not submit it as a GET (history, proxies, access logs), and
 * it says that staff sign-in needs JavaScript.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { CredentialsLoginForm } from "@/components/CredentialsLoginForm";
import da from "@/messages/da.json";

describe("CredentialsLoginForm", () => {
  const html = renderToStaticMarkup(
    <NextIntlClientProvider locale="da" messages={da} timeZone="Europe/Copenhagen">
      <CredentialsLoginForm providerId="staff" organisation="nordhavn" callbackUrl="/nordhavn/admin" />
    </NextIntlClientProvider>,
  );

  it("is a POST form (never GET), with the password and code fields inside it", () => {
    const form = /<form[^>]*>/.exec(html)?.[0] ?? "";
    expect(form).toMatch(/method="post"/);
    expect(form).not.toMatch(/method="get"/i);
    expect(html).toMatch(/<input[^>]*name="password"[^>]*type="password"|<input[^>]*type="password"[^>]*name="password"/);
    expect(html).toMatch(/name="code"/);
  });

  it("tells a browser without JavaScript that staff sign-in needs it", () => {
    expect(html).toContain("<noscript>");
    expect(html).toContain(da.staffLogin.needsJavaScript);
  });
});
