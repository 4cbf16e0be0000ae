/**
 * The code tables' form (admin → Kodetabeller): which tables there are, and how a submitted form
 * becomes a code — pure, no database, so the page (typed values, preview) and the service agree.
 * Field errors are catalogue keys of the `adminCodes` namespace (shown by the page, kept by the
 * flash cookie of a refused plain form).
 */
import { z } from "zod";
import { parseNoticeRule, RuleError, type NoticeRule } from "@/lib/rules";

export const CODE_TABLES = [
  { slug: "aarsager", type: "OPSIGELSESAARSAG" },
  { slug: "varsler", type: "OPSIGELSESVARSEL" },
  { slug: "boligtyper", type: "BOLIGTYPE" },
  { slug: "sumtyper", type: "SUMTYPE" },
] as const;

export type CodeTable = (typeof CODE_TABLES)[number];
export type CodeTableSlug = CodeTable["slug"];
export type KodeType = CodeTable["type"];

export function codeTable(slug: string): CodeTable | null {
  return CODE_TABLES.find((t) => t.slug === slug) ?? null;
}

export function tableOfType(type: KodeType): CodeTable {
  return CODE_TABLES.find((t) => t.type === type)!;
}

/** Reasons carry the tag text the tenant sees; notice rules carry a structured rule. */
export const hasTagText = (type: KodeType) => type === "OPSIGELSESAARSAG";
export const hasRule = (type: KodeType) => type === "OPSIGELSESVARSEL";

export type FieldErrors = Record<string, string[]>;

export type CodeInput = {
  value: string;
  codeText: string;
  codeTextEn: string | null;
  tagText: string | null;
  tagTextEn: string | null;
  rule: NoticeRule | null;
};

const E = (key: string) => `adminCodes.errors.${key}`;
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, E("tooLong"))
    .transform((v) => (v === "" ? null : v));

const baseSchema = z.object({
  value: z
    .string()
    .trim()
    .min(1, E("valueRequired"))
    .max(20, E("valueTooLong"))
    .refine((v) => v === "" || /^[A-Za-z0-9ÆØÅæøå_.-]+$/.test(v), E("valueFormat")),
  codeText: z.string().trim().min(1, E("codeTextRequired")).max(200, E("tooLong")),
  codeTextEn: optionalText(200),
  tagText: optionalText(200),
  tagTextEn: optionalText(200),
});

const wholeNumber = (required: boolean) =>
  z
    .string()
    .trim()
    .refine((v) => (required ? v !== "" : true), E("monthsRequired"))
    .refine((v) => v === "" || /^\d{1,3}$/.test(v), E("wholeNumber"))
    .transform((v) => (v === "" ? undefined : Number(v)))
    .refine((v) => v === undefined || v <= 120, E("tooBig"));

const ruleSchema = z.object({
  ruleMonths: wholeNumber(true),
  ruleDays: wholeNumber(false),
  ruleAnchor: z.enum(["first", "first-or-fifteenth", "any"], E("anchorRequired")),
  ruleRunningMonth: z.string().optional(),
});

function issuesToErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".");
    const key = issue.message.startsWith("adminCodes.") ? issue.message : E("invalid");
    const list = (out[field] ??= []);
    if (!list.includes(key)) list.push(key);
  }
  return out;
}

/** The structured rule of the form's rule fields, checked by the rules' own parser (lib/rules parseNoticeRule). */
export function ruleFromForm(values: Record<string, unknown>): { ok: true; rule: NoticeRule } | { ok: false; errors: FieldErrors } {
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  const parsed = ruleSchema.safeParse({ ruleMonths: str("ruleMonths"), ruleDays: str("ruleDays"), ruleAnchor: str("ruleAnchor") || undefined, ruleRunningMonth: values.ruleRunningMonth === undefined ? undefined : str("ruleRunningMonth") });
  if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error) };
  const p = parsed.data;
  const candidate: Record<string, unknown> = { months: p.ruleMonths, anchor: p.ruleAnchor };
  if (p.ruleDays !== undefined && p.ruleDays > 0) candidate.days = p.ruleDays;
  if (p.ruleRunningMonth !== undefined && p.ruleRunningMonth !== "") candidate.runningMonth = true;
  try {
    const rule = parseNoticeRule(candidate);
    if (rule.months === 0 && (rule.days ?? 0) === 0) return { ok: false, errors: { ruleMonths: [E("ruleEmpty")] } };
    return { ok: true, rule };
  } catch (e) {
    if (!(e instanceof RuleError)) throw e;
    // The only cross-field rule: "running month" needs the 1st of a month.
    return { ok: false, errors: { ruleRunningMonth: [E("runningMonthNeedsFirst")] } };
  }
}

/** A submitted code form of a table: the code, or the field errors (catalogue keys). */
export function parseCodeForm(type: KodeType, values: Record<string, unknown>): { ok: true; input: CodeInput } | { ok: false; errors: FieldErrors } {
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  const base = baseSchema.safeParse({ value: str("value"), codeText: str("codeText"), codeTextEn: str("codeTextEn"), tagText: str("tagText"), tagTextEn: str("tagTextEn") });
  const errors: FieldErrors = base.success ? {} : issuesToErrors(base.error);
  let rule: NoticeRule | null = null;
  if (hasRule(type)) {
    const r = ruleFromForm(values);
    if (r.ok) rule = r.rule;
    else Object.assign(errors, r.errors);
  }
  if (!base.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const d = base.data;
  return {
    ok: true,
    input: {
      value: d.value,
      codeText: d.codeText,
      codeTextEn: d.codeTextEn,
      tagText: hasTagText(type) ? d.tagText : null,
      tagTextEn: hasTagText(type) ? d.tagTextEn : null,
      rule,
    },
  };
}

/** The form's values for a stored code (to fill the edit form). */
export function formValuesOf(code: { value: string; codeText: string; codeTextEn: string | null; tagText: string | null; tagTextEn: string | null; rule: NoticeRule | null }): Record<string, string> {
  return {
    value: code.value,
    codeText: code.codeText,
    codeTextEn: code.codeTextEn ?? "",
    tagText: code.tagText ?? "",
    tagTextEn: code.tagTextEn ?? "",
    ruleMonths: code.rule ? String(code.rule.months) : "",
    ruleDays: code.rule?.days ? String(code.rule.days) : "",
    ruleAnchor: code.rule?.anchor ?? "",
    ...(code.rule?.runningMonth ? { ruleRunningMonth: "on" } : {}),
  };
}

/**
 * The flash-cookie key of a code form — the edit form of a code (or "new"), its delete form, or a
 * table's list — with the reference of one refusal (`ref`, also in the redirect's ?f=): the page
 * shows the kept form only right after the refusal, not when staff come back to it later.
 */
export function codeFormKey(table: string, id: string | null, part: "edit" | "delete" | "list", ref: string): string {
  return part === "list" ? `code:${table}:list:${ref}` : `code:${table}:${id ?? "new"}:${part}:${ref}`;
}

/** A refusal's reference (?f=): 8 hex characters, or null. */
export function flashRef(value: unknown): string | null {
  return typeof value === "string" && /^[0-9a-f]{8}$/.test(value) ? value : null;
}

/** A new refusal reference. */
export function newFlashRef(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, "").slice(0, 8);
}
