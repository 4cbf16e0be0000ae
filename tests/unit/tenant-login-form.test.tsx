/**
 * The tenant's sign-in without JavaScript, the parts that need no server: the "Log ind med MitID"
 * button is a plain form post to our own route carrying the callbackUrl, and the page that goes on
 * to the identity provider by itself (meta refresh + a link styled as a button, no script, no-store)
 * escapes what it is given.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TenantLoginButton } from "@/components/TenantLoginButton";
import { onwardPage } from "@/lib/http/onward-page";

describe("TenantLoginButton", () => {
  it("is a plain form post to POST /api/{organisation}/login with the callbackUrl", () => {
    const html = renderToStaticMarkup(<TenantLoginButton organisation="nordhavn" callbackUrl="/nordhavn/beboer/x?a=1&b=2" label="Log ind med MitID" />);
    expect(html).toMatch(/^<form action="\/api\/nordhavn\/login" method="post">/);
    expect(html).toContain('<input type="hidden" name="callbackUrl" value="/nordhavn/beboer/x?a=1&amp;b=2"/>');
    expect(html).toMatch(/<button type="submit"[^>]*>Log ind med MitID<\/button>/);
  });
});

describe("onwardPage", () => {
  const href = 'https://idp.example/auth?client_id=a&state=x"><script>alert(1)</script>';
  const res = onwardPage({ locale: "da", title: "Du sendes videre til MitID", text: "Tekst <b>", linkText: "Fortsæt til MitID", href });

  it("is a 200 HTML page, never cached, no referrer", () => {
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("goes on by meta refresh and by a link, both escaped, with no script", async () => {
    const html = await res.clone().text();
    const escaped = "https://idp.example/auth?client_id=a&#38;state=x&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;";
    expect(html).toContain(`<meta http-equiv="refresh" content="0;url=${escaped}">`);
    expect(html).toContain(`<a class="button" href="${escaped}" data-testid="onward-link">Fortsæt til MitID</a>`);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("Tekst &#60;b&#62;");
    expect(html).toContain('<link rel="stylesheet" href="/onward.css">');
    expect(html).toContain('<html lang="da">');
  });
});
