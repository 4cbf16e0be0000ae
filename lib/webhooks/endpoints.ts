/**
 * An organisation's webhook endpoints (settings.manage staff, app/[organisation]/admin/webhooks):
 * register (the secret is returned once and stored encrypted), change URL / events / description /
 * active, rotate the secret (the new one returned once; the previous one keeps signing for
 * ROTATION_OVERLAP_MS so the receiver can switch). Every change in one transaction with its audit
 * row; the URL is checked by lib/webhooks/url.ts (no private or loopback targets outside local mode).
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { OrgDb, OrgTx } from "@/lib/db/scoped";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import type { MessageOverrides } from "@/lib/http/messages";
import { isWebhookEvent, WEBHOOK_EVENTS, type WebhookEvent } from "./events";
import { checkWebhookUrl, WEBHOOK_URL_MAX, type UrlCheckOptions, type WebhookUrlRefusal } from "./url";

export const WEBHOOK_SECRET_PREFIX = "whsec_";
/** How long the previous secret still signs after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60_000;
export const DESCRIPTION_MAX = 200;
/** At most this many active endpoints per organisation (switched-off ones keep their log and do not count). */
export const MAX_ENDPOINTS = 10;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function newWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** A form's events: one checkbox value or several; each must be a known event; at least one. */
const eventsField = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.string().max(40))
    .min(1)
    .max(WEBHOOK_EVENTS.length)
    .refine((list) => list.every(isWebhookEvent), { message: "unknown event" })
    .transform((list) => list.filter(isWebhookEvent)),
);
const on = (v: unknown) => v === "on" || v === "1" || v === "true" || v === true;
/** A checkbox: "on" (or a list holding it, as AdminForm's `name[]` checkboxes send) is true, anything else false. */
const checkbox = z.preprocess((v) => (Array.isArray(v) ? v.some(on) : on(v)), z.boolean());

export const endpointInputSchema = z.object({
  url: z.string().trim().min(1).max(WEBHOOK_URL_MAX),
  events: eventsField,
  description: z.string().trim().max(DESCRIPTION_MAX).optional().default(""),
});
export type EndpointInput = z.output<typeof endpointInputSchema>;

export const endpointUpdateSchema = endpointInputSchema.extend({
  endpointId: z.string().trim().max(100),
  version: z.coerce.number().int().min(0).max(2_147_483_647),
  active: checkbox.optional().default(false),
});
export type EndpointUpdate = z.output<typeof endpointUpdateSchema>;

/** The form messages (catalogue keys) for the wrapper's field errors. */
export const ENDPOINT_MESSAGES = {
  url: { required: "adminWebhooks.errors.urlRequired", tooLong: "adminWebhooks.errors.urlTooLong" },
  events: "adminWebhooks.errors.eventsRequired",
  description: "adminWebhooks.errors.descriptionTooLong",
  version: "adminWebhooks.errors.stale",
  active: "adminWebhooks.errors.stale",
} satisfies MessageOverrides;

export type EndpointRefusal = { kind: "url-refused"; reason: WebhookUrlRefusal } | { kind: "too-many" } | { kind: "not-found" } | { kind: "conflict" };

type Ctx = { actor: Actor; now: Date; meta?: RequestMeta; urlCheck?: UrlCheckOptions };

const sortEvents = (events: readonly WebhookEvent[]) => WEBHOOK_EVENTS.filter((e) => events.includes(e));

export async function createEndpoint(db: OrgDb, input: EndpointInput, ctx: Ctx): Promise<{ kind: "created"; endpointId: string; secret: string } | EndpointRefusal> {
  const checked = await checkWebhookUrl(input.url, ctx.urlCheck);
  if (!checked.ok) return { kind: "url-refused", reason: checked.reason };
  const secret = newWebhookSecret();
  const events = sortEvents(input.events);
  return db.$transaction(async (tx) => {
    if ((await tx.webhookEndpoint.count({ where: { active: true } })) >= MAX_ENDPOINTS) return { kind: "too-many" } as const;
    const ep = await tx.webhookEndpoint.create({
      data: { organisationId: tx.organisationId, url: checked.url.href, description: input.description || null, events, secretEnc: encryptSecret(secret), active: true },
      select: { id: true, url: true },
    });
    await writeAudit(tx, { type: "WEBHOOK_ENDPOINT_CREATED", actor: ctx.actor, entityType: "WebhookEndpoint", entityId: ep.id, after: { url: ep.url, events, active: true }, ...(ctx.meta ? { meta: ctx.meta } : {}) });
    return { kind: "created", endpointId: ep.id, secret } as const;
  });
}

