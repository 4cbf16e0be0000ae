/**
 * An event happened (a notice submitted or cancelled, a to-do completed): inside the event's own
 * transaction, one WebhookDelivery per active endpoint subscribed to it and one durable
 * `deliver-webhook` job for each (lib/jobs enqueue). If the transaction rolls back, neither exists;
 * a validate-only run never gets here (the services return before).
 */
import "server-only";
import type { OrgTx } from "@/lib/db/scoped";
import { enqueue } from "@/lib/jobs/enqueue";
import { toJsonValue } from "@/lib/json";
import type { WebhookEvent, WebhookEventData } from "./events";
import { deliverWebhookJob } from "./deliver";

export type WebhookPayload<E extends WebhookEvent = WebhookEvent> = { id: string; type: E; createdAt: string; data: WebhookEventData[E] };

export async function emitWebhookEvent<E extends WebhookEvent>(tx: OrgTx, event: E, data: WebhookEventData[E], opts: { now: Date }): Promise<{ deliveries: number }> {
  const endpoints = await tx.webhookEndpoint.findMany({ where: { active: true, events: { has: event } }, select: { id: true }, orderBy: { createdAt: "asc" } });
  for (const ep of endpoints) {
    const delivery = await tx.webhookDelivery.create({ data: { organisationId: tx.organisationId, endpointId: ep.id, event, payload: {} }, select: { id: true } });
    const payload: WebhookPayload<E> = { id: delivery.id, type: event, createdAt: opts.now.toISOString(), data };
    await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { payload: toJsonValue(payload) ?? {} } });
    await enqueue(tx, deliverWebhookJob, { deliveryId: delivery.id }, { key: `webhook:${delivery.id}` });
  }
  return { deliveries: endpoints.length };
}
