/**
 * The wizard's pages: which step id each URL slug saves, their order, which apply to a tenancy,
 * and what the DKFDS step indicator (trinindikator) shows. Pure data: no I/O, no server-only (the
 * pages and the tests use it alike).
 *
 * URL: /{organisation}/beboer/selvbetjening/opsigelse/{noticeId}/{slug}. The move-out step has two
 * pages (the date, then the dates explained and the inspection wish), both saving "move-out"; the
 * signing page ("underskriv") and the receipt ("kvittering") are their own routes.
 */
import type { NoticeAnswers, StepId } from "./steps";

export type WizardPage = {
  slug: string;
  step: StepId;
  /** The indicator's entry this page belongs to. */
  indicator: IndicatorStep;
};

export type IndicatorStep = "general" | "you-and-lease" | "sub-leases" | "move-out" | "viewing" | "new-address" | "account" | "check-answers" | "sign";

export const WIZARD_PAGES: readonly WizardPage[] = [
  { slug: "generelt", step: "general", indicator: "general" },
  { slug: "dig-og-lejemaalet", step: "you-and-lease", indicator: "you-and-lease" },
  { slug: "bilejemaal", step: "sub-leases", indicator: "sub-leases" },
  { slug: "fraflytning", step: "move-out", indicator: "move-out" },
  { slug: "flyttesyn", step: "move-out", indicator: "move-out" },
  { slug: "fremvisning", step: "viewing", indicator: "viewing" },
  { slug: "ny-adresse", step: "new-address", indicator: "new-address" },
  { slug: "konto", step: "account", indicator: "account" },
  { slug: "tjek-svar", step: "check-answers", indicator: "check-answers" },
];

export const SIGN_SLUG = "underskriv";
export const RECEIPT_SLUG = "kvittering";

export type WizardFacts = {
  /** The tenancy's lease unit has active sub-leases (bilejemål): the sub-lease step applies. */
  hasSubLeases: boolean;
};

export function pageBySlug(slug: string): WizardPage | undefined {
  return WIZARD_PAGES.find((p) => p.slug === slug);
}

/** The pages that apply to this tenancy, in order. */
export function applicablePages(facts: WizardFacts): WizardPage[] {
  return WIZARD_PAGES.filter((p) => p.step !== "sub-leases" || facts.hasSubLeases);
}

/** Whether a page's answers are saved (the inspection page needs the inspection date, the date page the date). */
export function pageDone(page: WizardPage, answers: NoticeAnswers): boolean {
  if (page.slug === "flyttesyn") return typeof answers["move-out"]?.inspectionDate === "string";
  return answers[page.step] !== undefined;
}

/** The first page whose answers are missing (null: every page is done). */
export function firstMissingPage(facts: WizardFacts, answers: NoticeAnswers): WizardPage | null {
  return applicablePages(facts).find((p) => !pageDone(p, answers)) ?? null;
}

/** The page after `slug` (null after the last: the signing page). */
export function nextPage(facts: WizardFacts, slug: string): WizardPage | null {
  const pages = applicablePages(facts);
  const i = pages.findIndex((p) => p.slug === slug);
  return i >= 0 && i + 1 < pages.length ? (pages[i + 1] ?? null) : null;
}

/** The page before `slug` (null before the first). */
export function previousPage(facts: WizardFacts, slug: string): WizardPage | null {
  const pages = applicablePages(facts);
  const i = pages.findIndex((p) => p.slug === slug);
  return i > 0 ? (pages[i - 1] ?? null) : null;
}

/**
 * Whether a page may be shown: every page before it is done (a page further on by URL, before its
 * turn, is not: the tenant is sent to the first missing page instead).
 */
export function mayShow(facts: WizardFacts, answers: NoticeAnswers, slug: string): boolean {
  const pages = applicablePages(facts);
  const i = pages.findIndex((p) => p.slug === slug);
  if (i < 0) return false;
  return pages.slice(0, i).every((p) => pageDone(p, answers));
}

export type IndicatorEntry = { id: IndicatorStep; slug: string | null; state: "done" | "current" | "todo" };

/** The step indicator: one entry per step (the move-out pages are one), the last "Underskriv"; the receipt is not a step. */
export function indicatorSteps(facts: WizardFacts, answers: NoticeAnswers, current: IndicatorStep): IndicatorEntry[] {
  const pages = applicablePages(facts);
  const ids: IndicatorStep[] = [];
  for (const p of pages) if (!ids.includes(p.indicator)) ids.push(p.indicator);
  ids.push("sign");
  return ids.map((id) => {
    const own = pages.filter((p) => p.indicator === id);
    const done = id === "sign" ? false : own.every((p) => pageDone(p, answers));
    const slug = id === "sign" ? SIGN_SLUG : (own[0]?.slug ?? null);
    return { id, slug, state: id === current ? "current" : done ? "done" : "todo" };
  });
}
