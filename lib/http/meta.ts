import { headers } from "next/headers";
import type { RequestMeta } from "@/lib/audit/events";

/** IP and user agent of the current request, for the audit log; empty outside a request. */
export async function requestMeta(): Promise<RequestMeta> {
  try {
    const h = await headers();
    return { ip: h.get("x-forwarded-for")?.split(",")[0]?.trim() ?? h.get("x-real-ip"), userAgent: h.get("user-agent") };
  } catch {
    return {}; // outside a request (scripts, tests)
  }
}
