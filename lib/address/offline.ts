/**
 * The offline address provider: searches the bundled addresses of `data.ts` in memory. For
 * development, demo and tests (and a fallback choice where no Adressevælger token is available).
 *
 * Matching: the search text and every address are cut into folded words (`format.ts`: case and
 * Danish letters forgiven, "Åboulevarden" = "aboulevarden" = "Aaboulevarden"). Every word typed must
 * be the beginning of a different word of the address (street, house number, floor, door, postal
 * code, town). Ranking, best first: the text typed is the beginning of the address as written; then
 * the sum per word (a whole word beats a beginning); then the street typed first; ties in address
 * order (street in the Danish alphabet, house number, floor, door: tv, mf, th).
 */
import "server-only";
import { createHash } from "node:crypto";
import { ADDRESS_LINES } from "./data";
import { addressText, words } from "./format";
import { type AddressProvider, type AddressSearchOptions, type AddressSuggestion, type DanishAddress, cleanQuery, searchOptions } from "./types";

type Entry = { address: DanishAddress; words: string[]; folded: string; streetWords: string[]; order: string; houseOrder: number };

/** A stable UUID for an address (the same every start, so a saved draft's id stays valid). */
function stableId(key: string): string {
  const h = createHash("sha256").update(`fraflyt-offline-address:${key}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16] ?? "0", 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const FLOOR_ORDER = (floor: string | null): string => (floor === null ? "00" : floor === "kl" ? "01" : floor === "st" ? "02" : String(Number(floor) + 10).padStart(2, "0"));
/** Doors in the order Danes read a landing: left, middle, right, then numbered doors. */
const DOOR_ORDER = (door: string | null): string => (door === null ? "0" : door === "tv" ? "1" : door === "mf" ? "2" : door === "th" ? "3" : `4${door}`);
const danish = new Intl.Collator("da");

function list(field: string): (string | null)[] {
  return field === "-" ? [null] : field.split(",").map((s) => s.trim());
}

/** Parses the bundled lines (or any lines in the same form — tests pass their own). */
export function parseAddressLines(text: string): DanishAddress[] {
  const out: DanishAddress[] = [];
  const seen = new Set<string>();
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const [postalCode, town, street, houses, floors, doors, ...rest] = line.split("|").map((s) => s.trim());
    if (!postalCode || !/^\d{4}$/.test(postalCode) || !town || !street || !houses || !floors || !doors || rest.length > 0) {
      throw new Error(`Offline address data: malformed line "${line}"`);
    }
    for (const houseNumber of list(houses)) {
      if (houseNumber === null || !/^\d{1,3}[A-Z]?$/.test(houseNumber)) throw new Error(`Offline address data: bad house number in "${line}"`);
      for (const floor of list(floors)) {
        for (const door of list(doors)) {
          const a = { street, houseNumber, floor, door, postalCode, town };
          const text = addressText(a);
          if (seen.has(text)) throw new Error(`Offline address data: "${text}" twice`);
          seen.add(text);
          out.push({ id: stableId(text), ...a, text });
        }
      }
    }
  }
  return out;
}

function entryOf(address: DanishAddress): Entry {
  const hn = /^(\d+)(.*)$/.exec(address.houseNumber);
  return {
    address,
    words: words(`${address.street} ${address.houseNumber} ${address.floor ?? ""} ${address.door ?? ""} ${address.postalCode} ${address.town}`),
    folded: words(address.text).join(" "),
    streetWords: words(address.street),
    houseOrder: Number(hn?.[1] ?? 0),
    order: `${hn?.[2] ?? ""}\u0000${FLOOR_ORDER(address.floor)}\u0000${DOOR_ORDER(address.door)}\u0000${address.postalCode}`,
  };
}

/**
 * Scores an entry against the typed words, or returns null when a word matches nothing. Each typed
 * word (longest first) takes the best unused address word: 3 for the whole word, 1 for its
 * beginning.
 */
function score(entry: Entry, typed: string[], typedText: string): number | null {
  const used = new Array<boolean>(entry.words.length).fill(false);
  let total = 0;
  for (const w of [...typed].sort((a, b) => b.length - a.length)) {
    let best = -1;
    let bestScore = 0;
    entry.words.forEach((candidate, i) => {
      if (used[i]) return;
      const s = candidate === w ? 3 : candidate.startsWith(w) ? 1 : 0;
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    });
    if (best < 0) return null;
    used[best] = true;
    total += bestScore;
  }
  if (entry.folded.startsWith(typedText)) total += 10;
  if (typed[0] !== undefined && entry.streetWords[0]?.startsWith(typed[0])) total += 2;
  return total;
}

/** Address order: street (Danish alphabet, Å last), house number, floor, door. */
function compareEntries(a: Entry, b: Entry): number {
  return (
    danish.compare(a.address.street, b.address.street) ||
    a.houseOrder - b.houseOrder ||
    (a.order < b.order ? -1 : a.order > b.order ? 1 : 0)
  );
}

export class OfflineAddressProvider implements AddressProvider {
  readonly name = "offline";
  private readonly entries: Entry[];
  private readonly byId: Map<string, DanishAddress>;

  constructor(addresses: DanishAddress[] = parseAddressLines(ADDRESS_LINES)) {
    this.entries = addresses.map(entryOf);
    this.byId = new Map(addresses.map((a) => [a.id, a]));
  }

  /** How many addresses the provider knows (for tests and the health page). */
  get size(): number {
    return this.entries.length;
  }

  async search(text: string, opts?: AddressSearchOptions): Promise<AddressSuggestion[]> {
    const { limit, postalCode } = searchOptions(opts);
    opts?.signal?.throwIfAborted();
    const typed = words(cleanQuery(text));
    if (typed.length === 0) return [];
    const typedText = typed.join(" ");
    const hits: { entry: Entry; score: number }[] = [];
    for (const entry of this.entries) {
      if (postalCode !== null && entry.address.postalCode !== postalCode) continue;
      const s = score(entry, typed, typedText);
      if (s !== null) hits.push({ entry, score: s });
    }
    hits.sort((a, b) => b.score - a.score || compareEntries(a.entry, b.entry));
    return hits.slice(0, limit).map(({ entry }) => ({ id: entry.address.id, text: entry.address.text }));
  }

  async get(id: string): Promise<DanishAddress | null> {
    if (typeof id !== "string") return null;
    const a = this.byId.get(id.toLowerCase());
    return a ? { ...a } : null;
  }
}
