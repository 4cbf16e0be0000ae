"use server";
/**
 * The wizard's server actions. Every page is a plain form posting here (it works without
 * JavaScript): success redirects to the next page, a refusal stores the form in the flash cookie
 * (lib/http/form-flash.ts) and redirects back to the same page, which shows the errors.
 */
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/http/wrappers";
import { NotFound } from "@/lib/http/errors";
import { clearFormFlash, setFormFlash } from "@/lib/http/form-flash";
import { discardNotice, startNotice } from "@/lib/notice";
import { StaleDraft } from "@/lib/notice/errors";
import { saveWizardPage } from "@/lib/notice/wizard";
import { firstMissingPage, nextPage, pageBySlug, SIGN_SLUG } from "@/lib/notice/wizard-steps";
import { wizardPath } from "@/lib/notice/paths";

const values = z.record(z.string(), z.string().max(2000));

export const saveWizardPageAction = defineAction(
  {
    kind: "tenant",
    name: "saveWizardPage",
    input: z.looseObject({ noticeId: z.uuid(), slug: z.string().max(40), version: z.coerce.number().int().min(0).max(1_000_000), returnTo: z.enum(["check"]).optional() }),
  },
  async (ctx, input) => {
    const page = pageBySlug(input.slug);
    if (!page) throw new NotFound("step");
    const form = values.parse(Object.fromEntries(Object.entries(input).filter(([, v]) => typeof v === "string")));
    const back = wizardPath(ctx.org.slug, input.noticeId, input.slug, input.returnTo === "check" ? { fra: "tjek" } : {});
    let r;
    try {
      r = await saveWizardPage({ db: ctx.db, personId: ctx.session.uid, noticeId: input.noticeId, slug: input.slug, values: form, expectedVersion: input.version, organisationSettings: ctx.org.settings, actor: ctx.actor, meta: ctx.meta });
    } catch (e) {
      if (e instanceof StaleDraft) {
        await setFormFlash({ form: `${input.noticeId}/${input.slug}`, values: form, errors: {}, stale: true });
        redirect(back);
      }
      throw e;
    }
    if (!r) throw new NotFound("notice");
    if (!r.ok) {
      await setFormFlash({ form: `${input.noticeId}/${input.slug}`, values: form, errors: r.fieldErrors });
      redirect(back);
    }
    await clearFormFlash();
    const facts = r.facts;
    if (input.slug === "tjek-svar") redirect(wizardPath(ctx.org.slug, input.noticeId, SIGN_SLUG));
    if (input.returnTo === "check") {
      const missing = firstMissingPage(facts, r.draft.answers);
      redirect(missing ? wizardPath(ctx.org.slug, input.noticeId, missing.slug, { fra: "tjek" }) : wizardPath(ctx.org.slug, input.noticeId, "tjek-svar"));
    }
    const next = nextPage(facts, input.slug);
    redirect(wizardPath(ctx.org.slug, input.noticeId, next ? next.slug : SIGN_SLUG));
  },
);

/**
 * The wizard form's action: the wrapper's refusals (signed out, rate limited, bad input) come back
 * as a result, which a plain form cannot show — so they go to the flash cookie as a message for the
 * error summary, and the page shows them.
 */
export async function submitWizardPage(formData: FormData): Promise<void> {
  const r = await saveWizardPageAction(formData);
  if (r.ok) return;
  const organisation = String(formData.get("organisation") ?? "");
  const noticeId = String(formData.get("noticeId") ?? "");
  const slug = String(formData.get("slug") ?? "");
  if (!/^[a-z0-9-]{1,60}$/.test(organisation) || !z.uuid().safeParse(noticeId).success || !pageBySlug(slug)) redirect("/");
  if (r.status === 401) redirect(`/${organisation}/beboer/login?callbackUrl=${encodeURIComponent(wizardPath(organisation, noticeId, slug))}`);
  await setFormFlash({ form: `${noticeId}/${slug}`, values: r.values ?? {}, errors: {}, message: r.message });
  redirect(wizardPath(organisation, noticeId, slug));
}

export async function submitStartNotice(formData: FormData): Promise<void> {
  const r = await startNoticeAction(formData);
  if (!r.ok) redirect(`/${String(formData.get("organisation") ?? "")}/beboer/selvbetjening/opsigelse?fejl=${r.status}`);
}

export async function submitDiscardNotice(formData: FormData): Promise<void> {
  const r = await discardNoticeAction(formData);
  if (!r.ok) redirect(`/${String(formData.get("organisation") ?? "")}/beboer/selvbetjening/opsigelse?fejl=${r.status}`);
}

export const startNoticeAction = defineAction({ kind: "tenant", name: "startNotice", input: z.object({ lejerId: z.uuid() }) }, async (ctx, input) => {
  const r = await startNotice({ db: ctx.db, personId: ctx.session.uid, lejerId: input.lejerId, actor: ctx.actor, meta: ctx.meta });
  if ("draft" in r) redirect(wizardPath(ctx.org.slug, r.draft.id, "generelt"));
  redirect(`/${ctx.org.slug}/beboer/selvbetjening/opsigelse/start?lejer=${input.lejerId}`);
});

export const discardNoticeAction = defineAction(
  { kind: "tenant", name: "discardNotice", input: z.object({ noticeId: z.uuid(), lejerId: z.uuid(), version: z.coerce.number().int().min(0).max(1_000_000) }) },
  async (ctx, input) => {
    try {
      await discardNotice({ db: ctx.db, personId: ctx.session.uid, noticeId: input.noticeId, expectedVersion: input.version, actor: ctx.actor, meta: ctx.meta });
    } catch (e) {
      if (!(e instanceof StaleDraft)) throw e;
      redirect(`/${ctx.org.slug}/beboer/selvbetjening/opsigelse/start?lejer=${input.lejerId}&aendret=1`);
    }
    redirect(`/${ctx.org.slug}/beboer/selvbetjening/opsigelse/start?lejer=${input.lejerId}&slettet=1`);
  },
);
