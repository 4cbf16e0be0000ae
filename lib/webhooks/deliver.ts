/**
 * The `deliver-webhook` job: POSTs one WebhookDelivery's payload to its endpoint, signed
 * (lib/webhooks/signature.ts, the worker's clock as timestamp), and logs the attempt
 * (WebhookAttempt: request headers and body, response status and the first RESPONSE_CAP bytes of
 * its body, or the error, and the duration). A 2xx answer marks the delivery delivered; anything
 * else throws, so the worker retries with backoff (lib/jobs backoffMs) until maxAttempts, when the
 * delivery is marked failed. Before every attempt the URL is checked again (lib/webhooks/url.ts:
 * a name may resolve to a private address by now); redirects are not followed (a 3xx is a failed
 * attempt), and the request is given up after REQUEST_TIMEOUT_MS.
 *
 * An endpoint switched off, or a URL refused, ends the delivery as failed at once (no retry).
 */
import "server-only";
import { z } from "zod";
import { defineJob, PermanentJobError, type JobContext } from "@/lib/jobs/define";
import { loopbackAllowed } from "@/lib/admin/discovery";
import { signatureHeader, SIGNATURE_HEADER } from "./signature";
import { signingSecrets } from "./endpoints";
import { checkWebhookUrl } from "./url";

export const REQUEST_TIMEOUT_MS = 10_000;
export const RESPONSE_CAP = 4096;
export const WEBHOOK_MAX_ATTEMPTS = 8;
export const USER_AGENT = "Fraflyt-Webhooks/1";

/** The first `cap` bytes of a body as text (the rest is not read), and whether it was cut. */
async function readTruncated(stream: ReadableStream<Uint8Array> | null, cap: number): Promise<string> {
  if (!stream) return "";
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let cut = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = cap - size;
    if (value.byteLength > room) {
      chunks.push(value.subarray(0, room));
      cut = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return Buffer.concat(chunks).toString("utf8") + (cut ? "…" : "");
}

const errorText = (e: unknown) => {
  const name = (e as { name?: string } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError") return `timeout after ${REQUEST_TIMEOUT_MS} ms`;
  const cause = (e as { cause?: { code?: string } } | null)?.cause?.code;
  return `network error${cause ? ` (${cause})` : ""}`;
};

export async function deliverOnce(deliveryId: string, ctx: Pick<JobContext, "db" | "now" | "job">, opts: { fetch?: typeof fetch; allowLoopback?: boolean } = {}): Promise<void> {
  const { db, now } = ctx;
  const d = await db.webhookDelivery.findFirst({
    where: { id: deliveryId },
    select: { id: true, event: true, payload: true, status: true, endpoint: { select: { id: true, url: true, active: true, secretEnc: true, previousSecretEnc: true, previousSecretExpiresAt: true } } },
  });
  if (!d) throw new PermanentJobError(`webhook delivery ${deliveryId} not found`);
  if (d.status === "delivered") return;
  const ep = d.endpoint;
  const body = JSON.stringify(d.payload);
  const timestamp = Math.floor(now.getTime() / 1000);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": USER_AGENT,
    "fraflyt-event": d.event,
    "fraflyt-delivery": d.id,
    [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(timestamp, body, signingSecrets(ep, now)),
  };
  const last = ctx.job.attempt >= ctx.job.maxAttempts;

  const log = async (r: { responseStatus?: number | null; responseBody?: string | null; error?: string | null; durationMs: number }, outcome: "delivered" | "failed" | "pending") => {
    await db.$transaction(async (tx) => {
      const row = await tx.webhookDelivery.update({
        where: { id: d.id },
        data: { attempts: { increment: 1 }, status: outcome, lastStatus: r.responseStatus ?? null, ...(outcome === "delivered" ? { deliveredAt: now } : {}) },
        select: { attempts: true },
      });
      await tx.webhookAttempt.create({
        data: {
          organisationId: tx.organisationId,
          deliveryId: d.id,
          number: row.attempts,
          at: now,
          url: ep.url,
          requestHeaders: headers,
          requestBody: body,
          responseStatus: r.responseStatus ?? null,
          responseBody: r.responseBody ?? null,
          error: r.error ?? null,
          durationMs: Math.max(0, Math.round(r.durationMs)),
        },
      });
    });
  };

  if (!ep.active) {
    await log({ error: "endpoint switched off", durationMs: 0 }, "failed");
    throw new PermanentJobError("webhook endpoint switched off");
  }
  const allowLoopback = opts.allowLoopback ?? loopbackAllowed();
  const checked = await checkWebhookUrl(ep.url, { allowLoopback });
  if (!checked.ok) {
    await log({ error: `URL refused: ${checked.reason}`, durationMs: 0 }, "failed");
    throw new PermanentJobError(`webhook URL refused: ${checked.reason}`);
  }

  const started = performance.now();
  let status: number | null = null;
  let responseBody: string | null = null;
  let error: string | null = null;
  try {
    const res = await (opts.fetch ?? fetch)(checked.url.href, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    status = res.status;
    try {
      responseBody = await readTruncated(res.body, RESPONSE_CAP);
    } catch (e) {
      error = `reading the answer: ${errorText(e)}`;
    }
    if (status >= 300 && status < 400) error = `redirect not followed (${status})`;
  } catch (e) {
    error = errorText(e);
  }
  const durationMs = performance.now() - started;
  const ok = status !== null && status >= 200 && status < 300 && error === null;
  await log({ responseStatus: status, responseBody, error, durationMs }, ok ? "delivered" : last ? "failed" : "pending");
  if (!ok) throw new Error(error ?? `answered ${status}`);
}

export const deliverWebhookJob = defineJob({
  name: "deliver-webhook",
  version: 1,
  payload: z.object({ deliveryId: z.uuid() }).strict(),
  maxAttempts: WEBHOOK_MAX_ATTEMPTS,
  timeoutMs: 30_000,
  async run({ deliveryId }, ctx) {
    await deliverOnce(deliveryId, ctx);
  },
});
