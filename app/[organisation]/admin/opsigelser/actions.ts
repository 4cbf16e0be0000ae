"use server";
/**
 * The notices inbox's server actions: cancel a notice with a reason (lib/casework/cancel-notice.ts)
 * and retry a failed job of the notice (lib/jobs/retry.ts) — both notices.manage. Plain forms (work
 * without JavaScript) post to the submit… functions; every outcome redirects back to the notice's
 * page with a status in the query (?annulleret=1, ?fejl=…, ?job=…) that the page shows. The
 * …Action exports are the wrapped actions (permission, rate limit, organisation scope) that the
 * submit functions and the integration tests call.
 */
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, type ActionResult } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { cancelNotice, CANCEL_REASON_MAX } from "@/lib/casework/cancel-notice";
import { isNoticeJob } from "@/lib/casework/notice-detail";
import { retryJob } from "@/lib/jobs/retry";
import { publicBaseUrl } from "@/lib/jobs/notice-letter";

const uuid = z.string().trim().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const noticeHref = (slug: string, id: string) => adminHref(slug, "notices", id.toLowerCase());

export const cancelNoticeAction = defineAction(
  {
    kind: "staff",
    permission: "notices.manage",
    name: "cancelNotice",
    // The reason is checked by the handler, so an empty one comes back to the page as a message.
    input: z.object({ noticeId: uuid, version: z.coerce.number().int().min(0).max(2_147_483_647), reason: z.string().max(CANCEL_REASON_MAX * 2).optional().default("") }),
  },
  async (ctx, input) => {
    const back = noticeHref(ctx.org.slug, input.noticeId);
    const reason = input.reason.trim();
    if (!reason) redirect(`${back}?fejl=reason#annuller`);
    if (reason.length > CANCEL_REASON_MAX) redirect(`${back}?fejl=reason-long#annuller`);
    const r = await cancelNotice(ctx.db, { noticeId: input.noticeId, version: input.version, reason }, { actor: ctx.actor, meta: ctx.meta, now: new Date(), org: ctx.org, baseUrl: publicBaseUrl() });
    if (r.kind === "not-found") return r;
    redirect(r.kind === "cancelled" ? `${back}?annulleret=1` : `${back}?fejl=${r.kind}#annuller`);
  },
);

export const retryNoticeJobAction = defineAction(
  { kind: "staff", permission: "notices.manage", name: "retryNoticeJob", input: z.object({ noticeId: uuid, jobId: uuid }) },
  async (ctx, input) => {
    const back = noticeHref(ctx.org.slug, input.noticeId);
    if (!(await isNoticeJob(ctx.db, input.noticeId, input.jobId))) return { kind: "not-found" as const };
    const r = await retryJob(ctx.db, { jobId: input.jobId, actor: ctx.actor, now: new Date(), meta: ctx.meta });
    redirect(`${back}?job=${r.kind}#jobs`);
  },
);

/** A refusal by the wrapper (permission, rate limit, bad input) or a not-found: back to the page with its code. */
async function refused(r: ActionResult<unknown>, formData: FormData, anchor: string): Promise<void> {
  const slug = String(formData.get("organisation") ?? "");
  const id = String(formData.get("noticeId") ?? "");
  const code = r.ok ? "not-found" : r.error;
  if (!/^[a-z0-9-]{1,50}$/.test(slug)) redirect("/");
  const safeId = /^[0-9a-f-]{36}$/i.test(id) ? id : "";
  redirect(safeId ? `${noticeHref(slug, safeId)}?fejl=${encodeURIComponent(code)}#${anchor}` : adminHref(slug, "notices"));
}

export async function submitCancelNotice(formData: FormData): Promise<void> {
  await refused(await cancelNoticeAction(formData), formData, "annuller");
}

export async function submitRetryNoticeJob(formData: FormData): Promise<void> {
  await refused(await retryNoticeJobAction(formData), formData, "jobs");
}
