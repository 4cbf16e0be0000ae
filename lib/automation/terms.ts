/**
 * The automation terms an organisation accepts before it may use automation accounts (the
 * landlord-portal policy's terms and conditions, in Danish and English). Versioned: publishing a new
 * version (a new entry, last in the list) means every organisation must accept again before its
 * accounts may call the API. Who accepted which version, and when, is AutomationTermsAcceptance.
 */
export type AutomationTerms = {
  version: number;
  /** The day it was published (YYYY-MM-DD). */
  publishedOn: string;
  title: { da: string; en: string };
  /** Paragraphs, in the order shown. */
  body: { da: readonly string[]; en: readonly string[] };
};

export const AUTOMATION_TERMS: readonly AutomationTerms[] = [
  {
    version: 1,
    publishedOn: "2026-12-01",
    title: { da: "Vilkår for automatisering", en: "Automation terms and conditions" },
    body: {
      da: ["(filled in by lib/automation/terms.ts's owner from the landlord-portal policy)"],
      en: ["(filled in by lib/automation/terms.ts's owner from the landlord-portal policy)"],
    },
  },
];

/** The version every organisation must have accepted now. */
export function currentTerms(terms: readonly AutomationTerms[] = AUTOMATION_TERMS): AutomationTerms {
  const t = terms[terms.length - 1];
  if (!t) throw new Error("no automation terms");
  return t;
}
