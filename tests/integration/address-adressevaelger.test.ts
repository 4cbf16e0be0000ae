/**
 * The Adressevælger provider against a local stub on 127.0.0.1 that answers in the service's JSON
 * shape: search hits, an empty search, malformed JSON, a wrong shape, HTTP errors, a redirect, a
 * service that never answers (timeout), and the details of an address (found, unknown, malformed).
 * No database is involved; it runs the same on both lanes.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AddressLookupError, AdressevaelgerProvider } from "@/lib/address";

const TOKEN = "stub-token-5f0e";
const ID_FOUND = "0a3f50a0-2b52-32b8-e044-0003ba298018";
const ID_PARSED = "0a3f50a0-2b52-32b8-e044-0003ba298019";
const ID_UNKNOWN = "0a3f50a0-2b52-32b8-e044-0003ba298020";
const ID_BROKEN = "0a3f50a0-2b52-32b8-e044-0003ba298021";
const ID_DOWN = "0a3f50a0-2b52-32b8-e044-0003ba298022";

type Seen = { path: string; query: Record<string, string> };
let seen: Seen[] = [];
let server: http.Server;
let base: string;
const held: http.ServerResponse[] = [];

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
}

function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://stub");
  seen.push({ path: url.pathname, query: Object.fromEntries(url.searchParams) });
  if (url.searchParams.get("token") !== TOKEN) return json(res, 401, { status: 401, beskrivelse: "Ugyldig token" });
  if (url.pathname === "/api/adresser/soeg") {
    switch (url.searchParams.get("tekst")) {
      case "Rentemestervej 8":
        return json(res, 200, {
          status: "OK",
          beskrivelse: "Søgning gennemført",
          fund: [
            { type: "adresse", id: ID_FOUND, titel: "Rentemestervej 8, 2. tv, 2400 København NV", score: 1 },
            { type: "husnummer", id: "11111111-2b52-32b8-e044-0003ba298018", titel: "Rentemestervej 8, 2400 København NV" },
            { type: "adresse", id: ID_PARSED, titel: "Rentemestervej 8, 2. th, 2400 København NV" },
            { type: "adresse", id: "no-title" },
            { type: "adresse", id: "22222222-2b52-32b8-e044-0003ba298018", titel: "Rentemestervej 8, 3. tv, 2400 København NV" },
          ],
        });
      case "Åboulevarden":
        return json(res, 200, { status: "OK", fund: [{ type: "Adresse", id: ID_FOUND, titel: "Åboulevarden 12, 1. tv, 8000 Aarhus C" }] });
      case "ingenting":
        return json(res, 200, { status: "OK", beskrivelse: "Ingen fund", fund: [] });
      case "ugyldig":
        res.writeHead(200, { "content-type": "application/json" }).end('{"status":"OK","fund":[{"type":"adresse",');
        return;
      case "html":
        res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Vedligeholdelse</body></html>");
        return;
      case "skema":
        return json(res, 200, { status: "OK", fund: "ingen" });
      case "fejl":
        res.writeHead(500, { "content-type": "text/plain" }).end(`java.lang.NullPointerException at dk.adresse.Soeg token=${TOKEN}`);
        return;
      case "travlt":
        return json(res, 429, { status: 429, beskrivelse: "For mange kald" });
      case "omdirigering":
        res.writeHead(302, { location: "http://127.0.0.1:9/elsewhere" }).end();
        return;
      case "langsom":
        held.push(res); // never answers
        return;
      default:
        return json(res, 400, { status: 400, beskrivelse: "Ukendt" });
    }
  }
  const m = /^\/api\/adresser\/([^/]+)$/.exec(url.pathname);
  if (m) {
    const id = decodeURIComponent(m[1]!);
    if (id === ID_FOUND) {
      return json(res, 200, {
        status: "OK",
        adresse: {
          id_lokalid: ID_FOUND,
          adressebetegnelse: "Rentemestervej 8, 2. tv, 2400 København NV",
          etagebetegnelse: "2",
          doerbetegnelse: "tv",
          husnummer: { husnummertekst: "8", navngivenVej: { vejnavn: "Rentemestervej" }, postnummer: { postnr: "2400", navn: "København NV" } },
        },
      });
    }
    if (id === ID_PARSED) {
      return json(res, 200, {
        adresse: {
          id_lokalid: ID_PARSED,
          adressebetegnelse: "Nordre Frihavnsgade 21B, st., 2100 København Ø",
          etagebetegnelse: "st",
          doerbetegnelse: "",
          husnummer: { postnummer: { postnr: 2100, navn: "København Ø" } },
        },
      });
    }
    if (id === ID_BROKEN) return json(res, 200, { adresse: { id_lokalid: ID_BROKEN, adressebetegnelse: "Et sted", husnummer: {} } });
    if (id === ID_DOWN) {
      res.writeHead(503).end("Service Unavailable");
      return;
    }
    return json(res, 404, { status: 404, beskrivelse: "Ikke fundet" });
  }
  json(res, 404, { status: 404 });
}

function provider(opts: { token?: string; timeoutMs?: number } = {}): AdressevaelgerProvider {
  return new AdressevaelgerProvider({ baseUrl: base, token: opts.token ?? TOKEN, timeoutMs: opts.timeoutMs ?? 2000 });
}

/** Expects an AddressLookupError with `code` whose message and detail leak neither URL nor token nor the service's text. */
async function expectLookupError(p: Promise<unknown>, code: string): Promise<AddressLookupError> {
  const err = await p.then(
    () => {
      throw new Error("expected an AddressLookupError");
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AddressLookupError);
  const e = err as AddressLookupError;
  expect(e.code).toBe(code);
  for (const text of [e.message, e.detail, String(e.stack)]) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain("127.0.0.1");
    expect(text).not.toMatch(/NullPointer|Vedligeholdelse|Ugyldig token/);
  }
  return e;
}

