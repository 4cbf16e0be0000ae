/**
 * The address combobox (components/address-combobox.ts, components/AddressAutocomplete.tsx): the
 * state machine driven by typing, answers and keys (table-driven), the ARIA 1.2 combobox markup for
 * a state, the server-rendered fallback before hydration, and the no-JavaScript results list
 * (components/AddressSearchResults.tsx) against the offline provider.
 */
import { NextIntlClientProvider, createTranslator } from "next-intl";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import da from "@/messages/da.json";
import en from "@/messages/en.json";

vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) => createTranslator({ locale: "da", messages: da, namespace: namespace as "address" }),
}));

const combo = await import("@/components/address-combobox");
const { comboReducer, initialComboState, keyIsHandled, addressSearchUrl, ADDRESS_MAX_RESULTS } = combo;
type ComboState = import("@/components/address-combobox").ComboState;
type ComboEvent = import("@/components/address-combobox").ComboEvent;
const { AddressAutocomplete, ComboboxView } = await import("@/components/AddressAutocomplete");
const { AddressSearchResults } = await import("@/components/AddressSearchResults");
const { OfflineAddressProvider, AddressLookupError } = await import("@/lib/address");

function render(node: ReactNode, locale: "da" | "en" = "da"): string {
  return renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={locale === "da" ? da : en} timeZone="Europe/Copenhagen">
      {node}
    </NextIntlClientProvider>,
  );
}

const A = { id: "a", text: "Åboulevarden 12, 1. tv, 8000 Aarhus C" };
const B = { id: "b", text: "Åboulevarden 12, 1. th, 8000 Aarhus C" };
const C = { id: "c", text: "Åboulevarden 28, st., 8000 Aarhus C" };

const run = (events: ComboEvent[], from: ComboState = initialComboState()) => events.reduce(comboReducer, from);
const typed = (q: string, options = [A, B, C]) => run([{ type: "input", value: q }, { type: "results", query: q, options }]);

describe("the combobox's state machine", () => {
  it.each<[string, ComboEvent[], Partial<ComboState>]>([
    ["nothing typed", [], { status: "idle", open: false, selected: null }],
    ["one character is too short to search", [{ type: "input", value: "Å" }], { status: "short", open: false }],
    ["two characters search", [{ type: "input", value: "Åb" }], { status: "loading" }],
    ["an answer opens the list, no option active", [{ type: "input", value: "Åbo" }, { type: "results", query: "Åbo", options: [A, B] }], { status: "results", open: true, active: -1 }],
    ["an empty answer says none", [{ type: "input", value: "xyz" }, { type: "results", query: "xyz", options: [] }], { status: "none", open: false }],
    ["an answer to an older text is dropped", [{ type: "input", value: "Åbo" }, { type: "input", value: "Åbou" }, { type: "results", query: "Åbo", options: [A] }], { status: "loading", options: [] }],
    ["a failure says so and closes", [{ type: "input", value: "Åbo" }, { type: "failed", query: "Åbo" }], { status: "error", open: false }],
    ["white space does not make another query", [{ type: "input", value: "  Åbo  " }, { type: "results", query: "Åbo", options: [A] }], { status: "results" }],
  ])("%s", (_name, events, expected) => {
    expect(run(events)).toMatchObject(expected);
  });

  it.each<[string, string[], Partial<ComboState>]>([
    ["↓ activates the first option", ["ArrowDown"], { active: 0, open: true }],
    ["↓↓ the second", ["ArrowDown", "ArrowDown"], { active: 1 }],
    ["↓ past the last returns to the input", ["ArrowDown", "ArrowDown", "ArrowDown", "ArrowDown"], { active: -1, open: true }],
    ["↑ from the input wraps to the last", ["ArrowUp"], { active: 2 }],
    ["Enter chooses the active option", ["ArrowDown", "ArrowDown", "Enter"], { status: "chosen", selected: B, query: B.text, open: false }],
    ["Enter without an active option does nothing", ["Enter"], { status: "results", selected: null, open: true }],
    ["Escape closes the list and keeps the text", ["ArrowDown", "Escape"], { open: false, active: -1, query: "Åbo" }],
    ["a second Escape clears the text", ["Escape", "Escape"], { query: "", status: "idle", options: [] }],
    ["↓ on a closed list opens it again", ["Escape", "ArrowDown"], { open: true, active: 0 }],
  ])("%s", (_name, keys, expected) => {
    expect(run(keys.map((key) => ({ type: "key", key }) as const), typed("Åbo"))).toMatchObject(expected);
  });

  it("a click chooses; typing afterwards clears the chosen id", () => {
    const chosen = run([{ type: "choose", index: 2 }], typed("Åbo"));
    expect(chosen).toMatchObject({ selected: C, query: C.text, status: "chosen" });
    // a late answer for the chosen text does not reopen the list
    expect(comboReducer(chosen, { type: "results", query: C.text, options: [A] })).toBe(chosen);
    expect(comboReducer(chosen, { type: "input", value: `${C.text}x` })).toMatchObject({ selected: null, status: "loading" });
  });

  it("keeps at most 10 options; blur closes; hover moves the active option", () => {
    const many = Array.from({ length: 14 }, (_, i) => ({ id: `id${i}`, text: `Vej ${i}` }));
    const s = typed("Vej", many);
    expect(s.options).toHaveLength(ADDRESS_MAX_RESULTS);
    expect(comboReducer(s, { type: "hover", index: 4 }).active).toBe(4);
    expect(comboReducer(s, { type: "hover", index: 40 }).active).toBe(-1);
    expect(comboReducer(s, { type: "blur" })).toMatchObject({ open: false, active: -1 });
  });

  it.each([
    ["ArrowDown", "with options", true],
    ["Enter", "with an active option", true],
    ["Enter", "without one (the form submits)", false],
    ["Escape", "while open", true],
    ["Tab", "never", false],
  ] as const)("prevents %s's default %s", (key, when, expected) => {
    let s = typed("Åbo");
    if (when === "with an active option") s = comboReducer(s, { type: "key", key: "ArrowDown" });
    expect(keyIsHandled(s, key)).toBe(expected);
  });

  it("starts from the draft's address", () => {
    expect(initialComboState(A)).toMatchObject({ query: A.text, selected: A, status: "chosen" });
    expect(initialComboState(null, "x")).toMatchObject({ status: "short", selected: null });
  });

  it("asks the organisation's JSON route with the text encoded", () => {
    expect(addressSearchUrl("nordhavn", " Åboulevarden  12 ")).toBe("/api/nordhavn/adresser?q=%C3%85boulevarden%2012");
  });
});

