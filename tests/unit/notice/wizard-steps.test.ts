import { describe, expect, it } from "vitest";
import { applicablePages, firstMissingPage, indicatorSteps, mayShow, nextPage, pageBySlug, previousPage } from "@/lib/notice/wizard-steps";
import type { NoticeAnswers } from "@/lib/notice/steps";

const P = "11111111-1111-4111-8111-111111111111";
const upToMoveOut: NoticeAnswers = {
  general: {},
  "you-and-lease": { tenants: [{ personId: P, mobile: null, phone: null, email: null }], cohabitant: null },
  "move-out": { reasonCodeId: P, moveOutDate: "2027-02-28", inspectionDate: null },
};

describe("wizard pages", () => {
  it.each([
    [false, ["generelt", "dig-og-lejemaalet", "fraflytning", "flyttesyn", "fremvisning", "ny-adresse", "konto", "tjek-svar"]],
    [true, ["generelt", "dig-og-lejemaalet", "bilejemaal", "fraflytning", "flyttesyn", "fremvisning", "ny-adresse", "konto", "tjek-svar"]],
  ])("with sub-leases %s: %j", (hasSubLeases, slugs) => {
    expect(applicablePages({ hasSubLeases }).map((p) => p.slug)).toEqual(slugs);
  });

  it.each([
    ["dig-og-lejemaalet", false, "fraflytning"],
    ["dig-og-lejemaalet", true, "bilejemaal"],
    ["fraflytning", false, "flyttesyn"],
    ["tjek-svar", false, null],
  ])("after %s (sub-leases %s) comes %s", (slug, hasSubLeases, next) => {
    expect(nextPage({ hasSubLeases }, slug)?.slug ?? null).toBe(next);
  });

  it.each([
    ["generelt", null],
    ["fraflytning", "dig-og-lejemaalet"],
    ["flyttesyn", "fraflytning"],
  ])("before %s comes %s", (slug, prev) => {
    expect(previousPage({ hasSubLeases: false }, slug)?.slug ?? null).toBe(prev);
  });

  it("the inspection page is missing until an inspection date is saved", () => {
    expect(firstMissingPage({ hasSubLeases: false }, upToMoveOut)?.slug).toBe("flyttesyn");
    const withInspection = { ...upToMoveOut, "move-out": { ...upToMoveOut["move-out"]!, inspectionDate: "2027-03-01" } };
    expect(firstMissingPage({ hasSubLeases: false }, withInspection)?.slug).toBe("fremvisning");
  });

  it.each([
    ["flyttesyn", true],
    ["fremvisning", false],
    ["tjek-svar", false],
    ["generelt", true],
    ["nonsense", false],
  ])("page %s may be shown after the move-out date: %s", (slug, ok) => {
    expect(mayShow({ hasSubLeases: false }, upToMoveOut, slug)).toBe(ok);
  });

  it("a skipped sub-lease step is not required, an applicable one is", () => {
    expect(mayShow({ hasSubLeases: true }, upToMoveOut, "flyttesyn")).toBe(false);
  });

  it("the step indicator has one entry per step, the last Underskriv, the receipt none", () => {
    const steps = indicatorSteps({ hasSubLeases: false }, upToMoveOut, "move-out");
    expect(steps.map((s) => s.id)).toEqual(["general", "you-and-lease", "move-out", "viewing", "new-address", "account", "check-answers", "sign"]);
    expect(steps.map((s) => s.state)).toEqual(["done", "done", "current", "todo", "todo", "todo", "todo", "todo"]);
    expect(steps.at(-1)?.slug).toBe("underskriv");
  });

  it("knows its slugs", () => {
    expect(pageBySlug("flyttesyn")?.step).toBe("move-out");
    expect(pageBySlug("underskriv")).toBeUndefined();
  });
});
