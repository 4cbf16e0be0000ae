/**
 * Organisation texts: the headings and help texts of the tenant wizard that an organisation may
 * write itself, per language. An allow-list (`TEXT_KEYS`, message key → where it is shown): only
 * these keys can be overridden. Overrides live in Organisation.settings.texts as
 * `{ "<key>": { da, en? } }`; a missing key is the default text of messages/*.json.
 *
 * Where they apply: ONE place, i18n/request.ts, merges the organisation's overrides into the
 * next-intl messages of its tenant pages (`withTextOverrides`), so every component that reads the
 * message gets the organisation's text without knowing about it. In the English UI the English
 * override is shown, else the Danish override (the organisation's own words win over our default).
 *
 * Plain text only: an override may use the placeholders its default uses ({organisation},
 * {address}, {name}) and nothing else with braces or angle brackets; apostrophes are escaped for
 * ICU, and React renders the result as text — so no HTML and no message syntax gets through.
 */
import { z } from "zod";
import da from "@/messages/da.json";
import en from "@/messages/en.json";

export type TextGroup = "start" | "general" | "you" | "sub" | "move" | "inspection" | "viewing" | "address" | "account" | "check" | "signing";

type KeyDef = { group: TextGroup; kind: "heading" | "help"; what: { da: string; en: string } };

const h = (group: TextGroup, da: string, en: string): KeyDef => ({ group, kind: "heading", what: { da, en } });
const help = (group: TextGroup, da: string, en: string): KeyDef => ({ group, kind: "help", what: { da, en } });

/** Every overridable message key, with where the tenant sees it. */
export const TEXT_KEYS = {
  "wizard.start.title": h("start", "Startsiden: overskrift", "Start page: heading"),
  "wizard.general.title": h("general", "Før du starter: overskrift", "Before you start: heading"),
  "wizard.general.lead": help("general", "Før du starter: indledning ({address} = lejemålets adresse)", "Before you start: introduction ({address} = the tenancy's address)"),
  "wizard.general.needHeading": h("general", "Før du starter: overskrift over det, du skal bruge", "Before you start: heading of what you need"),
  "wizard.general.deadlineHeading": h("general", "Før du starter: overskrift om hvornår opsigelsen gælder", "Before you start: heading about when notice takes effect"),
  "wizard.general.deadline": help("general", "Før du starter: hvornår opsigelsen gælder", "Before you start: when notice takes effect"),
  "wizard.general.saveHint": help("general", "Før du starter: om at svarene gemmes", "Before you start: about answers being saved"),
  "wizard.you.title": h("you", "Dig og dit lejemål: overskrift", "You and your tenancy: heading"),
  "wizard.you.contactHint": help("you", "Dig og dit lejemål: hjælpetekst til kontaktoplysninger", "You and your tenancy: help text for contact details"),
  "wizard.you.cohabitantQuestion": h("you", "Dig og dit lejemål: spørgsmål om samlever", "You and your tenancy: question about a cohabitant"),
  "wizard.you.cohabitantHint": help("you", "Dig og dit lejemål: hjælpetekst om samlever", "You and your tenancy: help text about a cohabitant"),
  "wizard.sub.title": h("sub", "Tilknyttede lejemål: overskrift", "Sub-leases: heading"),
  "wizard.sub.lead": help("sub", "Tilknyttede lejemål: indledning", "Sub-leases: introduction"),
  "wizard.sub.question": h("sub", "Tilknyttede lejemål: spørgsmål", "Sub-leases: question"),
  "wizard.sub.hint": help("sub", "Tilknyttede lejemål: hjælpetekst ({organisation} = jeres navn)", "Sub-leases: help text ({organisation} = your name)"),
  "wizard.move.title": h("move", "Fraflytning: overskrift", "Moving out: heading"),
  "wizard.move.reason": h("move", "Fraflytning: spørgsmål om grund", "Moving out: question about the reason"),
  "wizard.move.reasonHint": help("move", "Fraflytning: hjælpetekst til grund", "Moving out: help text for the reason"),
  "wizard.move.date": h("move", "Fraflytning: spørgsmål om dato", "Moving out: question about the date"),
  "wizard.move.dateHint": help("move", "Fraflytning: hjælpetekst til dato", "Moving out: help text for the date"),
  "wizard.inspection.title": h("inspection", "Datoer og flyttesyn: overskrift", "Dates and inspection: heading"),
  "wizard.inspection.datesHeading": h("inspection", "Datoer og flyttesyn: overskrift over datoerne", "Dates and inspection: heading of the dates"),
  "wizard.inspection.question": h("inspection", "Datoer og flyttesyn: spørgsmål om flyttesyn", "Dates and inspection: question about the inspection"),
  "wizard.inspection.hint": help("inspection", "Datoer og flyttesyn: hjælpetekst til flyttesyn", "Dates and inspection: help text for the inspection"),
  "wizard.viewing.title": h("viewing", "Fremvisning: overskrift", "Viewing: heading"),
  "wizard.viewing.lead": help("viewing", "Fremvisning: indledning", "Viewing: introduction"),
  "wizard.viewing.phoneHint": help("viewing", "Fremvisning: hjælpetekst til telefonnummer", "Viewing: help text for the phone number"),
  "wizard.address.title": h("address", "Ny adresse: overskrift", "New address: heading"),
  "wizard.address.lead": help("address", "Ny adresse: indledning", "New address: introduction"),
  "wizard.address.searchHint": help("address", "Ny adresse: hjælpetekst til adressesøgning", "New address: help text for the address search"),
  "wizard.address.foreignTextHint": help("address", "Ny adresse: hjælpetekst til udenlandsk adresse", "New address: help text for a foreign address"),
  "wizard.account.title": h("account", "Penge til gode: overskrift", "Money owed: heading"),
  "wizard.account.lead": help("account", "Penge til gode: indledning", "Money owed: introduction"),
  "wizard.account.question": h("account", "Penge til gode: spørgsmål", "Money owed: question"),
  "wizard.check.title": h("check", "Tjek dine svar: overskrift", "Check your answers: heading"),
  "wizard.check.lead": help("check", "Tjek dine svar: indledning", "Check your answers: introduction"),
  "wizard.check.onlyOccupantHint": help("check", "Tjek dine svar: hjælpetekst om eneste beboer", "Check your answers: help text about the only occupant"),
  "signing.title": h("signing", "Underskriv: overskrift", "Sign: heading"),
  "signing.lead": help("signing", "Underskriv: indledning ({organisation} = jeres navn)", "Sign: introduction ({organisation} = your name)"),
  "signing.datesHeading": h("signing", "Underskriv: overskrift over datoerne", "Sign: heading of the dates"),
  "signing.signersHeading": h("signing", "Underskriv: overskrift over dem, der skal underskrive", "Sign: heading of the signers"),
  "signing.signAsHint": help("signing", "Underskriv: hjælpetekst til MitID-knappen", "Sign: help text for the MitID button"),
} as const satisfies Record<string, KeyDef>;