beforeAll(async () => {
  server = http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});

afterAll(async () => {
  for (const res of held) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
});

describe("Adressevælger: search", () => {
  it("sends the text, limit and token, and gives the address hits in the service's order", async () => {
    const hits = await provider().search("  Rentemestervej   8 ", { limit: 5 });
    expect(hits).toEqual([
      { id: ID_FOUND, text: "Rentemestervej 8, 2. tv, 2400 København NV" },
      { id: ID_PARSED, text: "Rentemestervej 8, 2. th, 2400 København NV" },
      { id: "22222222-2b52-32b8-e044-0003ba298018", text: "Rentemestervej 8, 3. tv, 2400 København NV" },
    ]);
    expect(seen).toEqual([{ path: "/api/adresser/soeg", query: { tekst: "Rentemestervej 8", maksimum: "5", token: TOKEN } }]);
  });

  it("cuts the hits at the limit", async () => {
    expect(await provider().search("Rentemestervej 8", { limit: 1 })).toEqual([{ id: ID_FOUND, text: "Rentemestervej 8, 2. tv, 2400 København NV" }]);
  });

  it("sends Danish letters and the postal code filter correctly encoded", async () => {
    const hits = await provider().search("Åboulevarden", { postalCode: "8000" });
    expect(hits).toEqual([{ id: ID_FOUND, text: "Åboulevarden 12, 1. tv, 8000 Aarhus C" }]);
    expect(seen[0]?.query).toEqual({ tekst: "Åboulevarden", maksimum: "10", postnummer: "8000", token: TOKEN });
  });

  it("gives [] for an empty result", async () => {
    expect(await provider().search("ingenting")).toEqual([]);
  });

  it("asks nothing for blank text", async () => {
    expect(await provider().search("   ")).toEqual([]);
    expect(seen).toEqual([]);
  });

  it.each<[string, string, string]>([
    ["malformed JSON", "ugyldig", "invalid JSON"],
    ["an HTML page", "html", "invalid JSON"],
    ["a wrong shape", "skema", "search: fund: invalid_type"],
    ["HTTP 400", "ukendt", "HTTP 400"],
  ])("refuses %s as bad-response", async (_name, tekst, detail) => {
    const e = await expectLookupError(provider().search(tekst), "bad-response");
    expect(e.detail).toBe(detail);
  });

  it.each<[string, string, string]>([
    ["HTTP 500 (its text and our token never pass on)", "fejl", "HTTP 500"],
    ["HTTP 429", "travlt", "HTTP 429"],
    ["a redirect (never followed with the token)", "omdirigering", "network error"],
  ])("reports %s as unavailable", async (_name, tekst, detail) => {
    const e = await expectLookupError(provider().search(tekst), "unavailable");
    expect(e.detail).toBe(detail);
  });

  it("reports a refused token as unavailable", async () => {
    const e = await expectLookupError(provider({ token: "wrong-token" }).search("Rentemestervej 8"), "unavailable");
    expect(e.detail).toBe("HTTP 401");
  });

  it("gives up after the timeout", async () => {
    const started = Date.now();
    const e = await expectLookupError(provider({ timeoutMs: 300 }).search("langsom"), "timeout");
    expect(e.detail).toBe("no answer within 300 ms");
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(5000);
  });

  it("stops when the caller cancels", async () => {
    const ctrl = new AbortController();
    const p = provider({ timeoutMs: 5000 }).search("langsom", { signal: ctrl.signal });
    ctrl.abort();
    const e = await expectLookupError(p, "unavailable");
    expect(e.detail).toBe("cancelled by the caller");
  });

  it("reports a server that is not there as unavailable", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const p = new AdressevaelgerProvider({ baseUrl: `http://127.0.0.1:${port}`, token: TOKEN, timeoutMs: 2000 });
    await expectLookupError(p.search("Rentemestervej 8"), "unavailable");
  });
});

describe("Adressevælger: details", () => {
  it("gives the address from the structured fields", async () => {
    expect(await provider().get(ID_FOUND)).toEqual({
      id: ID_FOUND,
      street: "Rentemestervej",
      houseNumber: "8",
      floor: "2",
      door: "tv",
      postalCode: "2400",
      town: "København NV",
      text: "Rentemestervej 8, 2. tv, 2400 København NV",
    });
    expect(seen).toEqual([{ path: `/api/adresser/${ID_FOUND}`, query: { token: TOKEN } }]);
  });

  it("reads street and house number from the address text when the fields are absent", async () => {
    expect(await provider().get(ID_PARSED)).toEqual({
      id: ID_PARSED,
      street: "Nordre Frihavnsgade",
      houseNumber: "21B",
      floor: "st",
      door: null,
      postalCode: "2100",
      town: "København Ø",
      text: "Nordre Frihavnsgade 21B, st., 2100 København Ø",
    });
  });

  it("gives null for an unknown id (404)", async () => {
    expect(await provider().get(ID_UNKNOWN)).toBeNull();
  });

  it("gives null for an id that is not a UUID, without asking", async () => {
    expect(await provider().get("../soeg?tekst=x")).toBeNull();
    expect(await provider().get("")).toBeNull();
    expect(seen).toEqual([]);
  });

  it("refuses a malformed address as bad-response", async () => {
    const e = await expectLookupError(provider().get(ID_BROKEN), "bad-response");
    expect(e.detail).toMatch(/^details: adresse\.husnummer\.postnummer: invalid_type/);
  });

  it("reports HTTP 503 as unavailable", async () => {
    await expectLookupError(provider().get(ID_DOWN), "unavailable");
  });
});
