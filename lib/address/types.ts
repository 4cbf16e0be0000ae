/**
 * Danish address look-up: the provider interface the tenant wizard (step 7, the new address) calls.
 * Implementations: `offline.ts` (a bundled file, for development, demo and tests) and
 * `adressevaelger.ts` (Klimadatastyrelsen's Adressevælger over HTTP); `index.ts` chooses one by
 * configuration. Client components may `import type` from here; the modules themselves are server-only.
 */
import "server-only";

/** One Danish address (a dwelling: house number plus floor and door where the building has them). */
export type DanishAddress = {
  /** The address's id: DAR's `id_lokalid` (a UUID) from Adressevælger, a stable UUID offline. */
  id: string;
  street: string; // "Åboulevarden"
  houseNumber: string; // "12", "12A"
  floor: string | null; // DAR etagebetegnelse: "st", "kl", "1" … or null
  door: string | null; // DAR dørbetegnelse: "tv", "th", "mf", "3" … or null
  postalCode: string; // "8000"
  town: string; // postal district name: "Aarhus C"
  /** The address as Danes write it: "Åboulevarden 12, 1. tv, 8000 Aarhus C". */
  text: string;
};

/** One hit of a search: what the tenant chooses from. `get(id)` gives the whole address. */
export type AddressSuggestion = { id: string; text: string };

export type AddressSearchOptions = {
  /** At most this many suggestions (default 10, at most 50). */
  limit?: number;
  /** Only addresses in this postal code (4 digits). */
  postalCode?: string;
  /** Cancels the look-up (e.g. the request was aborted). */
  signal?: AbortSignal;
};

export interface AddressProvider {
  /** "offline" or "adressevaelger" (for logs and the health page). */
  readonly name: string;
  /**
   * Suggestions for what the tenant typed, best first. Blank text gives []. Throws
   * AddressLookupError when the service cannot answer (never a raw error).
   */
  search(text: string, opts?: AddressSearchOptions): Promise<AddressSuggestion[]>;
  /** The address with this id, or null when there is none (or the id is not an address id). */
  get(id: string, opts?: { signal?: AbortSignal }): Promise<DanishAddress | null>;
}

export type AddressLookupErrorCode = "unavailable" | "timeout" | "bad-response" | "invalid-query";

const MESSAGES: Record<AddressLookupErrorCode, string> = {
  unavailable: "The address look-up is not available right now.",
  timeout: "The address look-up did not answer in time.",
  "bad-response": "The address look-up gave an answer we could not read.",
  "invalid-query": "The address search was given an option that is not valid.",
};

/**
 * The one error an address provider throws. `message` is fixed per code and `detail` (for the log)
 * names only what went wrong ("HTTP 503", "invalid JSON", "fund: expected array") — never the URL,
 * the token or the service's own error text. The UI shows `address.errors.<code>` and lets the
 * tenant type the address instead.
 */
export class AddressLookupError extends Error {
  readonly code: AddressLookupErrorCode;
  readonly detail: string;
  constructor(code: AddressLookupErrorCode, detail: string) {
    super(MESSAGES[code]);
    this.name = "AddressLookupError";
    this.code = code;
    this.detail = detail;
  }
}

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 50;
/** Longer search text is cut: no Danish address is this long. */
export const MAX_QUERY_LENGTH = 100;

/** Checks and resolves the common search options (shared by the providers). */
export function searchOptions(opts: AddressSearchOptions | undefined): { limit: number; postalCode: string | null } {
  const limit = opts?.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new AddressLookupError("invalid-query", "limit must be a whole number of 1 or more");
  const postalCode = opts?.postalCode ?? null;
  if (postalCode !== null && !/^\d{4}$/.test(postalCode)) throw new AddressLookupError("invalid-query", "postalCode must be 4 digits");
  return { limit: Math.min(limit, MAX_LIMIT), postalCode };
}

/** The search text as it is sent or matched: trimmed, white space collapsed, at most 100 characters. */
export function cleanQuery(text: unknown): string {
  if (typeof text !== "string") return "";
  return text.normalize("NFC").replace(/\s+/g, " ").trim().slice(0, MAX_QUERY_LENGTH);
}
