/**
 * Danish address look-up for the tenant wizard (step 7). Call `searchAddresses(text, { limit,
 * postalCode })` → suggestions `{ id, text }` and `findAddress(id)` → the address; both answer
 * `{ ok: false, code }` instead of throwing when the look-up fails (show `address.errors.<code>`
 * and let the tenant type the address). Underneath, `addressProvider()` gives the configured
 * AddressProvider, whose `search` and `get` throw only AddressLookupError. Which provider answers is
 * configuration:
 *   ADDRESS_PROVIDER   offline (default) | adressevaelger
 *   ADDRESS_API_URL    Adressevælger's base URL (default https://adressevaelger.dk)
 *   ADDRESS_API_TOKEN  the installation's Adressevælger token (required for adressevaelger)
 *   ADDRESS_API_TIMEOUT_MS  per request (default 4000)
 */
import "server-only";
import { z } from "zod";
import { AdressevaelgerProvider } from "./adressevaelger";
import { logger } from "@/lib/logger";
import { OfflineAddressProvider } from "./offline";
import { type AddressLookupErrorCode, type AddressProvider, type AddressSearchOptions, type AddressSuggestion, type DanishAddress, AddressLookupError } from "./types";

export { AddressLookupError, type AddressLookupErrorCode, type AddressProvider, type AddressSearchOptions, type AddressSuggestion, type DanishAddress } from "./types";
export { addressText } from "./format";
export { OfflineAddressProvider } from "./offline";
export { AdressevaelgerProvider, type AdressevaelgerConfig } from "./adressevaelger";

export const DEFAULT_ADRESSEVAELGER_URL = "https://adressevaelger.dk";

const EnvSchema = z.object({
  ADDRESS_PROVIDER: z.enum(["offline", "adressevaelger"]).default("offline"),
  ADDRESS_API_URL: z.url({ protocol: /^https?$/ }).default(DEFAULT_ADRESSEVAELGER_URL),
  ADDRESS_API_TOKEN: z.string().trim().optional(),
  ADDRESS_API_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(4000),
});

export type AddressConfig = { provider: "offline" } | { provider: "adressevaelger"; baseUrl: string; token: string; timeoutMs: number };

/**
 * Reads the address configuration from the environment. Throws an Error naming the variable for a
 * bad value (start-up checks it, so it never surfaces in a request); empty values count as unset.
 */
export function addressConfigFromEnv(env: Record<string, string | undefined> = process.env): AddressConfig {
  const pick = (k: string) => (env[k] === undefined || env[k]?.trim() === "" ? undefined : env[k]?.trim());
  const parsed = EnvSchema.safeParse({
    ADDRESS_PROVIDER: pick("ADDRESS_PROVIDER"),
    ADDRESS_API_URL: pick("ADDRESS_API_URL"),
    ADDRESS_API_TOKEN: pick("ADDRESS_API_TOKEN"),
    ADDRESS_API_TIMEOUT_MS: pick("ADDRESS_API_TIMEOUT_MS"),
  });
  if (!parsed.success) {
    const name = parsed.error.issues[0]?.path.join(".") ?? "ADDRESS_*";
    throw new Error(`Address look-up configuration: ${name} is not valid (ADDRESS_PROVIDER is offline or adressevaelger; ADDRESS_API_URL an http(s) URL; ADDRESS_API_TIMEOUT_MS 100–60000).`);
  }
  const e = parsed.data;
  if (e.ADDRESS_PROVIDER === "offline") return { provider: "offline" };
  if (!e.ADDRESS_API_TOKEN) throw new Error("Address look-up configuration: ADDRESS_PROVIDER=adressevaelger needs ADDRESS_API_TOKEN.");
  return { provider: "adressevaelger", baseUrl: e.ADDRESS_API_URL, token: e.ADDRESS_API_TOKEN, timeoutMs: e.ADDRESS_API_TIMEOUT_MS };
}

export function createAddressProvider(config: AddressConfig): AddressProvider {
  return config.provider === "offline" ? new OfflineAddressProvider() : new AdressevaelgerProvider(config);
}

let cached: { key: string; provider: AddressProvider } | null = null;

/** The configured provider (one per process; rebuilt if the configuration changed). */
export function addressProvider(env: Record<string, string | undefined> = process.env): AddressProvider {
  const config = addressConfigFromEnv(env);
  const key = JSON.stringify(config);
  if (cached?.key !== key) cached = { key, provider: createAddressProvider(config) };
  return cached.provider;
}

export type AddressResult<T> = { ok: true; value: T } | { ok: false; code: AddressLookupErrorCode };

async function settle<T>(provider: AddressProvider, what: string, run: () => Promise<T>): Promise<AddressResult<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    if (!(e instanceof AddressLookupError)) throw e;
    logger.warn({ provider: provider.name, code: e.code, detail: e.detail }, `address ${what} failed`);
    return { ok: false, code: e.code };
  }
}

/**
 * For the wizard's step 7 (the server action, and the JSON route behind the autocomplete): the
 * suggestions for what the tenant typed, or the error code to show (`address.errors.<code>`), with
 * the failure logged (provider, code and detail — never the URL or token).
 */
export function searchAddresses(text: string, opts?: AddressSearchOptions, provider: AddressProvider = addressProvider()): Promise<AddressResult<AddressSuggestion[]>> {
  return settle(provider, "search", () => provider.search(text, opts));
}

/** The address the tenant chose (by a suggestion's id): `value` null when there is no such address. */
export function findAddress(id: string, provider: AddressProvider = addressProvider()): Promise<AddressResult<DanishAddress | null>> {
  return settle(provider, "details", () => provider.get(id));
}
