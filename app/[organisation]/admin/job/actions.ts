"use server";
/**
 * The failed-jobs page's one action: retry a failed job (lib/jobs/retry.ts, audited JOB_RETRIED).
 * notices.manage only: read-only staff are refused; another organisation's staff get not-found (the
 * wrapper), and another organisation's job id is not-found too (the accessor). A plain form (works
 * without JavaScript): back to the list with ?provet=1 | ikke-fejlet | findes-ikke; a refusal of
 * the wrapper (rate limit, signed out) goes back with its message in the flash cookie.
 */
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/http/wrappers";
import { setFormFlash } from "@/lib/http/form-flash";
import { adminHref } from "@/lib/admin/nav";
import { retryJob } from "@/lib/jobs/retry";

export const retryJobAction = defineAction(
  { kind: "staff", permission: "notices.manage", name: "retryJob", input: z.object({ jobId: z.string().trim().max(100) }) },
  async (ctx, input) => {
    const r = await retryJob(ctx.db, { jobId: input.jobId, actor: ctx.actor, now: new Date(), meta: ctx.meta });
    const status = r.kind === "retried" ? "1" : r.kind === "not-failed" ? "ikke-fejlet" : "findes-ikke";
    redirect(`${adminHref(ctx.org.slug, "jobs")}?provet=${status}`);
  },
);

/** The form's target: runs the action; a refusal goes back to the list with its message. */
export async function submitRetryJob(formData: FormData): Promise<void> {
  const r = await retryJobAction(formData);
  if (r.ok) return;
  const slug = String(formData.get("organisation") ?? "");
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) redirect("/");
  const back = adminHref(slug, "jobs");
  if (r.status === 401) redirect(`/${slug}/admin/login?callbackUrl=${encodeURIComponent(back)}`);
  await setFormFlash({ form: "jobs", values: {}, errors: {}, message: r.message });
  redirect(`${back}?fejl=1`);
}
