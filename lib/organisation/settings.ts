/**
 * An organisation's settings (Organisation.settings JSON), parsed with zod at every read so that
 * a missing key gets its default and a broken value never reaches a rule.
 */
import { z } from "zod";
import { RuleError } from "@/lib/rules";
import { validateFormula } from "@/lib/rules/formula";
import { parseRelettingRule } from "@/lib/rules/reletting";
import { parseDateFormula } from "@/lib/rules/date-formula";

const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "Use MM-DD, e.g. 06-05");

const formula = z.string().max(500).superRefine((value, ctx) => {
  const r = validateFormula(value);
  if (!r.ok) ctx.addIssue({ code: "custom", message: `${r.message} (position ${r.position})` });
});

/** A reminder date formula (addDateFormula, spec/rules.md): blank = no reminder. */
const dateFormula = z.string().max(50).superRefine((value, ctx) => {
  try {
    parseDateFormula(value);
  } catch (e) {
    ctx.addIssue({ code: "custom", message: e instanceof RuleError ? e.message : "Invalid date formula" });
  }
});

export const MOVE_OUT_PHASES = ["NOTICE_RECEIVED", "INSPECTION", "SETTLEMENT", "FINISHED"] as const;
export type MoveOutPhaseKey = (typeof MOVE_OUT_PHASES)[number];

/** The sources a reminder (erindring) can be computed from: the day the case was paused, or one of the case's dates. */
export const REMINDER_DATE_SOURCES = ["inspectionDeadline", "agreedInspection", "viewing", "settlementPayment", "settlementSent"] as const;
export type ReminderDateSource = (typeof REMINDER_DATE_SOURCES)[number];

/** The move-out case (fraflytningsguide): the guide's "Vis faser", "Erindringer" and "Minimering af faser". */
export const caseworkSettingsSchema = z.object({
  /** Which phases the case shows (the guide's "Vis faser"), in this order. */
  phases: z.array(z.enum(MOVE_OUT_PHASES)).min(1).default([...MOVE_OUT_PHASES]),
  /** "Undertryk faser hvis ingen data": a phase with nothing in it yet is not shown. */
  suppressEmptyPhases: z.boolean().default(true),
  /** "Dan erindring når guiden pauses", with "Datoformel for erindringsdato". */
  reminderOnPause: z.boolean().default(true),
  pauseReminderFormula: dateFormula.default("8 dage"),
  /** "Erindringskategori". */
  reminderCategory: z.string().trim().min(1).max(100).default("Fraflytning"),
  /** "Dan erindring for synsfrist / aftalt synsdato / besigtigelsesdato / flytteopgørelse betalingsdato / fremsendt": blank = none. */
  reminderFormulas: z
    .object({
      inspectionDeadline: dateFormula.default(""),
      agreedInspection: dateFormula.default(""),
      viewing: dateFormula.default(""),
      settlementPayment: dateFormula.default(""),
      settlementSent: dateFormula.default(""),
    })
    .default({ inspectionDeadline: "", agreedInspection: "", viewing: "", settlementPayment: "", settlementSent: "" }),
  /** "Skal åbne erindringer lukkes når guiden afsluttes?" (default no). */
  closeRemindersOnFinish: z.boolean().default(false),
  /** The daily e-mail to caseworkers listing the reminders due. */
  dailyReminderMail: z.boolean().default(true),
});
export type CaseworkSettings = z.infer<typeof caseworkSettingsSchema>;
export const DEFAULT_CASEWORK_SETTINGS: CaseworkSettings = caseworkSettingsSchema.parse({});

const relettingRule = z.string().max(100).superRefine((value, ctx) => {
  try {
    parseRelettingRule(value);
  } catch (e) {
    ctx.addIssue({ code: "custom", message: e instanceof RuleError ? e.message : "Invalid re-letting rule" });
  }
});

export const oidcSettingsSchema = z.object({
  issuer: z.url(),
  clientId: z.string().min(1),
  /** AES-GCM encrypted (lib/crypto.ts encryptSecret). */
  clientSecretEnc: z.string().min(1),
  scope: z.string().default("openid profile email cpr"),
  /** The ID-token/userinfo claim carrying the CPR number (brokers differ, e.g. "mitid.cpr_number"). */
  cprClaim: z.string().min(1).max(100).default("cpr"),
  /**
   * RP-initiated logout sends `client_id` and `post_logout_redirect_uri` only, by default: the ID
   * token (`id_token_hint`) usually carries the CPR number and would stay in the browser's history
   * of the logout URL on a shared computer. Turn on only for a broker that requires the hint.
   */
  logoutIdTokenHint: z.boolean().default(false),
  /**
   * How the signing authentication passes the short reference text the broker shows the signer
   * ("Opsigelse af Havnegade 1, 1. tv pr. 28.02.2027", at most 130 characters):
   * "reference_text" (Signaturgruppen's broker: a parameter of that name), "login_hint_message"
   * (Idura: `login_hint=message:<base64url>`), or "none".
   */
  signingTextParam: z.enum(["reference_text", "login_hint_message", "none"]).default("reference_text"),
});

/** The sender of an organisation's e-mails: a display name and an address. */
export const mailSenderSchema = z.object({
  name: z.string().trim().min(1).max(100),
  address: z.email().max(200),
});
export type MailSender = z.infer<typeof mailSenderSchema>;

