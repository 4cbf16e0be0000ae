/**
 * What a new organisation starts with (lib/operator/organisations.ts, in its creation transaction):
 * the code tables the tenant wizard needs to work — notice rules (a tenancy's "Dit lejemål har et
 * opsigelsesvarsel på … ." and the dates) and termination reasons (the wizard's "Hvorfor flytter
 * du?"), both in Danish and English — plus the common housing and sum types, and default settings.
 * The organisation's staff edit them in the admin's code tables afterwards.
 */
import "server-only";
import type { OrgTx } from "@/lib/db/scoped";
import type { NoticeRule } from "@/lib/rules";
import { organisationSettingsSchema, type OrganisationSettings } from "./settings";

type DefaultCode = { value: string; codeText: string; codeTextEn: string; tagText?: string; tagTextEn?: string; rule?: NoticeRule };

export const DEFAULT_NOTICE_RULES: readonly DefaultCode[] = [
  { value: "3M1", codeText: "3 måneder til den 1", codeTextEn: "3 months, ending on the 1st", rule: { months: 3, anchor: "first" } },
  { value: "3M115", codeText: "3 måneder til den 1. eller 15", codeTextEn: "3 months, ending on the 1st or the 15th", rule: { months: 3, anchor: "first-or-fifteenth" } },
  { value: "LM3", codeText: "løbende måned + 3 måneder", codeTextEn: "the current month + 3 months", rule: { months: 3, anchor: "first", runningMonth: true } },
  { value: "1M1", codeText: "1 måned til den 1", codeTextEn: "1 month, ending on the 1st", rule: { months: 1, anchor: "first" } },
];

export const DEFAULT_REASONS: readonly DefaultCode[] = [
  { value: "ALM", codeText: "Almindelig fraflytning", codeTextEn: "Ordinary move", tagText: "Almindelig fraflytning", tagTextEn: "Ordinary move" },
  { value: "STOR", codeText: "Flytter til større bolig", codeTextEn: "Moving to a larger home", tagText: "Jeg flytter til en større bolig", tagTextEn: "I am moving to a larger home" },
  { value: "MINDRE", codeText: "Flytter til mindre bolig", codeTextEn: "Moving to a smaller home", tagText: "Jeg flytter til en mindre bolig", tagTextEn: "I am moving to a smaller home" },
  { value: "ARB", codeText: "Arbejde/uddannelse", codeTextEn: "Work/education", tagText: "Nyt arbejde eller uddannelse", tagTextEn: "A new job or education" },
  { value: "EJER", codeText: "Køb af ejerbolig", codeTextEn: "Buying a home", tagText: "Jeg har købt en bolig", tagTextEn: "I have bought a home" },
  { value: "PLEJE", codeText: "Plejebolig", codeTextEn: "Care home", tagText: "Jeg flytter i plejebolig", tagTextEn: "I am moving to a care home" },
  { value: "ANDET", codeText: "Andet", codeTextEn: "Other", tagText: "Andet", tagTextEn: "Other" },
];

export const DEFAULT_HOUSING_TYPES: readonly DefaultCode[] = [
  { value: "FAM", codeText: "Familiebolig", codeTextEn: "Family dwelling" },
  { value: "UNG", codeText: "Ungdomsbolig", codeTextEn: "Youth dwelling" },
  { value: "AELD", codeText: "Ældrebolig", codeTextEn: "Senior dwelling" },
];

export const DEFAULT_SUM_TYPES: readonly DefaultCode[] = [{ value: "STD", codeText: "Standard", codeTextEn: "Standard" }];

/** A new organisation's settings: the schema's defaults, with the contact e-mail when given. */
export function defaultSettings(contactEmail?: string | null): OrganisationSettings {
  return organisationSettingsSchema.parse(contactEmail ? { contact: { email: contactEmail } } : {});
}

/** Writes the default code tables of a new organisation (inside its creation transaction). Returns how many codes. */
export async function writeDefaultCodes(tx: OrgTx, updatedBy: string): Promise<number> {
  const groups = [
    ["OPSIGELSESVARSEL", DEFAULT_NOTICE_RULES],
    ["OPSIGELSESAARSAG", DEFAULT_REASONS],
    ["BOLIGTYPE", DEFAULT_HOUSING_TYPES],
    ["SUMTYPE", DEFAULT_SUM_TYPES],
  ] as const;
  let n = 0;
  for (const [type, list] of groups) {
    const { count } = await tx.kode.createMany({
      data: list.map((k, i) => ({
        organisationId: tx.organisationId,
        type,
        value: k.value,
        codeText: k.codeText,
        codeTextEn: k.codeTextEn,
        tagText: k.tagText ?? null,
        tagTextEn: k.tagTextEn ?? null,
        ...(k.rule ? { rule: k.rule } : {}),
        sortOrder: i,
        updatedBy,
      })),
    });
    n += count;
  }
  return n;
}
