import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { OfflineAddressProvider, addressConfigFromEnv, addressProvider, AddressLookupError, AdressevaelgerProvider, findAddress, searchAddresses, type AddressProvider } from "@/lib/address";
import { fold, words } from "@/lib/address/format";
import { parseAddressLines } from "@/lib/address/offline";

const provider = new OfflineAddressProvider();
const texts = async (q: string, opts?: Parameters<typeof provider.search>[1]) => (await provider.search(q, opts)).map((s) => s.text);

describe("the bundled addresses", () => {
  it("hold a few thousand addresses with unique, stable UUID ids", async () => {
    expect(provider.size).toBeGreaterThan(1000);
    const again = new OfflineAddressProvider();
    const [a] = await provider.search("Havnegade 3");
    const [b] = await again.search("Havnegade 3");
    expect(a?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b?.id).toBe(a?.id);
  });

  it.each<[string, string]>([
    ["2100", "København Ø"],
    ["8000", "Aarhus C"],
    ["5000", "Odense C"],
    ["9000", "Aalborg"],
    ["2200", "København N"],
    ["1620", "København V"],
    ["2000", "Frederiksberg"],
  ])("postal code %s is %s", async (postalCode, town) => {
    const hits = await provider.search(postalCode, { limit: 50 });
    expect(hits.length).toBeGreaterThanOrEqual(40);
    for (const h of hits) expect(h.text).toMatch(new RegExp(`, ${postalCode} ${town}$`));
  });

  it("contain every demo tenant's home (lib/demo/seed.ts) in 2150 Nordhavn", async () => {
    const seed = readFileSync(path.resolve(__dirname, "../../../lib/demo/seed.ts"), "utf8");
    const homes = [...seed.matchAll(/L\("([^"]+)"/g), ...seed.matchAll(/address1: "([^"]+)"/g)]
      .map((m) => m[1]!)
      .filter((a) => !/garage|depotrum|værelse/.test(a));
    expect(homes).toContain("Havnegade 1, 1. tv");
    expect(seed).toContain('postalCode: "2150"');
    for (const home of homes) {
      expect(await texts(home, { limit: 1 }), home).toEqual([`${home}, 2150 Nordhavn`]);
    }
  });

  it("refuse a malformed line", () => {
    expect(() => parseAddressLines("800|Aarhus C|Søndergade|1|-|-")).toThrow(/malformed/);
    expect(() => parseAddressLines("8000|Aarhus C|Søndergade|x|-|-")).toThrow(/house number/);
    expect(() => parseAddressLines("8000|Aarhus C|Søndergade|1,1|-|-")).toThrow(/twice/);
  });
});

describe("fold", () => {
  it.each<[string, string]>([
    ["Åboulevarden", "aboulevarden"],
    ["Aaboulevarden", "aboulevarden"],
    ["ÅBOULEVARDEN", "aboulevarden"],
    ["Østerbrogade", "osterbrogade"],
    ["Oesterbrogade", "osterbrogade"],
    ["Jægergårdsgade", "jaegergardsgade"],
    ["Jaegergaardsgade", "jaegergardsgade"],
    ["Blåga\u030ardsgade", "blagardsgade"], // decomposed å
    ["Café", "cafe"],
  ])("%s → %s", (text, expected) => {
    expect(fold(text)).toBe(expected);
  });

  it("cuts words at punctuation", () => {
    expect(words("Havnegade 1, 1. tv, 2150 Nordhavn")).toEqual(["havnegade", "1", "1", "tv", "2150", "nordhavn"]);
  });
});

describe("OfflineAddressProvider.search", () => {
  it.each<[string, string, string]>([
    ["a whole address, exactly", "Havnegade 1, 1. tv, 2150 Nordhavn", "Havnegade 1, 1. tv, 2150 Nordhavn"],
    ["a street prefix", "Åboul", "Åboulevarden 12, st. tv, 8000 Aarhus C"],
    ["without Danish letters (aa for å)", "aaboulevarden 28", "Åboulevarden 28, st. tv, 8000 Aarhus C"],
    ["without Danish letters (a for å)", "aboulevarden 45 2 th", "Åboulevarden 45, 2. th, 8000 Aarhus C"],
    ["lower case", "åboulevarden 70", "Åboulevarden 70, st. tv, 8000 Aarhus C"],
    ["ø as o", "osterbrogade 150 5 th", "Østerbrogade 150, 5. th, 2100 København Ø"],
    ["ø as oe", "oesterbrogade 56", "Østerbrogade 56, st. tv, 2100 København Ø"],
    ["æ as ae, å as aa", "jaegergaardsgade 84 3 tv", "Jægergårdsgade 84, 3. tv, 8000 Aarhus C"],
    ["words in any order", "tv 2 classensgade 11", "Classensgade 11, 2. tv, 2100 København Ø"],
    ["postal code and street", "5000 overgade", "Overgade 9, st. tv, 5000 Odense C"],
    ["town and street", "aalborg boulevarden 30", "Boulevarden 30, st. tv, 9000 Aalborg"],
    ["a two-word street by its second word", "frihavns 21", "Nordre Frihavnsgade 21, st. tv, 2100 København Ø"],
    ["a house without floors", "Italiensvej 28", "Italiensvej 28, 2300 København S"],
  ])("%s", async (_name, q, first) => {
    expect((await texts(q))[0]).toBe(first);
  });

  it("ranks the address as typed first, then a whole word before a beginning", async () => {
    // "Vestergade 5" is a whole house number in Copenhagen; Vestergade 45 and 80 in Odense only begin differently
    const hits = await texts("vestergade 5", { limit: 50 });
    expect(hits[0]).toBe("Vestergade 5, 1., 1456 København K");
    expect(hits.every((h) => h.startsWith("Vestergade 5,") || h.includes("5000 Odense C"))).toBe(true);
    // every typed word must match: "Vestergade 17, …, 5000 Odense C" matches "5" only through 5000
    expect(hits).toContain("Vestergade 17, st. tv, 5000 Odense C");
  });

  it("orders equal hits as the address reads: floor, then door tv, mf, th", async () => {
    expect(await texts("Istedgade 6 2")).toEqual(["Istedgade 6, 2. tv, 1650 København V", "Istedgade 6, 2. mf, 1650 København V", "Istedgade 6, 2. th, 1650 København V"]);
    const streets = await texts("Algade", { limit: 50 });
    // Danish alphabetical: the same street name in different towns, house numbers numerically
    expect(streets.slice(0, 2)).toEqual(["Algade 8, st. tv, 4000 Roskilde", "Algade 8, st. th, 4000 Roskilde"]);
  });

  it("needs every word to match", async () => {
    expect(await texts("Åboulevarden 13")).toEqual([]);
    expect(await texts("Østerbrogade 20 Aarhus")).toEqual([]);
    expect(await texts("xyz")).toEqual([]);
  });

  it("filters by postal code", async () => {
    const all = await texts("Søndergade", { limit: 50 });
    expect(all.some((t) => t.endsWith("7100 Vejle"))).toBe(true);
    expect(all.some((t) => t.endsWith("8000 Aarhus C"))).toBe(true);
    const aarhus = await texts("Søndergade", { limit: 50, postalCode: "8000" });
    expect(aarhus.length).toBeGreaterThan(0);
    expect(aarhus.every((t) => t.endsWith("8000 Aarhus C"))).toBe(true);
  });

  it("limits the suggestions (default 10, at most 50)", async () => {
    expect(await texts("st")).toHaveLength(10);
    expect(await texts("st", { limit: 3 })).toHaveLength(3);
    expect(await texts("st", { limit: 500 })).toHaveLength(50);
  });

  it.each<[string, unknown]>([
    ["blank", ""],
    ["white space", "  \t "],
    ["only punctuation", ", . -"],
    ["not text", 42],
  ])("gives nothing for %s", async (_name, q) => {
    expect(await provider.search(q as string)).toEqual([]);
  });

  it("cuts very long text instead of failing", async () => {
    expect(await texts(`Havnegade 1 ${"x".repeat(5000)}`)).toEqual([]);
    expect((await texts(`Havnegade 3${" ".repeat(5000)}`))[0]).toBe("Havnegade 3, st., 2150 Nordhavn");
  });

  it.each<[string, object]>([
    ["a limit of 0", { limit: 0 }],
    ["a fractional limit", { limit: 2.5 }],
    ["a postal code that is not 4 digits", { postalCode: "800" }],
  ])("refuses %s", async (_name, opts) => {
    await expect(provider.search("Havnegade", opts)).rejects.toMatchObject({ name: "AddressLookupError", code: "invalid-query" });
  });
});

describe("OfflineAddressProvider.get", () => {
  it("gives the whole address for a suggestion's id", async () => {
    const [hit] = await provider.search("Solbakken 10");
    expect(await provider.get(hit!.id)).toEqual({
      id: hit!.id,
      street: "Solbakken",
      houseNumber: "10",
      floor: "3",
      door: "mf",
      postalCode: "2150",
      town: "Nordhavn",
      text: "Solbakken 10, 3. mf, 2150 Nordhavn",
    });
    expect((await provider.get(hit!.id.toUpperCase()))?.id).toBe(hit!.id);
  });

  it("gives a house without floor and door as nulls", async () => {
    const [hit] = await provider.search("Ungbovej 4");
    expect(await provider.get(hit!.id)).toMatchObject({ street: "Ungbovej", houseNumber: "4", floor: null, door: null, text: "Ungbovej 4, 2150 Nordhavn" });
  });

  it.each<[string, unknown]>([
    ["an unknown UUID", "00000000-0000-8000-8000-000000000000"],
    ["not an id", "../etc/passwd"],
    ["not text", 7],
  ])("gives null for %s", async (_name, id) => {
    expect(await provider.get(id as string)).toBeNull();
  });
});

describe("configuration", () => {
  it("is offline by default", () => {
    expect(addressConfigFromEnv({})).toEqual({ provider: "offline" });
    expect(addressConfigFromEnv({ ADDRESS_PROVIDER: "" })).toEqual({ provider: "offline" });
    expect(addressProvider({}).name).toBe("offline");
  });

  it("chooses Adressevælger with its URL, token and timeout", () => {
    expect(addressConfigFromEnv({ ADDRESS_PROVIDER: "adressevaelger", ADDRESS_API_TOKEN: "t0k" })).toEqual({
      provider: "adressevaelger",
      baseUrl: "https://adressevaelger.dk",
      token: "t0k",
      timeoutMs: 4000,
    });
    const env = { ADDRESS_PROVIDER: "adressevaelger", ADDRESS_API_URL: "http://127.0.0.1:9/x/", ADDRESS_API_TOKEN: "t0k", ADDRESS_API_TIMEOUT_MS: "250" };
    expect(addressConfigFromEnv(env)).toMatchObject({ baseUrl: "http://127.0.0.1:9/x/", timeoutMs: 250 });
    expect(addressProvider(env)).toBeInstanceOf(AdressevaelgerProvider);
    expect(addressProvider(env)).toBe(addressProvider(env));
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ["an unknown provider", { ADDRESS_PROVIDER: "dawa" }, /ADDRESS_PROVIDER/],
    ["Adressevælger without a token", { ADDRESS_PROVIDER: "adressevaelger" }, /ADDRESS_API_TOKEN/],
    ["a URL that is not http(s)", { ADDRESS_PROVIDER: "adressevaelger", ADDRESS_API_TOKEN: "t", ADDRESS_API_URL: "ftp://x" }, /ADDRESS_API_URL/],
    ["a timeout that is not a number", { ADDRESS_PROVIDER: "adressevaelger", ADDRESS_API_TOKEN: "t", ADDRESS_API_TIMEOUT_MS: "soon" }, /ADDRESS_API_TIMEOUT_MS/],
  ])("refuses %s, naming the variable", (_name, env, message) => {
    expect(() => addressConfigFromEnv(env)).toThrow(message);
  });

  it("an AddressLookupError's message is fixed per code", () => {
    const e = new AddressLookupError("unavailable", "HTTP 503");
    expect(e.message).toBe("The address look-up is not available right now.");
    expect(e.detail).toBe("HTTP 503");
  });
});

describe("searchAddresses and findAddress (what the wizard calls)", () => {
  const failing = (error: Error): AddressProvider => ({
    name: "failing",
    search: async () => {
      throw error;
    },
    get: async () => {
      throw error;
    },
  });

  it("answer the provider's result", async () => {
    const found = await searchAddresses("Havnegade 3", { limit: 1 }, provider);
    expect(found).toEqual({ ok: true, value: [{ id: expect.any(String), text: "Havnegade 3, st., 2150 Nordhavn" }] });
    const id = found.ok ? found.value[0]!.id : "";
    expect(await findAddress(id, provider)).toMatchObject({ ok: true, value: { street: "Havnegade", houseNumber: "3" } });
    expect(await findAddress("00000000-0000-8000-8000-000000000000", provider)).toEqual({ ok: true, value: null });
  });

  it.each(["unavailable", "timeout", "bad-response", "invalid-query"] as const)("turn an AddressLookupError (%s) into its code", async (code) => {
    const p = failing(new AddressLookupError(code, "HTTP 503"));
    expect(await searchAddresses("x", undefined, p)).toEqual({ ok: false, code });
    expect(await findAddress("x", p)).toEqual({ ok: false, code });
  });

  it("let any other error through (a bug is not an outage)", async () => {
    await expect(searchAddresses("x", undefined, failing(new TypeError("bug")))).rejects.toThrow("bug");
  });
});