/** The opening tag of the element with this id. */
function tag(markup: string, id: string): string {
  const m = markup.match(new RegExp(`<[a-z]+[^>]*\\sid="${id}"[^>]*>`));
  if (!m) throw new Error(`no element #${id} in ${markup}`);
  return m[0];
}

describe("the combobox's markup", () => {
  it("is an ARIA 1.2 combobox: listbox, aria-activedescendant, a live region with the count", () => {
    const s = run([{ type: "key", key: "ArrowDown" }, { type: "key", key: "ArrowDown" }], typed("Åbo"));
    const html = render(<ComboboxView organisation="nordhavn" id="newAddress" state={s} />);
    const input = tag(html, "newAddress");
    expect(input).toContain('role="combobox"');
    expect(input).toContain('aria-autocomplete="list"');
    expect(input).toContain('aria-expanded="true"');
    expect(input).toContain('aria-controls="newAddress-listbox"');
    expect(input).toContain('aria-activedescendant="newAddress-option-1"');
    expect(input).toContain('aria-describedby="newAddress-hint"');
    expect(input).toContain('name="addressQuery"');
    expect(input).toMatch(/autocomplete="off"/i);
    expect(tag(html, "newAddress-listbox")).toContain('role="listbox"');
    expect(tag(html, "newAddress-option-1")).toContain('aria-selected="true"');
    expect(tag(html, "newAddress-option-0")).toContain('aria-selected="false"');
    expect(html).toContain('<label class="form-label" for="newAddress">Søg efter din nye adresse</label>');
    expect(html).toMatch(/role="status" aria-live="polite"[^>]*>3 adresser fundet\. Brug pil op/);
    expect(html).toContain('<input type="hidden" name="addressId" value=""/>');
  });

  it("fills the hidden addressId with the chosen address; the list is hidden", () => {
    const html = render(<ComboboxView organisation="nordhavn" id="newAddress" state={initialComboState(A)} error="Vælg en adresse." />, "en");
    expect(html).toContain('<input type="hidden" name="addressId" value="a"/>');
    expect(tag(html, "newAddress")).toContain('aria-expanded="false"');
    expect(tag(html, "newAddress")).not.toContain("aria-activedescendant");
    expect(tag(html, "newAddress")).toContain('aria-invalid="true"');
    expect(tag(html, "newAddress")).toContain('aria-describedby="newAddress-hint newAddress-error"');
    expect(tag(html, "newAddress-listbox")).toContain("hidden");
    expect(html).toContain("Chosen: Åboulevarden 12, 1. tv, 8000 Aarhus C");
  });

  it("renders the no-JavaScript fallback on the server (before hydration)", () => {
    const html = render(
      <AddressAutocomplete organisation="nordhavn" id="newAddress">
        <p id="fallback">search, then choose</p>
      </AddressAutocomplete>,
    );
    expect(html).toBe('<p id="fallback">search, then choose</p>');
  });
});

describe("the no-JavaScript results list", () => {
  const provider = new OfflineAddressProvider();

  it("lists the matches as DKFDS radio buttons named addressId, the draft's choice checked", async () => {
    const [first] = await provider.search("Åboulevarden 12");
    const html = render(await AddressSearchResults({ query: "Åboulevarden 12", selectedId: first!.id, provider }));
    expect(html).toContain('<fieldset aria-labelledby="addressId-legend"');
    expect(html).toContain("Vælg din nye adresse");
    expect(tag(html, "addressId-option1")).toContain('name="addressId"');
    expect(tag(html, "addressId-option1")).toContain(`value="${first!.id}"`);
    expect(tag(html, "addressId-option1")).toContain("checked");
    expect(html.match(/type="radio"/g)!.length).toBeLessThanOrEqual(10);
    expect(html).toMatch(/adresser? passer på »Åboulevarden 12«/);
  });

  it.each([
    ["nothing searched", undefined, null],
    ["too short", "Å", "Skriv mindst 2 tegn."],
    ["no match", "Qwxzyvej 999", "Vi fandt ingen adresse, der passer på »Qwxzyvej 999«"],
  ] as const)("%s", async (_name, query, text) => {
    const out = await AddressSearchResults({ query, provider });
    if (text === null) return expect(out).toBeNull();
    expect(render(out)).toContain(text);
  });

  it("says the look-up is down, so the tenant can type the address", async () => {
    const down = { name: "down", search: async () => { throw new AddressLookupError("unavailable", "test"); }, get: async () => null };
    const html = render(await AddressSearchResults({ query: "Åboulevarden", provider: down }));
    expect(html).toContain('role="alert"');
    expect(html).toContain("Adressesøgningen virker ikke lige nu");
  });
});
