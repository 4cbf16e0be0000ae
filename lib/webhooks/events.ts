/**
 * The events an organisation's webhook endpoints can subscribe to, and the data each one carries
 * (ids and dates only: never names, CPR numbers, addresses or free text written by a tenant).
 */
export const WEBHOOK_EVENTS = ["notice.submitted", "notice.cancelled", "todo.completed"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export type WebhookEventData = {
  "notice.submitted": { noticeId: string; tenancyId: string; submittedAt: string; noticeDate: string; moveOutDate: string; terminationDate: string };
  "notice.cancelled": { noticeId: string; tenancyId: string; cancelledAt: string; previousStatus: string };
  "todo.completed": { todoId: string; kind: "CONFIRM_NOTICE" | "PROVIDE_TENANCY_DETAILS"; version: number; completedAt: string; completedBy: { type: string; id: string | null }; noticeId?: string | null; tenancyId?: string | null };
};

export function isWebhookEvent(v: unknown): v is WebhookEvent {
  return typeof v === "string" && (WEBHOOK_EVENTS as readonly string[]).includes(v);
}
