/**
 * The HTTP address provider for Klimadatastyrelsen's Adressevælger (DAWA's successor):
 *   search:  GET {base}/adresser/soeg?tekst=…&maksimum=…[&postnummer=…]&token=…
 *            → { status, beskrivelse, fund: [{ type, id, titel, … }] }
 *   details: GET {base}/adresser/{id}?token=…
 *            → { adresse: { id_lokalid, adressebetegnelse, etagebetegnelse, doerbetegnelse,
 *                           husnummer: { postnummer: { postnr, navn }, … } } }
 * Every answer is checked with zod; a call that takes longer than `timeoutMs` is aborted. Whatever
 * goes wrong, the caller gets an AddressLookupError with a fixed message: never the URL (it holds
 * the token), the service's error text or a stack.
 */
import "server-only";
import { z } from "zod";
import { addressText } from "./format";
import { type AddressProvider, type AddressSearchOptions, type AddressSuggestion, type DanishAddress, AddressLookupError, cleanQuery, searchOptions } from "./types";

export type AdressevaelgerConfig = {
  /** e.g. https://adressevaelger.dk (no trailing slash needed). */
  baseUrl: string;
  token: string;
  /** Per request (default 4000 ms). */
  timeoutMs?: number;
  /** For tests: another fetch. */
  fetch?: typeof fetch;
};

const MAX_BODY_BYTES = 1_000_000;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = z
  .string()
  .nullish()
  .transform((s) => (s && s.trim() !== "" ? s.trim() : null));

const SearchResponse = z.looseObject({
  status: z.union([z.string(), z.number()]).nullish(),
  beskrivelse: z.string().nullish(),
  fund: z.array(z.unknown()),
});
const SearchHit = z.looseObject({ type: z.string(), id: text(100), titel: text(300) });

const DetailResponse = z.looseObject({
  adresse: z.looseObject({
    id_lokalid: text(100),
    adressebetegnelse: text(300),
    etagebetegnelse: optionalText,
    doerbetegnelse: optionalText,
    husnummer: z.looseObject({
      husnummertekst: optionalText,
      vejnavn: optionalText,
      navngivenVej: z.looseObject({ vejnavn: optionalText }).nullish(),
      postnummer: z.looseObject({
        postnr: z.union([z.string(), z.number()]).transform((v) => String(v).padStart(4, "0")).pipe(z.string().regex(/^\d{4}$/)),
        navn: text(100),
      }),
    }),
  }),
});

/** What a zod failure is, for the log: paths and kinds only, never the values. */
function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.code}`)
    .join("; ");
}

export class AdressevaelgerProvider implements AddressProvider {
  readonly name = "adressevaelger";
  private readonly base: string;
  private readonly token: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(config: AdressevaelgerConfig) {
    const url = new URL(config.baseUrl);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("Adressevælger: the base URL must be http(s)");
    if (!config.token) throw new Error("Adressevælger: a token is required");
    this.base = url.href.replace(/\/+$/, "");
    this.token = config.token;
    this.timeoutMs = config.timeoutMs ?? 4000;
    this.fetchImpl = config.fetch ?? fetch;
  }

  /** GET a path with query parameters (the token added last); null on 404 when `allow404`. */
  private async getJson(path: string, params: Record<string, string>, signal: AbortSignal | undefined, allow404: boolean): Promise<unknown> {
    const url = new URL(`${this.base}${path}`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    url.searchParams.set("token", this.token);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await this.fetchImpl(url, { headers: { accept: "application/json" }, redirect: "error", signal: combined });
    } catch {
      if (timeout.aborted) throw new AddressLookupError("timeout", `no answer within ${this.timeoutMs} ms`);
      if (signal?.aborted) throw new AddressLookupError("unavailable", "cancelled by the caller");
      throw new AddressLookupError("unavailable", "network error");
    }
    try {
      if (allow404 && res.status === 404) return null;
      if (res.status !== 200) {
        // The service down, our token refused or rate-limited: not available now. Anything else
        // (400 for a query it does not accept, a 3xx it should not send) is an answer we cannot use.
        const unavailable = res.status >= 500 || res.status === 401 || res.status === 403 || res.status === 429;
        throw new AddressLookupError(unavailable ? "unavailable" : "bad-response", `HTTP ${res.status}`);
      }
      const declared = Number(res.headers.get("content-length") ?? 0);
      if (declared > MAX_BODY_BYTES) throw new AddressLookupError("bad-response", "answer too large");
      let body: string;
      try {
        body = await res.text();
      } catch {
        if (timeout.aborted) throw new AddressLookupError("timeout", `no complete answer within ${this.timeoutMs} ms`);
        throw new AddressLookupError("unavailable", "answer cut off");
      }
      if (body.length > MAX_BODY_BYTES) throw new AddressLookupError("bad-response", "answer too large");
      try {
        return JSON.parse(body) as unknown;
      } catch {
        throw new AddressLookupError("bad-response", "invalid JSON");
      }
    } finally {
      // Whatever happened, release the connection.
      if (!res.bodyUsed) await res.body?.cancel().catch(() => undefined);
    }
  }

  async search(input: string, opts?: AddressSearchOptions): Promise<AddressSuggestion[]> {
    const { limit, postalCode } = searchOptions(opts);
    const q = cleanQuery(input);
    if (q === "") return [];
    const params: Record<string, string> = { tekst: q, maksimum: String(limit) };
    if (postalCode) params.postnummer = postalCode;
    const json = await this.getJson("/adresser/soeg", params, opts?.signal, false);
    const parsed = SearchResponse.safeParse(json);
    if (!parsed.success) throw new AddressLookupError("bad-response", `search: ${issues(parsed.error)}`);
    const out: AddressSuggestion[] = [];
    for (const raw of parsed.data.fund) {
      // One odd hit (another type, a missing title) is left out rather than failing the search.
      const hit = SearchHit.safeParse(raw);
      if (!hit.success || !/^adresser?$/i.test(hit.data.type)) continue;
      out.push({ id: hit.data.id, text: hit.data.titel });
      if (out.length >= limit) break;
    }
    return out;
  }

  async get(id: string, opts?: { signal?: AbortSignal }): Promise<DanishAddress | null> {
    if (typeof id !== "string" || !UUID_RE.test(id)) return null;
    const json = await this.getJson(`/adresser/${encodeURIComponent(id)}`, {}, opts?.signal, true);
    if (json === null) return null;
    const parsed = DetailResponse.safeParse(json);
    if (!parsed.success) throw new AddressLookupError("bad-response", `details: ${issues(parsed.error)}`);
    const a = parsed.data.adresse;
    const h = a.husnummer;
    // Street and house number: the structured fields where the answer has them, else the first
    // part of the address as written ("Rentemestervej 8, 2. tv, 2400 København NV").
    const firstPart = a.adressebetegnelse.split(",")[0]?.trim() ?? "";
    const m = /^(.*\S)\s+(\d{1,4}[A-Za-z]?)$/.exec(firstPart);
    const houseNumber = h.husnummertekst ?? m?.[2] ?? null;
    const street = h.navngivenVej?.vejnavn ?? h.vejnavn ?? m?.[1] ?? null;
    if (!houseNumber || !street) throw new AddressLookupError("bad-response", "details: no street or house number");
    const address = {
      street,
      houseNumber,
      floor: a.etagebetegnelse,
      door: a.doerbetegnelse,
      postalCode: h.postnummer.postnr,
      town: h.postnummer.navn,
    };
    return { id: a.id_lokalid, ...address, text: a.adressebetegnelse || addressText(address) };
  }
}
