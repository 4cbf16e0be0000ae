/**
 * The deliveries of an endpoint and their attempts (the delivery page), and "send again": a new
 * `deliver-webhook` job for the same delivery (same id and payload, so a receiver can recognise
 * a repeat by Fraflyt-Delivery), audited.
 */
import "server-only";
import type { OrgDb, OrgTx } from "@/lib/db/scoped";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write";
import { enqueue } from "@/lib/jobs/enqueue";
import { deliverWebhookJob } from "./deliver";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type DeliveryRow = { id: string; endpointId: string; event: string; status: string; attempts: number; resends: number; lastStatus: number | null; deliveredAt: Date | null; createdAt: Date };
const DELIVERY_SELECT = { id: true, endpointId: true, event: true, status: true, attempts: true, resends: true, lastStatus: true, deliveredAt: true, createdAt: true } as const;

export async function listDeliveries(db: OrgDb | OrgTx, opts: { endpointId?: string; limit?: number } = {}): Promise<DeliveryRow[]> {
  if (opts.endpointId !== undefined && !UUID_RE.test(opts.endpointId)) return [];
  return db.webhookDelivery.findMany({
    where: opts.endpointId ? { endpointId: opts.endpointId } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(opts.limit ?? 50, 1), 200),
    select: DELIVERY_SELECT,
  });
}

export type AttemptRow = { id: string; number: number; at: Date; url: string; requestHeaders: Record<string, string>; requestBody: string; responseStatus: number | null; responseBody: string | null; error: string | null; durationMs: number };

export async function findDelivery(db: OrgDb | OrgTx, deliveryId: string): Promise<(DeliveryRow & { payload: unknown; endpointUrl: string; attemptLog: AttemptRow[] }) | null> {
  if (!UUID_RE.test(deliveryId)) return null;
  const d = await db.webhookDelivery.findFirst({
    where: { id: deliveryId },
    select: { ...DELIVERY_SELECT, payload: true, endpoint: { select: { url: true } }, attemptLog: { orderBy: { number: "asc" }, take: 100 } },
  });
  if (!d) return null;
  const { endpoint, attemptLog, ...rest } = d;
  return {
    ...rest,
    endpointUrl: endpoint.url,
    attemptLog: attemptLog.map((a) => ({ id: a.id, number: a.number, at: a.at, url: a.url, requestHeaders: (a.requestHeaders ?? {}) as Record<string, string>, requestBody: a.requestBody, responseStatus: a.responseStatus, responseBody: a.responseBody, error: a.error, durationMs: a.durationMs })),
  };
}

export type ResendResult = { kind: "resent"; deliveryId: string } | { kind: "not-found" } | { kind: "endpoint-inactive" } | { kind: "in-progress" };

export async function resendDelivery(db: OrgDb, { deliveryId, actor, now, meta }: { deliveryId: string; actor: Actor; now: Date; meta?: RequestMeta }): Promise<ResendResult> {
  if (!UUID_RE.test(deliveryId)) return { kind: "not-found" };
  return db.$transaction(async (tx) => {
    const d = await tx.webhookDelivery.findFirst({ where: { id: deliveryId }, select: { id: true, event: true, status: true, resends: true, endpointId: true, endpoint: { select: { active: true } } } });
    if (!d) return { kind: "not-found" } as const;
    if (!d.endpoint.active) return { kind: "endpoint-inactive" } as const;
    // A delivery still being tried is not doubled (its job retries by itself).
    const running = await tx.job.count({ where: { name: deliverWebhookJob.name, key: { startsWith: `webhook:${d.id}` }, status: { in: ["pending", "running"] } } });
    if (running > 0) return { kind: "in-progress" } as const;
    const { count } = await tx.webhookDelivery.updateMany({ where: { id: d.id, resends: d.resends }, data: { status: "pending", resends: { increment: 1 } } });
    if (count !== 1) return { kind: "in-progress" } as const;
    const resends = d.resends + 1;
    await enqueue(tx, deliverWebhookJob, { deliveryId: d.id }, { key: `webhook:${d.id}:resend-${resends}`, runAt: now });
    await writeAudit(tx, { type: "WEBHOOK_DELIVERY_RESENT", actor, entityType: "WebhookDelivery", entityId: d.id, after: { endpointId: d.endpointId, event: d.event, resends }, ...(meta ? { meta } : {}) });
    return { kind: "resent", deliveryId: d.id } as const;
  });
}
