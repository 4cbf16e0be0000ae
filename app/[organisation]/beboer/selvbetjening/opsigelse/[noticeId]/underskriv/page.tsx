import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { TenantPageShell, tenantSessionExpiresAt } from "@/components/TenantPageShell";
import { Alert } from "@/components/dkfds/Alert";
import { BackLink, Button, SummaryList } from "@/components/dkfds/Navigation";
import { requirePageContext } from "@/lib/http/wrappers";
import { StepIndicator } from "@/components/dkfds/StepIndicator";
import { indicatorSteps } from "@/lib/notice/wizard-steps";
import { wizardPath } from "@/lib/notice/paths";
import { loadSigningState } from "@/lib/notice/signing-content";
import { signingPaths } from "@/lib/notice/signing-oidc";
import { SIGNING_ERROR_CODES } from "@/lib/notice/signing-flow";
import { liveSigningLinks, maskEmail, maskMobile, slotContact } from "@/lib/notice/signing-link";
import { formatLongDate } from "@/lib/text/dates";
import { codeText } from "@/lib/text/localized";
import { danishTime, todayInDenmark } from "@/lib/time";

type Props = { params: Promise<{ organisation: string; noticeId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const errorCode = z.enum(SIGNING_ERROR_CODES);
const roleCode = z.enum(["tenant1", "tenant2", "cohabitant"]);

/** The last step of the wizard ("Underskriv"): the dates signed, who must sign, a MitID button per unsigned signer. */
export default async function SignNotice({ params, searchParams }: Props) {
  const { organisation, noticeId } = await params;
  const query = await searchParams;
  const ctx = await requirePageContext(organisation, { kind: "tenant" }, signingPaths.page(organisation, noticeId));
  if (!z.uuid().safeParse(noticeId).success) notFound();
  const now = new Date();
  // Only the tenant's own notice (lib/tenancy/access.ts inside loadSigningState); anything else is a 404.
  const state = await ctx.db
    .$transaction(async (tx) => {
      const s = await loadSigningState(tx, { personId: ctx.session.uid, noticeId, now, settings: ctx.org.settings });
      // The notice is the tenant's (loadSigningState read it through lib/tenancy/access.ts): its links' status.
      return { ...s, links: await liveSigningLinks(tx, s.notice.id, now) };
    })
    .catch((e: unknown) => {
      if (e instanceof Error && e.name === "NotFound") notFound();
      throw e;
    });
  if (state.notice.status === "SUBMITTED" || state.notice.status === "CONFIRMED") redirect(signingPaths.receipt(ctx.org.slug, noticeId));
  const t = await getTranslations("signing");
  const tl = await getTranslations("signLater");
  const linkSent = z.enum(["sent", "cancelled"]).safeParse(first(query.link));
  const linkError = z.enum(["not-signable", "incomplete", "no-slot", "already-signed", "own-slot", "no-contact", "no-link"]).safeParse(first(query.linkfejl));
  const linkRole = roleCode.safeParse(first(query.rolle));
  const tn = await getTranslations("notice");
  const locale = await getLocale();
  const date = (iso: string) => formatLongDate(iso, locale);
  const fejl = errorCode.safeParse(first(query.fejl));
  const signed = roleCode.safeParse(first(query.signeret));
  const me = ctx.session.uid;
  // The signed-in tenant first on this page (the content's order stays as step 3 saved it).
  const slots = [...state.slots].sort((a, b) => Number(b.personId === me) - Number(a.personId === me));
  const remaining = slots.filter((s) => !s.signature).length;
  const d = state.dates;

  // Sign later: send the co-signer a link instead (e-mail shown masked), its status, and cancel.
  function linkForms(slot: (typeof slots)[number]) {
    const contact = slotContact(state, slot);
    const to = contact.email ? maskEmail(contact.email) : contact.mobile ? maskMobile(contact.mobile) : null;
    const live = state.links.find((l) => l.role === slot.role);
    if (!to) return <p className="form-hint" data-testid={`link-nocontact-${slot.role}`}>{tl("noContact", { name: slot.name })}</p>;
    return (
      <div className="mt-3" data-testid={`link-${slot.role}`}>
        {live ? (
          <p data-testid="link-status">
            {tl("status", { sent: date(todayInDenmark(live.sentAt)), to: live.to, expires: date(todayInDenmark(live.expiresAt)) })}
          </p>
        ) : null}
        <form method="post" action={signingPaths.link(ctx.org.slug)}>
          <input type="hidden" name="noticeId" value={noticeId} />
          <input type="hidden" name="role" value={slot.role} />
          <input type="hidden" name="intent" value="send" />
          <Button type="submit" variant="secondary">
            {live ? tl("sendAgain", { name: slot.name }) : tl("sendLink", { name: slot.name })}
          </Button>
          <p className="form-hint">{tl("sendHint", { name: slot.name, to })}</p>
        </form>
        {live ? (
          <form method="post" action={signingPaths.link(ctx.org.slug)}>
            <input type="hidden" name="noticeId" value={noticeId} />
            <input type="hidden" name="role" value={slot.role} />
            <input type="hidden" name="intent" value="cancel" />
            <Button type="submit" variant="tertiary">
              {tl("cancel")}
            </Button>
          </form>
        ) : null}
      </div>
    );
  }

  // The DKFDS step indicator: this is its last step, "Underskriv" (the receipt is not a step).
  const tw = await getTranslations("wizard");
  const steps = indicatorSteps({ hasSubLeases: state.tenancy.subLeases.length > 0 }, state.notice.answers, "sign").map((s) => ({
    label: tn(`steps.${s.id}`),
    state: s.state,
    ...(s.slug && s.state !== "todo" ? { href: wizardPath(ctx.org.slug, noticeId, s.slug) } : {}),
  }));

  return (
    <TenantPageShell org={ctx.org} signedInName={ctx.actor.label} signOut session={{ expiresAt: tenantSessionExpiresAt(ctx.session) }}>
      <div className="grid gap-8 lg:grid-cols-[18rem_1fr]">
      <div>
        <StepIndicator steps={steps} ariaLabel={tw("stepIndicator")} />
      </div>
      <div>
      <BackLink href={`/${ctx.org.slug}/beboer/selvbetjening/opsigelse/${noticeId}/tjek-svar`}>{t("backToCheck")}</BackLink>
      <h1>{t("title")}</h1>
      {fejl.success ? (
        <Alert variant="error" heading={fejl.data === "resign" ? undefined : t("errorHeading")} testId="signing-error">
          {t(`errors.${fejl.data}`)}
        </Alert>
      ) : null}
      {signed.success && remaining > 0 ? (
        <Alert variant="success" announce testId="signing-saved">
          {t("signedOk", { remaining })}
        </Alert>
      ) : null}
      {linkSent.success ? (
        <Alert variant="success" announce testId="link-saved">
          {linkSent.data === "sent" ? tl("sent", { name: state.slots.find((s) => s.role === (linkRole.success ? linkRole.data : ""))?.name ?? "" }) : tl("cancelled")}
        </Alert>
      ) : null}
      {linkError.success ? (
        <Alert variant="error" heading={t("errorHeading")} testId="link-error">
          {tl(`errors.${linkError.data}`)}
        </Alert>
      ) : null}
      <p className="font-lead">{t("lead", { organisation: ctx.org.name })}</p>

      {state.incomplete ? (
        <Alert variant="warning" heading={t("incompleteHeading")} testId="signing-incomplete" blocks>
          <p>{t("incomplete", { step: tn(`steps.${state.incomplete.step}`) })}</p>
          <p>
            <a href={`/${ctx.org.slug}/beboer/selvbetjening/opsigelse/${noticeId}/tjek-svar`}>{t("incompleteLink", { step: tn("steps.check-answers") })}</a>
          </p>
        </Alert>
      ) : null}

      {d ? (
        <>
          <h2>{t("datesHeading")}</h2>
          <p>
            <strong data-testid="vacating-deadline">{t("vacatingDay", { date: date(d.vacatingDay) })}</strong>
          </p>
          <SummaryList
            testId="signing-dates"
            rows={[
              { key: "termination", label: t("terminationDate"), value: date(d.terminationDate) },
              { key: "vacating", label: t("vacating"), value: t("vacatingValue", { date: date(d.vacatingDay) }) },
              { key: "liability", label: t("liabilityLabel"), value: t("liabilityPeriod", { from: date(d.liabilityFrom), to: date(d.liabilityTo) }) },
              { key: "moveOut", label: t("moveOut"), value: date(d.moveOutDate) },
              ...(state.content ? [{ key: "inspection", label: t("inspection"), value: date(state.content.dates.inspectionDate) }] : []),
            ]}
          />
          {state.tenancy.noticeRule ? <p>{t("noticeRule", { rule: codeText(state.tenancy.noticeRule, locale).text })}</p> : null}
          <Alert variant="info" announce={false} testId="signing-deadline">
            {t("deadline", { date: date(d.latestNoticeDate), termination: date(d.terminationDate) })}
          </Alert>
        </>
      ) : null}

      <h2>{t("signersHeading")}</h2>
      <ul className="nobullet-list" data-testid="signers">
        {slots.map((s) => (
          <li key={s.role} data-testid={`signer-${s.role}`} className="mb-5">
            <strong>{s.name}</strong> ({t(`role.${s.role}`)}) –{" "}
            {s.signature ? (
              <span data-testid="signer-status">{t("signedAt", { date: date(todayInDenmark(s.signature.signedAt)), time: danishTime(s.signature.signedAt) })}</span>
            ) : (
              <span data-testid="signer-status">{t("notSigned")}</span>
            )}
            {!s.signature && !state.incomplete && state.contentHash ? (
              <form method="post" action={signingPaths.start(ctx.org.slug)} className="mt-3">
                <input type="hidden" name="noticeId" value={noticeId} />
                <input type="hidden" name="role" value={s.role} />
                <Button type="submit" variant={s.personId === me ? "primary" : "secondary"}>
                  {t("signAs", { name: s.name })}
                </Button>
                <p className="form-hint">{s.personId === me ? t("signAsHint") : t("otherSignerHint", { name: s.name })}</p>
              </form>
            ) : null}
            {!s.signature && !state.incomplete && state.contentHash && s.personId !== me ? linkForms(s) : null}
          </li>
        ))}
      </ul>
      {remaining === 0 && slots.length > 0 ? <p>{t("allSigned")}</p> : null}
      </div>
      </div>
    </TenantPageShell>
  );
}
