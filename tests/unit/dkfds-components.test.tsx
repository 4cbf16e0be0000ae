/**
 * The DKFDS components render the design system's markup and ARIA as the server sends it (static
 * HTML): ids and aria-describedby to hint and error, fieldset/legend for groups, error summary links,
 * the step indicator's states, alerts' roles and labelled icons.
 */
import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import da from "@/messages/da.json";
import en from "@/messages/en.json";

vi.mock("next/link", () => ({
  default: ({ href, children, ...rest }: { href: string; children: ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));

const { TextField } = await import("@/components/dkfds/TextField");
const { DateInput } = await import("@/components/dkfds/DateInput");
const { RadioGroup, Checkbox, optionId } = await import("@/components/dkfds/Choices");
const { Alert } = await import("@/components/dkfds/Alert");
const { BackLink, Button, SummaryList } = await import("@/components/dkfds/Navigation");
const { ErrorSummary } = await import("@/components/dkfds/ErrorSummary");
const { StepIndicator } = await import("@/components/dkfds/StepIndicator");
const { SessionExpiryWarning, nextSessionPhase } = await import("@/components/dkfds/SessionExpiryWarning");

function render(node: ReactNode, locale: "da" | "en" = "da"): string {
  return renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={locale === "da" ? da : en} timeZone="Europe/Copenhagen">
      {node}
    </NextIntlClientProvider>,
  );
}

/** The opening tag of the element with this id. */
function tag(markup: string, id: string): string {
  const m = markup.match(new RegExp(`<[a-z]+[^>]*\\sid="${id}"[^>]*>`));
  if (!m) throw new Error(`no element with id ${id} in ${markup}`);
  return m[0];
}
const attr = (t: string, name: string) => t.match(new RegExp(`\\s${name}="([^"]*)"`, "i"))?.[1];

describe("TextField", () => {
  it("without hint or error: label for the input, no aria-describedby, required", () => {
    const m = render(<TextField id="phone" name="phone" label="Telefonnummer" />);
    expect(m).toContain('<label class="form-label" for="phone">Telefonnummer</label>');
    const input = tag(m, "phone");
    expect(attr(input, "class")).toBe("form-input");
    expect(input).not.toContain("aria-describedby");
    expect(input).not.toContain("aria-invalid");
    expect(input).toContain("required");
    expect(m).toMatch(/^<div class="form-group">/);
  });

  it("with hint and error: form-error group, hint and error ids in aria-describedby, aria-invalid, the error prefixed for screen readers", () => {
    const m = render(<TextField id="phone" name="phone" label="Telefonnummer" hint="8 cifre" error="Skriv et telefonnummer med 8 cifre" width="m" />);
    expect(m).toMatch(/^<div class="form-group form-error">/);
    expect(tag(m, "phone-hint")).toBe('<span class="form-hint" id="phone-hint">');
    expect(tag(m, "phone-error")).toBe('<span class="form-error-message" id="phone-error">');
    expect(m).toContain('<span class="sr-only">Fejl: </span>Skriv et telefonnummer med 8 cifre');
    const input = tag(m, "phone");
    expect(attr(input, "aria-describedby")).toBe("phone-hint phone-error");
    expect(attr(input, "aria-invalid")).toBe("true");
    expect(attr(input, "class")).toBe("form-input input-width-m");
    // DKFDS order: label, hint, error, input.
    expect(m.indexOf("phone-hint")).toBeLessThan(m.indexOf("phone-error"));
    expect(m.indexOf('id="phone-error"')).toBeLessThan(m.indexOf('id="phone"'));
  });

  it("optional: says so in the label and is not required", () => {
    const m = render(<TextField id="e" name="e" label="E-mail" required={false} />, "en");
    expect(m).toContain('E-mail<span class="weight-normal"> (optional)</span>');
    expect(tag(m, "e")).not.toContain("required");
  });
});

describe("DateInput", () => {
  it("a fieldset with legend; day, month, year as numeric text inputs with their own labels; hint and error on the fieldset", () => {
    const m = render(<DateInput id="moveOut" legend="Hvornår flytter du?" hint="For eksempel 28 2 2027" error="Datoen skal være i dag eller senere" values={{ day: "28", month: "2", year: "2027" }} />);
    expect(m).toMatch(/^<div class="form-group form-error"><fieldset aria-describedby="moveOut-hint moveOut-error"><legend class="form-label">Hvornår flytter du\?<\/legend>/);
    for (const [part, label, value, max] of [["day", "Dag", "28", "2"], ["month", "Måned", "2", "2"], ["year", "År", "2027", "4"]] as const) {
      const input = tag(m, `moveOut-${part}`);
      expect(m).toContain(`<label class="form-label" for="moveOut-${part}">${label}</label>`);
      expect(attr(input, "type")).toBe("text");
      expect(attr(input, "inputmode")).toBe("numeric");
      expect(attr(input, "name")).toBe(`moveOut-${part}`);
      expect(attr(input, "value")).toBe(value);
      expect(attr(input, "maxlength")).toBe(max);
      expect(attr(input, "aria-invalid")).toBe("true");
    }
    expect(m).toContain('class="date-group mt-3"');
    expect(m).toContain('class="form-group form-group-day"');
  });

  it("marks only the parts the error concerns, and takes field names", () => {
    const m = render(<DateInput id="d" legend="Dato" error="Måneden skal være 1–12" errorParts={["month"]} names={{ day: "dd", month: "mm", year: "yyyy" }} />);
    expect(tag(m, "d-day")).not.toContain("aria-invalid");
    expect(attr(tag(m, "d-month"), "aria-invalid")).toBe("true");
    expect(attr(tag(m, "d-year"), "name")).toBe("yyyy");
  });

  it("without an error no part is invalid and the fieldset has no aria-describedby", () => {
    const m = render(<DateInput id="d" legend="Dato" />);
    expect(m).toContain("<fieldset><legend");
    expect(m).not.toContain("aria-invalid");
  });
});

describe("RadioGroup and Checkbox", () => {
  const options = [
    { value: "2027-02-15", label: "mandag 15. februar 2027" },
    { value: "2027-02-16", label: "tirsdag 16. februar 2027", hint: "Formiddag" },
  ];

  it("fieldset labelled by its legend, hint and error described, options with ids {id}-option{n}, the chosen one checked", () => {
    const m = render(<RadioGroup id="inspection" name="inspection" legend="Hvornår ønsker du syn?" hint="Vælg en dag" error="Vælg en dag" options={options} value="2027-02-16" />);
    expect(m).toContain('<fieldset aria-labelledby="inspection-legend" aria-describedby="inspection-hint inspection-error"><legend class="form-label" id="inspection-legend">Hvornår ønsker du syn?</legend>');
    expect(m).toMatch(/^<div class="form-group form-error">/);
    expect(optionId("inspection", 1)).toBe("inspection-option1");
    const first = tag(m, "inspection-option1");
    expect(attr(first, "class")).toBe("form-radio");
    expect(attr(first, "name")).toBe("inspection");
    expect(first).not.toContain("checked");
    const second = tag(m, "inspection-option2");
    expect(second).toContain("checked");
    expect(attr(second, "aria-describedby")).toBe("inspection-option2-hint");
    expect(m).toContain('<label class="form-label" for="inspection-option2">tirsdag 16. februar 2027</label>');
    expect(m.match(/class="form-group-radio"/g)).toHaveLength(2);
  });

  it("the legend can be the page's h1 (one question per page)", () => {
    const m = render(<RadioGroup id="q" name="q" legend="Spørgsmål" options={options} legendAsHeading />);
    expect(m).toContain('<legend class="form-label" id="q-legend"><h1 class="h2 mb-0">Spørgsmål</h1></legend>');
  });

  it("checkbox: input before its label, hint described; with an error, wrapped in form-error with the message", () => {
    const plain = render(<Checkbox id="only" name="only" label="Jeg bor alene" hint="Ingen andre bor i lejemålet" />);
    expect(plain).toMatch(/^<div class="form-group-checkbox"><input type="checkbox" id="only"[^>]*><label class="form-label" for="only">Jeg bor alene<\/label><span class="form-hint" id="only-hint">/);
    expect(attr(tag(plain, "only"), "class")).toBe("form-checkbox");
    expect(attr(tag(plain, "only"), "value")).toBe("true");
    expect(attr(tag(plain, "only"), "aria-describedby")).toBe("only-hint");
    const failing = render(<Checkbox id="only" name="only" label="Jeg bor alene" error="Bekræft, at du bor alene" />);
    expect(failing).toMatch(/^<div class="form-group form-error"><span class="form-error-message" id="only-error">/);
    expect(attr(tag(failing, "only"), "aria-describedby")).toBe("only-error");
    expect(attr(tag(failing, "only"), "aria-invalid")).toBe("true");
  });
});

describe("ErrorSummary", () => {
  it("an alert-error with a heading that labels it, one link per field error to #{fieldId}, a form error as text; focusable", () => {
    const m = render(<ErrorSummary errors={[{ fieldId: "phone", text: "Skriv dit telefonnummer" }, { fieldId: "moveOut-day", text: "Skriv en dato" }, { text: "Noget gik galt" }]} />);
    const root = m.match(/^<div[^>]*>/)![0];
    expect(attr(root, "class")).toBe("alert alert-error");
    expect(attr(root, "role")).toBe("alert");
    expect(attr(root, "aria-labelledby")).toBe("error-summary-heading");
    expect(attr(root, "tabindex")).toBe("-1");
    expect(attr(root, "data-module")).toBe("error-summary");
    expect(m).toContain('<h2 class="alert-heading" id="error-summary-heading">Der er et problem</h2>');
    expect(m).toContain('<ul class="alert-text nobullet-list"><li><a href="#phone">Skriv dit telefonnummer</a></li><li><a href="#moveOut-day">Skriv en dato</a></li><li>Noget gik galt</li></ul>');
    expect(m).toMatch(/<svg class="icon-svg alert-icon"[^>]*role="img" aria-label="Fejl"/);
  });

  it("renders nothing without errors", () => {
    expect(render(<ErrorSummary errors={[]} />)).toBe("");
  });
});

describe("StepIndicator", () => {
  const steps = [
    { label: "Vælg lejemål", href: "/s/1", state: "done" as const },
    { label: "Dine oplysninger", href: "/s/2", state: "error" as const },
    { label: "Fraflytningsdato", href: "/s/3", state: "current" as const },
    { label: "Underskriv", href: "/s/4", state: "todo" as const },
  ];

  it("an ordered list per DKFDS: done with a labelled check, error with a labelled icon, current with aria-current=step, later steps not links", () => {
    const m = render(<StepIndicator steps={steps} />);
    expect(m).toMatch(/^<nav aria-label="Trinindikator"/);
    const list = m.slice(m.lastIndexOf('<ol class="step-indicator">'));
    expect(list).toContain('<li><a class="step" href="/s/1"><span class="step-icon"><svg class="icon-svg" viewBox="0 -960 960 960" focusable="false" role="img" aria-label="Trin 1 gennemført">');
    expect(list).toContain('<li class="error"><a class="step" href="/s/2"><span class="step-icon"><svg class="icon-svg" viewBox="0 -960 960 960" focusable="false" role="img" aria-label="Fejl i trin 2">');
    expect(list).toContain('<li class="current"><a class="step" href="/s/3" aria-current="step"><span class="step-number"><span>3</span></span><div><span class="step-title">Fraflytningsdato</span></div></a></li>');
    expect(list).toContain('<li class="disabled"><div class="step"><span class="step-number"><span>4</span></span><div><span class="step-title">Underskriv</span></div></div></li>');
    expect(list).not.toContain('href="/s/4"');
  });

  it("below desktop width: 'Trin 3 af 4' and the list in a <details> (no JavaScript needed); the full list from lg", () => {
    const m = render(<StepIndicator steps={steps} />);
    expect(m).toContain('<div class="d-lg-none"><p class="step-subheading" data-testid="step-progress">Trin 3 af 4</p><details class="details"><summary class="details-summary"><span class="details-summary-text">Vis alle trin</span></summary>');
    expect(m).toContain('<div class="d-none d-lg-block"><ol class="step-indicator">');
    expect(m.match(/aria-current="step"/g)).toHaveLength(2); // once per version; one of them is display:none at any width
    expect(render(<StepIndicator steps={steps} />, "en")).toContain("Step 3 of 4");
  });
});

describe("Alert", () => {
  it.each([
    ["info", "Information", false],
    ["success", "Succes", false],
    ["warning", "Advarsel", true],
    ["error", "Fejl", true],
  ] as const)("%s: DKFDS classes, labelled icon, role=alert only for warning and error", (variant, label, announced) => {
    const m = render(
      <Alert variant={variant} heading="Overskrift">
        Tekst
      </Alert>,
    );
    const root = m.match(/^<div[^>]*>/)![0];
    expect(attr(root, "class")).toBe(`alert alert-${variant}`);
    expect(attr(root, "role")).toBe(announced ? "alert" : undefined);
    expect(m).toContain(`aria-label="${label}"`);
    expect(m).toContain('<div class="alert-body"><h2 class="alert-heading">Overskrift</h2><p class="alert-text">Tekst</p></div>');
  });

  it("announce=false makes a warning a static note; blocks render children in a div", () => {
    const m = render(
      <Alert variant="warning" announce={false} blocks headingLevel={3} heading="Bemærk">
        <ul>
          <li>a</li>
        </ul>
      </Alert>,
    );
    expect(m).not.toContain('role="alert"');
    expect(m).toContain('<h3 class="alert-heading">Bemærk</h3><div class="alert-text"><ul><li>a</li></ul></div>');
  });
});

describe("BackLink, Button, SummaryList", () => {
  it("back link with chevron and default text", () => {
    expect(render(<BackLink href="/back" />)).toMatch(/^<div><a href="\/back" class="back-link"><svg class="icon-svg"[^>]*aria-hidden="true">.*<\/svg>Tilbage<\/a><\/div>$/);
  });

  it("buttons are submit buttons by default with DKFDS classes", () => {
    expect(render(<Button>Fortsæt</Button>)).toBe('<button type="submit" class="button button-primary">Fortsæt</button>');
    expect(render(<Button variant="secondary" type="button">Annullér</Button>)).toBe('<button type="button" class="button button-secondary">Annullér</button>');
  });

  it("summary list: question as row header, answer, and 'Ændr' links whose hidden text names the question", () => {
    const m = render(
      <SummaryList
        rows={[
          { key: "phone", label: "Telefonnummer", value: "12 34 56 78", changeHref: "/s/3?tilbage=tjek" },
          { key: "date", label: "Ophørsdato", value: "28. februar 2027" },
        ]}
      />,
    );
    expect(m).toContain('<table class="table structured-list table-md-responsive-headers">');
    expect(m).toContain('<tr><th scope="row">Telefonnummer</th><td>12 34 56 78</td><td class="d-print-none"><a href="/s/3?tilbage=tjek">Ændr<span class="sr-only"> telefonnummer</span></a></td></tr>');
    expect(m).toContain('<tr><th scope="row">Ophørsdato</th><td>28. februar 2027</td><td class="d-print-none"></td></tr>');
  });
});

describe("SessionExpiryWarning", () => {
  it("renders a closed dialog on the server (nothing shown without JavaScript)", () => {
    const m = render(<SessionExpiryWarning expiresAt={Date.now() + 60_000} signInHref="/org/beboer/login" />);
    expect(m).toBe('<dialog class="fds-modal" aria-labelledby="session-expiry-heading" data-testid="session-expiry"></dialog>');
  });

  const end = Date.UTC(2026, 11, 1, 11, 0, 0);
  it.each([
    ["quiet", end - 301_000, "quiet"],
    ["quiet", end - 300_000, "warning"],
    ["quiet", end - 1_000, "warning"],
    ["warning", end - 60_000, "warning"],
    ["dismissed", end - 60_000, "dismissed"], // "Fortsæt" closed it: not shown again before the end
    ["dismissed", end, "expired"],
    ["warning", end + 1, "expired"],
    ["quiet", end + 60_000, "expired"], // a tab woken after the end says so at once
  ] as const)("from %s at %d ms → %s", (from, at, to) => {
    expect(nextSessionPhase(from, at, end)).toBe(to);
  });

  it("warnSeconds moves the warning", () => {
    expect(nextSessionPhase("quiet", end - 119_000, end, 120)).toBe("warning");
    expect(nextSessionPhase("quiet", end - 121_000, end, 120)).toBe("quiet");
  });
});
