/**
 * Updates (issue 13 §8, landlord-portal policy): the operator publishes changes that affect the
 * organisations' automation — a title, a text and the Danish calendar day they take effect — at
 * least UPDATE_NOTICE_DAYS (14) calendar days ahead: an effective day 13 days after the day of
 * publication (in Denmark) is refused, 14 days is accepted. The check is a pure function
 * (`checkEffectiveDate`) of the effective day and the instant of publication; the handler passes
 * the request's instant (lib/clock.ts requestNow). Organisations read every Update on their
 * "Opdateringer" tab, and automation reads them as a JSON feed (GET /api/v1/{organisation}/updates).
 */
import "server-only";
import { z } from "zod";
import type { OperatorContext } from "@/lib/http/context";
import { insertAutomationUpdate, listAutomationUpdates, platformClient, type AutomationUpdateRow } from "@/lib/db/platform";
import { checkEffectiveDate, UPDATE_NOTICE_DAYS } from "./update-dates";

export { checkEffectiveDate, UPDATE_NOTICE_DAYS };

export const TITLE_MAX = 200;
export const BODY_MAX = 10_000;

export const publishUpdateInput = z
  .object({
    title: z.string().trim().min(3).max(TITLE_MAX),
    body: z.string().trim().min(3).max(BODY_MAX),
    effectiveOn: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/),
  })
  .strict();
export type PublishUpdateInput = z.output<typeof publishUpdateInput>;

/** An Update as organisations and the feed see it. */
export type UpdateView = { id: string; title: string; body: string; effectiveOn: string; publishedAt: string };

export function toView(u: AutomationUpdateRow): UpdateView {
  return { id: u.id, title: u.title, body: u.body, effectiveOn: u.effectiveOn.toISOString().slice(0, 10), publishedAt: u.publishedAt.toISOString() };
}

export type PublishOutcome =
  | { kind: "published"; update: UpdateView }
  /** A catalogue key (operatorUpdates.errors.*) with its values, at the effectiveOn field. */
  | { kind: "refused"; field: "effectiveOn"; key: string; values: Record<string, string | number> };

/**
 * Publishes an Update at `now` (the request's instant). An effective day that is not a real day,
 * or is less than 14 Danish calendar days after the day of `now`, is refused (naming the earliest
 * day allowed); nothing is written then.
 */
export async function publishUpdate(ctx: OperatorContext, input: PublishUpdateInput, now: Date): Promise<PublishOutcome> {
  const check = checkEffectiveDate(input.effectiveOn, now);
  if (!check.ok) {
    return check.reason === "date"
      ? { kind: "refused", field: "effectiveOn", key: "operatorUpdates.errors.date", values: {} }
      : { kind: "refused", field: "effectiveOn", key: "operatorUpdates.errors.tooSoon", values: { days: UPDATE_NOTICE_DAYS, earliest: check.earliest } };
  }
  const row = await insertAutomationUpdate(
    platformClient(),
    { title: input.title, body: input.body, effectiveOn: new Date(`${input.effectiveOn}T00:00:00Z`), publishedAt: now, publishedById: ctx.operator.id, publishedByName: ctx.operator.name },
    (id) => ({ type: "AUTOMATION_UPDATE_PUBLISHED", actor: ctx.actor, entityType: "AutomationUpdate", entityId: id, after: { title: input.title, effectiveOn: input.effectiveOn, publishedAt: now.toISOString() }, meta: ctx.meta }),
  );
  return { kind: "published", update: toView(row) };
}

/** Every Update, newest first (the operator's list, the organisations' tab and the feed). */
export async function listUpdates(): Promise<UpdateView[]> {
  return (await listAutomationUpdates(platformClient())).map(toView);
}
