/**
 * Validation and error messages in the user's language, from the catalogues (messages/*.json,
 * namespaces `validation` and `errors`). zod's own English never reaches a response: every issue is
 * mapped by its code (and, for sizes and formats, its details) to a catalogue key, and a spec may
 * override the key per field — for one field entirely (`{ code: "staffLogin.codeFormat" }`) or per
 * kind of issue (`{ email: { required: "staffLogin.emailRequired" } }`).
 */
import "server-only";
import { createTranslator } from "next-intl";
import type { z } from "zod";
import da from "@/messages/da.json";
import en from "@/messages/en.json";
import { resolveLocale, type Locale } from "@/i18n/locales";
import type { ErrorCode, Problem } from "./errors";

const CATALOGUES = { da, en } as const;

export type IssueKey =
  | "required"
  | "invalidType"
  | "tooShort"
  | "tooLong"
  | "tooSmall"
  | "tooBig"
  | "tooFew"
  | "tooMany"
  | "email"
  | "uuid"
  | "date"
  | "url"
  | "format"
  | "oneOf"
  | "unknownField"
  | "notMultipleOf"
  | "invalid";

/** Per-field overrides: a catalogue key ("namespace.key") for every issue of the field, or per issue key. */
export type MessageOverrides = Record<string, string | Partial<Record<IssueKey, string>>>;

type Issue = z.core.$ZodIssue;

/**
 * True when the issue is about a missing value. Parse with `{ reportInput: true }` (the wrapper
 * does) so the issue carries its input; without it, zod's own wording is the only clue.
 */
function isMissing(issue: Issue): boolean {
  if ("input" in issue) return issue.input === undefined || issue.input === null || issue.input === "";
  return issue.code === "invalid_type" && /received (undefined|null)$/.test(issue.message);
}

/** The catalogue key (in `validation`) and its values for one zod issue. */
export function issueKey(issue: Issue): { key: IssueKey; values: Record<string, string | number> } {
  switch (issue.code) {
    case "invalid_type":
      return { key: isMissing(issue) ? "required" : "invalidType", values: {} };
    case "too_small": {
      const minimum = Number(issue.minimum);
      if (issue.origin === "string") return minimum <= 1 ? { key: "required", values: {} } : { key: "tooShort", values: { minimum } };
      if (issue.origin === "array" || issue.origin === "set") return { key: "tooFew", values: { minimum } };
      return { key: "tooSmall", values: { minimum } };
    }
    case "too_big": {
      const maximum = Number(issue.maximum);
      if (issue.origin === "string") return { key: "tooLong", values: { maximum } };
      if (issue.origin === "array" || issue.origin === "set") return { key: "tooMany", values: { maximum } };
      return { key: "tooBig", values: { maximum } };
    }
    case "invalid_format": {
      const f = issue.format;
      if (f === "email") return { key: "email", values: {} };
      if (f === "uuid" || f === "guid" || f === "cuid" || f === "cuid2" || f === "ulid") return { key: "uuid", values: {} };
      if (f === "date" || f === "datetime") return { key: "date", values: {} };
      if (f === "url") return { key: "url", values: {} };
      return { key: "input" in issue && issue.input === "" ? "required" : "format", values: {} };
    }
    case "invalid_value":
      return { key: "input" in issue && isMissing(issue) ? "required" : "oneOf", values: {} };
    case "unrecognized_keys":
      return { key: "unknownField", values: {} };
    case "not_multiple_of":
      return { key: "notMultipleOf", values: { divisor: Number(issue.divisor) } };
    default:
      return { key: "invalid", values: {} };
  }
}

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A translator over the whole catalogue of `locale` (keys "namespace.key"). */
export function translator(locale: Locale | string | null | undefined): Translate {
  const l = resolveLocale(locale);
  const t = createTranslator({ locale: l, messages: CATALOGUES[l] as unknown as Record<string, unknown> });
  return (key, values) => {
    try {
      return (t as unknown as (k: string, v?: Record<string, string | number>) => string)(key, values);
    } catch {
      return key;
    }
  };
}

/** The path of an issue as a field name: "email", "address.street", "items.0"; "" for the whole input. */
function fieldOf(issue: Issue): string {
  return issue.path.map(String).join(".");
}

/**
 * Field errors for a failed parse, in the user's language: { field: [message, …] }. Issues about
 * the input as a whole land under "" (shown in the error summary). Unknown keys are reported under
 * each unknown key's own name.
 */
export function fieldErrors(error: z.ZodError, t: Translate, overrides: MessageOverrides = {}): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (field: string, message: string) => {
    const list = (out[field] ??= []);
    if (!list.includes(message)) list.push(message);
  };
  for (const issue of error.issues) {
    const fields = issue.code === "unrecognized_keys" ? issue.keys.map((k) => [fieldOf(issue), k].filter(Boolean).join(".")) : [fieldOf(issue)];
    const { key, values } = issueKey(issue);
    for (const field of fields) {
      const o = overrides[field];
      const catalogueKey = typeof o === "string" ? o : (o?.[key] ?? `validation.${key}`);
      add(field, t(catalogueKey, values));
    }
  }
  return out;
}

/** The message for an error code (and a rule's own code, and the wait of a rate limit). */
export function problemMessage(problem: Pick<Problem, "code" | "ruleCode" | "retryAfterSeconds">, t: Translate): string {
  if (problem.code === "rule" && problem.ruleCode) return t(`errors.rules.${problem.ruleCode}`);
  if (problem.code === "rate-limited") return t("errors.rate-limited", { seconds: problem.retryAfterSeconds ?? 60 });
  return t(`errors.${problem.code satisfies ErrorCode}`);
}
