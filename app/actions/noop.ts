"use server";

import { z } from "zod";
import { defineAction } from "@/lib/http/wrappers";

/**
 * Does nothing: the baseline of `npm run bench:wizard` (bench/wizard.ts) for a server action's
 * round trip (a wizard step's save is measured against it). Harmless by construction — public
 * kind, no input, no data read or written, nothing returned — and rate-limited per client address
 * like any other public action.
 */
export const noop = defineAction({ kind: "public", name: "noop", input: z.undefined(), rateLimit: "noopActionPerIp" }, async () => undefined);