export type TextKey = keyof typeof TEXT_KEYS;
export const TEXT_KEY_LIST = Object.keys(TEXT_KEYS) as TextKey[];
export const TEXT_GROUPS: readonly TextGroup[] = ["start", "general", "you", "sub", "move", "inspection", "viewing", "address", "account", "check", "signing"];

export function isTextKey(key: string): key is TextKey {
  return Object.prototype.hasOwnProperty.call(TEXT_KEYS, key);
}

/** The longest override, per language. */
export const TEXT_MAX = 1000;

const CATALOGUES = { da, en } as const;

function lookup(messages: unknown, key: string): string | undefined {
  let node: unknown = messages;
  for (const part of key.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

/** Our default text of a key in a language (messages/*.json). */
export function defaultText(key: TextKey, locale: "da" | "en"): string {
  return lookup(CATALOGUES[locale], key) ?? key;
}

/** The placeholders a key's default uses ({organisation}, {address}, …), in either language. */
export function placeholdersOf(key: TextKey): string[] {
  const out = new Set<string>();
  for (const l of ["da", "en"] as const) for (const m of defaultText(key, l).matchAll(/\{(\w+)\}/g)) out.add(m[1]!);
  return [...out];
}

/** Why an override text cannot be used ("braces": a brace or angle bracket outside an allowed placeholder), or null. */
export function textProblem(key: TextKey, text: string): "braces" | "tooLong" | null {
  if (text.length > TEXT_MAX) return "tooLong";
  const allowed = new Set(placeholdersOf(key));
  const rest = text.replace(/\{(\w+)\}/g, (all, name: string) => (allowed.has(name) ? "" : all));
  return /[{}<>]/.test(rest) ? "braces" : null;
}

export const textOverrideSchema = z.object({ da: z.string().trim().min(1).max(TEXT_MAX), en: z.string().trim().min(1).max(TEXT_MAX).optional() }).strict();
export type TextOverride = z.infer<typeof textOverrideSchema>;
/** Organisation.settings.texts: overrides by key (unknown keys are dropped when read). */
export const textOverridesSchema = z.record(z.string(), textOverrideSchema);
export type TextOverrides = Record<string, TextOverride>;

/** What the tenant sees for a key in a language: the override (English, else Danish), else our default. */
export function orgText(overrides: TextOverrides, key: TextKey, locale: "da" | "en"): string {
  const o = overrides[key];
  if (o) return locale === "en" ? (o.en ?? o.da) : o.da;
  return defaultText(key, locale);
}

/** An override as an ICU message: apostrophes doubled (literal), placeholders kept. */
function asMessage(text: string): string {
  return text.replace(/'/g, "''");
}

/**
 * The messages with the organisation's overrides applied (a new object along each overridden key's
 * path; the catalogue itself is never changed). Keys outside the allow-list and texts that do not
 * pass `textProblem` are ignored.
 */
export function withTextOverrides<M extends Record<string, unknown>>(messages: M, overrides: TextOverrides | undefined, locale: "da" | "en"): M {
  if (!overrides) return messages;
  let out: Record<string, unknown> = messages;
  for (const [key, o] of Object.entries(overrides)) {
    if (!isTextKey(key) || !o) continue;
    const text = locale === "en" ? (o.en ?? o.da) : o.da;
    if (!text || textProblem(key, text)) continue;
    const parts = key.split(".");
    const root: Record<string, unknown> = { ...out };
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (!next || typeof next !== "object") break;
      node = node[part] = { ...(next as Record<string, unknown>) };
    }
    node[parts[parts.length - 1]!] = asMessage(text);
    out = root;
  }
  return out as M;
}