export async function updateEndpoint(db: OrgDb, input: EndpointUpdate, ctx: Ctx): Promise<{ kind: "updated"; changed: boolean } | EndpointRefusal> {
  if (!UUID_RE.test(input.endpointId)) return { kind: "not-found" };
  const current = await db.webhookEndpoint.findFirst({ where: { id: input.endpointId }, select: { url: true } });
  if (!current) return { kind: "not-found" };
  const checked = await checkWebhookUrl(input.url, ctx.urlCheck);
  if (!checked.ok) return { kind: "url-refused", reason: checked.reason };
  const events = sortEvents(input.events);
  return db.$transaction(async (tx) => {
    const ep = await tx.webhookEndpoint.findFirst({ where: { id: input.endpointId }, select: { id: true, url: true, events: true, active: true, description: true, version: true } });
    if (!ep) return { kind: "not-found" } as const;
    if (ep.version !== input.version) return { kind: "conflict" } as const;
    const next = { url: checked.url.href, events, active: input.active, description: input.description || null };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (next.url !== ep.url) ((before.url = ep.url), (after.url = next.url));
    if (next.events.join(",") !== ep.events.join(",")) ((before.events = ep.events), (after.events = next.events));
    if (next.active !== ep.active) ((before.active = ep.active), (after.active = next.active));
    if (next.description !== ep.description) ((before.description = ep.description), (after.description = next.description));
    if (Object.keys(after).length === 0) return { kind: "updated", changed: false } as const;
    const { count } = await tx.webhookEndpoint.updateMany({ where: { id: ep.id, version: ep.version }, data: { ...next, version: { increment: 1 } } });
    if (count !== 1) return { kind: "conflict" } as const;
    await writeAudit(tx, { type: "WEBHOOK_ENDPOINT_UPDATED", actor: ctx.actor, entityType: "WebhookEndpoint", entityId: ep.id, before, after, ...(ctx.meta ? { meta: ctx.meta } : {}) });
    return { kind: "updated", changed: true } as const;
  });
}

/** A new secret (returned once); the current one becomes the previous one until now + ROTATION_OVERLAP_MS. */
export async function rotateSecret(db: OrgDb, input: { endpointId: string }, ctx: Ctx): Promise<{ kind: "rotated"; secret: string; previousValidUntil: Date } | { kind: "not-found" }> {
  if (!UUID_RE.test(input.endpointId)) return { kind: "not-found" };
  const secret = newWebhookSecret();
  const previousValidUntil = new Date(ctx.now.getTime() + ROTATION_OVERLAP_MS);
  return db.$transaction(async (tx) => {
    const ep = await tx.webhookEndpoint.findFirst({ where: { id: input.endpointId }, select: { id: true, secretEnc: true } });
    if (!ep) return { kind: "not-found" } as const;
    // Lock the row: two rotations at once must not both keep the same "previous".
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id: ep.id, secretEnc: ep.secretEnc },
      data: { secretEnc: encryptSecret(secret), previousSecretEnc: ep.secretEnc, previousSecretExpiresAt: previousValidUntil, secretRotatedAt: ctx.now, version: { increment: 1 } },
    });
    if (count !== 1) return { kind: "not-found" } as const;
    await writeAudit(tx, { type: "WEBHOOK_SECRET_ROTATED", actor: ctx.actor, entityType: "WebhookEndpoint", entityId: ep.id, after: { previousValidUntil: previousValidUntil.toISOString() }, ...(ctx.meta ? { meta: ctx.meta } : {}) });
    return { kind: "rotated", secret, previousValidUntil } as const;
  });
}

/** The secrets that sign a delivery at `now`: the current one, and the previous one during a rotation. */
export function signingSecrets(ep: { secretEnc: string; previousSecretEnc: string | null; previousSecretExpiresAt: Date | null }, now: Date): string[] {
  const out = [decryptSecret(ep.secretEnc)];
  if (ep.previousSecretEnc && ep.previousSecretExpiresAt && ep.previousSecretExpiresAt.getTime() > now.getTime()) out.push(decryptSecret(ep.previousSecretEnc));
  return out;
}

export type EndpointRow = { id: string; url: string; description: string | null; events: string[]; active: boolean; version: number; createdAt: Date; secretRotatedAt: Date | null; previousSecretExpiresAt: Date | null };

const ENDPOINT_SELECT = { id: true, url: true, description: true, events: true, active: true, version: true, createdAt: true, secretRotatedAt: true, previousSecretExpiresAt: true } as const;

export async function listEndpoints(db: OrgDb | OrgTx): Promise<EndpointRow[]> {
  return db.webhookEndpoint.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: ENDPOINT_SELECT });
}

export async function findEndpoint(db: OrgDb | OrgTx, endpointId: string): Promise<EndpointRow | null> {
  if (!UUID_RE.test(endpointId)) return null;
  return db.webhookEndpoint.findFirst({ where: { id: endpointId }, select: ENDPOINT_SELECT });
}