/** "Name" <address> for the From header: quotes, backslashes and line breaks dropped from the name. */
export function formatMailSender(sender: MailSender): string {
  return `"${sender.name.replace(/["\\\r\n]/g, "").trim()}" <${sender.address}>`;
}

/** A text the organisation writes in Danish, optionally also in English (shown in the English UI). */
export const localizedTextSchema = z.object({
  da: z.string().trim().min(1).max(20_000),
  en: z.string().trim().min(1).max(20_000).optional(),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** Only web addresses a tenant can open safely: http(s), no javascript:/data: links. */
const webUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.domain }).max(2000);

/**
 * The privacy notice (privatlivspolitik) or accessibility statement (tilgængelighedserklæring):
 * an external page (`url`), or a text shown on Fraflyt's own page /{organisation}/… (`text`;
 * without either, a default text naming the organisation). `url` wins over `text`.
 */
export const legalPageSchema = z.object({
  url: webUrl.nullable().default(null),
  text: localizedTextSchema.nullable().default(null),
});
export type LegalPage = z.infer<typeof legalPageSchema>;

/** The contact details every tenant page shows in its footer. Phone as written (e.g. "33 12 34 56"). */
export const contactSettingsSchema = z.object({
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ]{3,18}[0-9]$/, "Use digits and spaces, e.g. 33 12 34 56 or +45 33 12 34 56")
    .nullable()
    .default(null),
  email: z.email().max(200).nullable().default(null),
  /** Opening hours as one short text, e.g. "Mandag–torsdag 9–15, fredag 9–12". */
  openingHours: z
    .object({ da: z.string().trim().min(1).max(300), en: z.string().trim().min(1).max(300).optional() })
    .nullable()
    .default(null),
});
export type ContactSettings = z.infer<typeof contactSettingsSchema>;

/** A yearly window of automation hours: whole days from `from` to `to` (MM-DD); `from` after `to` wraps over New Year. */
export const automationWindowSchema = z.object({ from: monthDay, to: monthDay }).refine((w) => realMonthDay(w.from) && realMonthDay(w.to), { message: "Use a real day of the year (MM-DD)" });
export const automationSettingsSchema = z.object({
  yearlyWindow: automationWindowSchema.nullable().default({ from: "04-01", to: "05-15" }),
});
export type AutomationSettings = z.infer<typeof automationSettingsSchema>;

function realMonthDay(md: string): boolean {
  const [m, d] = md.split("-").map(Number) as [number, number];
  return d <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

export const organisationSettingsSchema = z.object({
  /** Closing days of the administration, as MM-DD, every year. */
  closingDays: z.array(monthDay).default(["06-05", "12-24", "12-31"]),
  /** BrevSynTekst: '' / '0', 'N;D' or 'N;d1,d2,…'. */
  relettingRule: relettingRule.default(""),
  /** Validation of the move-out date (blank: any day). */
  moveOutFormula: formula.default(""),
  /** Validation of the re-letting date (forretningsgang 03.02). */
  relettingFormula: formula.default("((AntalDageReelt( Dagsdato ; Dato ) > 42) & ((Dag=1) ? (Dag=15)))"),
  inspectionWindowDays: z.number().int().min(0).max(60).default(14),
  /** A notice draft untouched this many days is discarded by the nightly clean-up (lib/jobs/discard-expired-drafts.ts). */
  draftExpiryDays: z.number().int().min(1).max(365).default(30),
  /** Sign later: a co-signer's signing link expires this many days after it was sent. */
  signingLinkExpiryDays: z.number().int().min(1).max(60).default(14),
  /** Whether the renovation period is added to the tenant's liability period. */
  renovationLiable: z.boolean().default(false),
  /** Automation accounts (lib/automation/guard.ts): the yearly window in which they may run at any time (MM-DD, both days included; null: none). */
  automation: automationSettingsSchema.default({ yearlyWindow: { from: "04-01", to: "05-15" } }),
  /** The folder (in the tenant's documents and the archive) the receipt PDF is filed under (admin: website settings). */
  documentFolder: z.string().min(1).default("Opsigelse – Fraflytning"),
  /** The sender of the organisation's e-mails (lib/jobs/send-mail.ts); null: the installation's MAIL_FROM. */
  mailSender: mailSenderSchema.nullable().default(null),
  oidc: oidcSettingsSchema.nullable().default(null),
  contact: contactSettingsSchema.default({ phone: null, email: null, openingHours: null }),
  privacyNotice: legalPageSchema.default({ url: null, text: null }),
  accessibilityStatement: legalPageSchema.default({ url: null, text: null }),
  /** The organisation's own wizard headings and help texts (lib/organisation/texts.ts: the allowed keys, where they apply). */
  /** The move-out case: phases and reminders (lib/casework). */
  casework: caseworkSettingsSchema.default(DEFAULT_CASEWORK_SETTINGS),
  texts: z.record(z.string(), z.object({ da: z.string().trim().min(1).max(1000), en: z.string().trim().min(1).max(1000).optional() })).default({}),
});

export type OrganisationSettings = z.infer<typeof organisationSettingsSchema>;

/** Reads stored settings; fields that fail validation fall back to defaults rather than break a page. */
export function readSettings(raw: unknown): OrganisationSettings {
  const parsed = organisationSettingsSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const obj = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const clean: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const field = organisationSettingsSchema.shape[k as keyof OrganisationSettings];
    if (field && field.safeParse(v).success) clean[k] = v;
  }
  return organisationSettingsSchema.parse(clean);
}
