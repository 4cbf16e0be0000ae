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
      da: [
        "Organisationen bruger automatisering (software, der handler på organisationens vegne) i Fraflyt alene til at løse opgaverne \"Angiv lejemålsoplysninger\" og \"Bekræft opsigelse\" gennem Fraflyts API. Alle andre sider og funktioner er lukket for automatisering.",
        "En automatiseringskonto er en medarbejderbruger, der er markeret som automatisering, og som kun har rollen \"Løs opgaver\". Organisationen kan højst have 2 aktive automatiseringskonti, og hver konto har et genkendeligt navn (\"Organisation Automation N\") og en e-mailadresse, som organisationen læser.",
        "Hver konto har en anden faktor (en tidsbaseret engangskode), som en person hos organisationen har tilmeldt. En person giver softwaren dagens kode; den nøgle, koden låser op, gælder kun til midnat dansk tid. API-nøgler opbevares sikkert, deles ikke og udskiftes straks, hvis de kan være kompromitteret.",
        "Automatisering må køre mandag–fredag kl. 08.00–18.00 dansk tid, ikke på helligdage, og derudover hele døgnet i organisationens årlige vindue (som standard 1. april – 15. maj).",
        "Operatøren og organisationen kan sætte en konto på pause eller slukke den når som helst. Usædvanlig aktivitet (for mange forespørgsler eller for mange fejl) slukker kontoen af sig selv, og organisationens brugeradministratorer får besked.",
        "Ændringer, der påvirker automatisering, offentliggøres under \"Opdateringer\" mindst 14 dage før de træder i kraft. Organisationen holder øje med dem og tilpasser sin software.",
        "Organisationen er ansvarlig for det, dens automatisering gør. Alt, hvad en konto gør, logges som udført af kontoen; organisationen gennemgår det, kan genåbne opgaver og melder data, der kan være forkerte, til operatøren.",
        "Operatøren kan trække adgangen til automatisering tilbage, hvis vilkårene ikke overholdes. Nye versioner af vilkårene skal accepteres, før automatiseringen kan bruges igen.",
      ],
      en: [
        "The organisation uses automation (software acting on its behalf) in Fraflyt only to complete the to-dos \"Provide tenancy details\" and \"Confirm notice\" through Fraflyt's API. Every other page and function is closed to automation.",
        "An automation account is a staff user marked as automation that holds only the \"Complete to-dos\" role. The organisation may have at most 2 active automation accounts; each has a recognisable name (\"Organisation Automation N\") and an e-mail address the organisation reads.",
        "Each account has a second factor (a time-based one-time code) enrolled by a person of the organisation. A person gives the software the day's code; the token it unlocks is valid until midnight Danish time only. API keys are kept safe, never shared, and rotated at once if they may have been compromised.",
        "Automation may run Monday–Friday 08:00–18:00 Danish time, not on public holidays, and at any time within the organisation's yearly window (by default 1 April – 15 May).",
        "The operator and the organisation can pause or switch off an account at any time. Unusual activity (too many requests or too many errors) switches an account off by itself, and the organisation's user administrators are told.",
        "Changes that affect automation are published under \"Updates\" at least 14 days before they take effect. The organisation follows them and adapts its software.",
        "The organisation is responsible for what its automation does. Everything an account does is logged as done by that account; the organisation reviews it, can reopen to-dos, and reports possibly wrong data to the operator.",
        "The operator may withdraw access to automation if the terms are not kept. New versions of the terms must be accepted before automation can be used again.",
      ],
    },
  },
];

/** The version every organisation must have accepted now. */
export function currentTerms(terms: readonly AutomationTerms[] = AUTOMATION_TERMS): AutomationTerms {
  const t = terms[terms.length - 1];
  if (!t) throw new Error("no automation terms");
  return t;
}
