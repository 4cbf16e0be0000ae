import { z } from "zod";
import { defineRoute } from "@/lib/http/wrappers";
import { AddressLookupError, searchAddresses } from "@/lib/address";
import { ADDRESS_MAX_RESULTS, ADDRESS_MIN_CHARS, normaliseQuery } from "@/components/address-combobox";


const slug = z.string().min(1).max(50);

/**
 * GET /api/{organisation}/adresser?q=…(&max=) — address suggestions for the signed-in tenant's
 * step 7 (components/AddressAutocomplete.tsx): `[{ id, text }]`, at most 10, best first. Text
 * shorter than 2 characters (after trimming) gives []. When the provider cannot answer, 500
 * `{ error: "failed" }` (the client then lets the tenant type the address; the provider's failure
 * is logged by lib/address).
 */
export const GET = defineRoute(
  {
    kind: "tenant",
    name: "searchAddresses",
    path: "/api/{organisation}/adresser",
    summary: "Danish address suggestions for what the tenant typed (step 7 of the notice)",
    rateLimit: "addressSearchPerIp",
    params: z.object({ organisation: slug }),
    query: z
      .object({
        q: z.string().max(200),
        max: z.coerce.number().int().min(1).max(ADDRESS_MAX_RESULTS).optional(),
      })
      .strict(),
    response: z.array(z.object({ id: z.string(), text: z.string() }).strict()).max(ADDRESS_MAX_RESULTS),
  },
  async (_ctx, { query }, req) => {
    const q = normaliseQuery(query.q);
    if (q.length < ADDRESS_MIN_CHARS) return [];
    const r = await searchAddresses(q, { limit: query.max ?? ADDRESS_MAX_RESULTS, signal: req.signal });
    if (!r.ok) throw new AddressLookupError(r.code, "reported by searchAddresses");
    return r.value.slice(0, ADDRESS_MAX_RESULTS).map((s) => ({ id: s.id, text: s.text }));
  },
);
