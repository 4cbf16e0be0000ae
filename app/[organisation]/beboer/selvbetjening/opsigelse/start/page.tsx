import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { TenantPageShell, tenantSessionExpiresAt } from "@/components/TenantPageShell";
import { Alert } from "@/components/dkfds/Alert";
import { BackLink, Button, ButtonLink } from "@/components/dkfds/Navigation";
import { requirePageContext } from "@/lib/http/wrappers";
import { paths } from "@/lib/http/paths";
import { activeNoticeForTenancy } from "@/lib/notice/wizard";
import { wizardPath } from "@/lib/notice/paths";
import { RECEIPT_SLUG, SIGN_SLUG } from "@/lib/notice/wizard-steps";
import { tenancyOverview } from "@/lib/tenancy/overview";
import { formatLongDate } from "@/lib/text/dates";
import { danishTime, todayInDenmark } from "@/lib/time";
import { submitDiscardNotice, submitStartNotice } from "../actions";

type Props = { params: Promise<{ organisation: string }>; searchParams: Promise<{ lejer?: string; slettet?: string; aendret?: string }> };

/** Step 1 of the wizard: start — or resume the notice in progress, or see why notice cannot be given online. */
export default async function NoticeStart({ params, searchParams }: Props) {
  const { organisation } = await params;
  const query = await searchParams;
  const lejer = z.uuid().safeParse(query.lejer);
  const ctx = await requirePageContext(organisation, { kind: "tenant" }, `/${organisation}/beboer/selvbetjening/opsigelse/start${lejer.success ? `?lejer=${lejer.data}` : ""}`);
  if (!lejer.success) notFound();
  const today = todayInDenmark();
  // Only a tenancy of the signed-in person (lib/tenancy/access.ts); anything else is a 404.
  const tenancy = await tenancyOverview(ctx.db, ctx.session.uid, lejer.data, today);
  if (!tenancy) notFound();
  const active = await activeNoticeForTenancy(ctx.db, ctx.session.uid, lejer.data);
  const t = await getTranslations("tenant");
  const tw = await getTranslations("wizard.start");
  const tt = await getTranslations("tile");
  const locale = await getLocale();
  const slug = ctx.org.slug;
  const startedAt = (d: Date) => `${formatLongDate(todayInDenmark(d), locale)} ${locale === "en" ? "at" : "kl."} ${danishTime(d)}`;

  return (
    <TenantPageShell org={ctx.org} signedInName={ctx.actor.label} signOut session={{ expiresAt: tenantSessionExpiresAt(ctx.session) }}>
      <BackLink href={paths.tenantHome(slug)}>{t("backToOverview")}</BackLink>
      <h1>{tw("title")}</h1>
      <p className="font-lead">
        <strong>
          {tenancy.address}, {tenancy.postalCity}
        </strong>
      </p>
      {query.slettet ? (
        <Alert variant="success" announce testId="discarded">
          <p>{tw("discarded")}</p>
        </Alert>
      ) : null}
      {active && (active.status === "SUBMITTED" || active.status === "CONFIRMED") ? (
        <Alert variant="info" testId="already-submitted">
          <p>{tw("submitted")}</p>
          <p>
            <a href={wizardPath(slug, active.id, RECEIPT_SLUG)}>{tw("seeReceipt")}</a>
          </p>
        </Alert>
      ) : active ? (
        <div data-testid="resume">
          <Alert variant="info" heading={tw("resumeHeading")} headingLevel={2}>
            <p>{active.startedBy ? tw("startedBy", { name: active.startedBy, date: startedAt(active.createdAt) }) : tw("startedUnknown", { date: startedAt(active.createdAt) })}</p>
            {active.status === "AWAITING_SIGNATURES" ? <p>{tw("awaiting")}</p> : null}
          </Alert>
          <p>
            <ButtonLink href={active.status === "AWAITING_SIGNATURES" ? wizardPath(slug, active.id, SIGN_SLUG) : wizardPath(slug, active.id, "generelt")} testId="resume-button">
              {tw("resume")}
            </ButtonLink>
          </p>
          {active.status === "DRAFT" ? (
            <form action={submitDiscardNotice} method="post" className="mt-6">
              <input type="hidden" name="organisation" value={slug} />
              <input type="hidden" name="noticeId" value={active.id} />
              <input type="hidden" name="lejerId" value={lejer.data} />
              <input type="hidden" name="version" value={String(active.version)} />
              <p className="form-hint">{tw("discardHint")}</p>
              <Button variant="secondary" data-testid="discard-button">
                {tw("discard")}
              </Button>
            </form>
          ) : null}
        </div>
      ) : tenancy.canStart ? (
        <>
          <p>{t("startInfo")}</p>
          <form action={submitStartNotice} method="post">
            <input type="hidden" name="organisation" value={slug} />
            <input type="hidden" name="lejerId" value={lejer.data} />
            <Button data-testid="start-button">{tw("startButton")}</Button>
          </form>
        </>
      ) : (
        <Alert variant="warning" heading={t("cannotHeading")} headingLevel={2} testId="cannot-start">
          <p>{tenancy.reasons.includes("stopped") ? tt("stoppedContact", { organisation: ctx.org.name }) : t("contact", { organisation: ctx.org.name })}</p>
        </Alert>
      )}
    </TenantPageShell>
  );
}
