import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { TenantPageShell, tenantSessionExpiresAt } from "@/components/TenantPageShell";
import { BackLink } from "@/components/dkfds/Navigation";
import { StepIndicator } from "@/components/dkfds/StepIndicator";
import { WizardForm } from "@/components/wizard/WizardForm";
import { WizardPageBody, type PageView } from "@/components/wizard/pages";
import { requirePageContext } from "@/lib/http/wrappers";
import { readFormFlash } from "@/lib/http/form-flash";
import { searchAddresses } from "@/lib/address";
import { allowedInspectionDates, checkMoveOutDate } from "@/lib/notice/dates";
import { draftDates, loadWizard } from "@/lib/notice/wizard";
import { wizardPath } from "@/lib/notice/paths";
import { firstMissingPage, indicatorSteps, mayShow, pageBySlug, previousPage, RECEIPT_SLUG, SIGN_SLUG } from "@/lib/notice/wizard-steps";
import { paths } from "@/lib/http/paths";
import { todayInDenmark } from "@/lib/time";

type Props = { params: Promise<{ organisation: string; noticeId: string; step: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata({ params }: Props) {
  const { step } = await params;
  const page = pageBySlug(step);
  const t = await getTranslations("notice.steps");
  return { title: page ? t(page.indicator) : undefined };
}

/** One page of the notice wizard (see lib/notice/wizard-steps.ts for the pages and their order). */
export default async function WizardStepPage({ params, searchParams }: Props) {
  const { organisation, noticeId, step } = await params;
  const query = await searchParams;
  const page = pageBySlug(step);
  const ctx = await requirePageContext(organisation, { kind: "tenant" }, wizardPath(organisation, noticeId, step));
  if (!page || !z.uuid().safeParse(noticeId).success) notFound();
  const w = await loadWizard(ctx.db, ctx.session.uid, noticeId, ctx.org.settings);
  if (!w) notFound();
  const slug = ctx.org.slug;
  if (w.draft.status === "SUBMITTED" || w.draft.status === "CONFIRMED") redirect(wizardPath(slug, noticeId, RECEIPT_SLUG));
  if (w.draft.status === "CANCELLED") redirect(paths.tenantHome(slug));
  if (w.draft.status === "AWAITING_SIGNATURES") redirect(wizardPath(slug, noticeId, SIGN_SLUG));
  if (page.step === "sub-leases" && !w.facts.hasSubLeases) redirect(wizardPath(slug, noticeId, "fraflytning"));
  if (!mayShow(w.facts, w.draft.answers, page.slug)) {
    const missing = firstMissingPage(w.facts, w.draft.answers);
    redirect(wizardPath(slug, noticeId, missing?.slug ?? "tjek-svar"));
  }

  const t = await getTranslations();
  const locale = (await getLocale()) === "en" ? "en" : "da";
  const today = todayInDenmark();
  const flash = await readFormFlash(`${noticeId}/${page.slug}`);
  const values = flash?.values ?? null;
  const errorKeys = flash?.errors ?? {};
  const returnTo = one(query.fra) === "tjek" ? ("check" as const) : undefined;

  // The page's own data, computed by lib (never in a component).
  const moveOut = w.draft.answers["move-out"];
  const dates = draftDates(w, today);
  const inspection = page.slug === "flyttesyn" && moveOut ? allowedInspectionDates({ today, moveOut: moveOut.moveOutDate, settings: w.settings }) : null;
  const moveOutInfo = page.slug === "flyttesyn" && moveOut ? checkMoveOutDate({ today, moveOut: moveOut.moveOutDate, settings: w.settings }) : null;
  const addressQueries = [0, 1].map((i) => one(query[`a${i}AddressQuery`])?.trim() ?? "");
  const addressResults =
    page.slug === "ny-adresse"
      ? await Promise.all(addressQueries.map(async (q) => (q.length >= 2 ? await searchAddresses(q, { limit: 10 }) : null)))
      : [null, null];

  const view: PageView = {
    slug: page.slug,
    organisationName: ctx.org.name,
    organisation: slug,
    noticeId,
    locale,
    today,
    wizard: w,
    values,
    query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, one(v) ?? ""])),
    errors: errorKeys,
    dates,
    inspection,
    moveOutInfo,
    addressResults: addressResults.map((r) => (r === null ? null : r.ok ? { ok: true as const, suggestions: r.value } : { ok: false as const })),
    returnTo,
  };

  const tk = t as unknown as (key: string, values?: Record<string, string>) => string;
  const errorItems = [
    ...(flash?.message ? [{ text: flash.message }] : []),
    ...Object.entries(errorKeys).flatMap(([field, keys]) => keys.map((k) => ({ fieldId: anchorOf(field), text: tk(k, { organisation: ctx.org.name }) }))),
  ];
  const prev = previousPage(w.facts, page.slug);
  const backHref = returnTo ? wizardPath(slug, noticeId, "tjek-svar") : prev ? wizardPath(slug, noticeId, prev.slug) : `/${slug}/beboer/selvbetjening/opsigelse/start?lejer=${w.draft.lejerId}`;
  const steps = indicatorSteps(w.facts, w.draft.answers, page.indicator).map((s) => ({
    label: t(`notice.steps.${s.id}`),
    state: s.state,
    ...(s.slug && s.state !== "todo" ? { href: wizardPath(slug, noticeId, s.slug) } : {}),
  }));

  return (
    <TenantPageShell org={ctx.org} signedInName={ctx.actor.label} signOut session={{ expiresAt: tenantSessionExpiresAt(ctx.session), savedText: t("wizard.sessionSaved") }}>
      <div className="grid gap-8 lg:grid-cols-[18rem_1fr]">
        <div>
          <StepIndicator steps={steps} ariaLabel={t("wizard.stepIndicator")} />
        </div>
        <div>
          <BackLink href={backHref}>{t("wizard.back")}</BackLink>
          <WizardForm organisation={slug} noticeId={noticeId} slug={page.slug} version={w.draft.version} returnTo={returnTo} errors={errorItems} stale={flash?.stale === true} submitLabel={page.slug === "tjek-svar" ? t("wizard.check.toSign") : undefined}>
            <WizardPageBody view={view} />
          </WizardForm>
        </div>
      </div>
    </TenantPageShell>
  );
}

/** The element an error summary link goes to: radio groups and date fields have their first input's id. */
function anchorOf(field: string): string {
  const radios = new Set(["addCohabitant", "terminateAll", "reasonCodeId", "inspectionDate", "mode", "accountKind", "a0Kind", "a1Kind", "a0AddressId", "a1AddressId"]);
  if (field === "moveOutDay") return "moveOut-day";
  if (radios.has(field)) return `${field}-option1`;
  return field;
}
