/**
 * A server action's domain refusal as a field error. The request wrapper (lib/http/wrappers.ts)
 * answers bad input itself; a rule the service checks against stored data (an e-mail already
 * taken, the last "Manage users" user …) comes back from the handler as a Refusal, and `settle`
 * turns it into the same `{ ok: false, fieldErrors }` result in the user's language, so the form
 * shows it beside its field — with or without JavaScript (useActionState).
 */
import "server-only";
import { cookies } from "next/headers";
import type { ActionResult } from "@/lib/http/wrappers";
import { translator } from "@/lib/http/messages";

export type Refusal = { refused: { field: string; key: string; values?: Record<string, string | number> } };

/** A refusal naming the form field ("" = the form as a whole) and the catalogue key of its message. */
export function refuse(field: string, key: string, values?: Record<string, string | number>): Refusal {
  return { refused: { field, key, ...(values ? { values } : {}) } };
}

function isRefusal(x: unknown): x is Refusal {
  return typeof x === "object" && x !== null && "refused" in x;
}

async function locale(): Promise<string | undefined> {
  try {
    return (await cookies()).get("NEXT_LOCALE")?.value;
  } catch {
    return undefined;
  }
}

const SECRET = /pass|secret|code|token|cpr|confirm/i;

/** The action's result with a Refusal turned into a 422 field error (and the form's values echoed, never secrets). */
export async function settle<T>(r: ActionResult<T | Refusal>, raw?: unknown): Promise<ActionResult<Exclude<T, Refusal>>> {
  if (!r.ok || !isRefusal(r.data)) return r as ActionResult<Exclude<T, Refusal>>;
  const t = translator(await locale());
  const { field, key, values } = r.data.refused;
  const message = t(key, values);
  const echoed: Record<string, string> = {};
  if (raw instanceof FormData) for (const [k, v] of raw.entries()) if (typeof v === "string" && !k.startsWith("$ACTION") && !SECRET.test(k)) echoed[k] = v.slice(0, 2000);
  return { ok: false, error: "rule", status: 422, message, fieldErrors: { [field]: [message] }, ...(raw instanceof FormData ? { values: echoed } : {}) };
}
