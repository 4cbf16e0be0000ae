/**
 * The tenant wizard's steps as data, and the shape of each step's answers (one zod schema per
 * step). This is shape only — a phone number has 8 digits, a date is an ISO day — never rules:
 * whether a move-out or inspection date is allowed is decided by lib/rules when the wizard asks.
 *
 * Bad input gives field errors whose messages are catalogue keys in the `notice` namespace
 * (`notice.errors.*`, messages/*.json), never zod's English: `parseStepAnswers(step, input)`.
 * Values are normalised on the way in: phones to `+45XXXXXXXX`, e-mail trimmed and lower-cased,
 * a Danish account to its 4 + 10 digits, an IBAN to its electronic form.
 *
 * No `server-only`: the wizard's forms may use the same schemas in the browser.
 */
import { z } from "zod";
import { danishBankAccount, parseIban } from "@/lib/rules/bank";

/** The wizard's steps, in order. */
export const STEP_IDS = ["general", "you-and-lease", "sub-leases", "move-out", "viewing", "new-address", "account", "check-answers", "sign"] as const;
export type StepId = (typeof STEP_IDS)[number];

export const isStepId = (v: unknown): v is StepId => typeof v === "string" && (STEP_IDS as readonly string[]).includes(v);

/** Catalogue keys of the field errors (namespace `notice`, sub-namespace `errors`). */
export const NOTICE_ERROR_KEYS = [
  "required",
  "invalid",
  "unknownField",
  "tooLong",
  "phone",
  "email",
  "date",
  "id",
  "country",
  "regNo",
  "accountNo",
  "iban",
  "mustConfirm",
  "beforeToday",
  "moveOutFormula",
  "inspectionNotAllowed",
  "chooseOne",
  "chooseAddress",
  "addressLookup",
] as const;
export type NoticeErrorKey = `notice.errors.${(typeof NOTICE_ERROR_KEYS)[number]}`;
const E = (k: (typeof NOTICE_ERROR_KEYS)[number]) => ({ error: `notice.errors.${k}` as NoticeErrorKey });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A Danish phone number, as typed: spaces, hyphens, dots and brackets are ignored, and "+45" or
 * "0045" may lead. Exactly 8 digits must remain. Stored as "+45" + the 8 digits.
 */
export function normaliseDanishPhone(input: string): string | null {
  const compact = input.replace(/[\s\-.()]/g, "");
  const m = /^(?:\+45|0045)?(\d{8})$/.exec(compact);
  return m ? `+45${m[1]}` : null;
}

const text = (max: number) => z.string(E("required")).trim().min(1, E("required")).max(max, E("tooLong"));
const id = z.string(E("required")).regex(UUID, E("id"));
const isoDay = z.iso.date(E("date"));
const phone = z
  .string(E("required"))
  .trim()
  .min(1, E("required"))
  .transform((v, ctx) => {
    const n = normaliseDanishPhone(v);
    if (n === null) {
      ctx.addIssue({ code: "custom", message: "notice.errors.phone" });
      return z.NEVER;
    }
    return n;
  });
/** An optional phone: blank ("" or missing) is null. */
const optionalPhone = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), phone.nullable().optional().transform((v) => v ?? null));
const email = z.string(E("required")).trim().toLowerCase().pipe(z.email(E("email")).max(200, E("tooLong")));
const optionalEmail = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), email.nullable().optional().transform((v) => v ?? null));

/** One legal tenant's contact details as the tenant confirms them (written back on submission). */
const tenantContact = z.strictObject(
  {
    personId: id,
    mobile: optionalPhone,
    phone: optionalPhone,
    email: optionalEmail,
  },
  E("invalid"),
);

/** A cohabitant (samlever) added by a sole legal tenant; they must sign too. */
const cohabitant = z.strictObject({ name: text(200), email, mobile: phone }, E("invalid"));

/** A new address: a Danish one chosen through the address look-up, or a foreign one as free text. */
export const newAddressSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("danish"), addressId: text(100), text: text(300) }),
    z.strictObject({
      kind: z.literal("foreign"),
      text: text(500),
      country: z
        .string(E("required"))
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, E("country"))
        .refine((c) => c !== "DK", E("country")),
    }),
  ],
  E("invalid"),
);

const account = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("nemkonto") }),
    z
      .strictObject({ kind: z.literal("danish"), regNo: z.string(E("required")).trim().min(1, E("required")), accountNo: z.string(E("required")).trim().min(1, E("required")) })
      .transform((v, ctx) => {
        const reg = v.regNo.replace(/[\s.-]/g, "");
        const acc = v.accountNo.replace(/[\s.-]/g, "");
        let bad = false;
        if (!/^\d{4}$/.test(reg)) {
          ctx.addIssue({ code: "custom", path: ["regNo"], message: "notice.errors.regNo" });
          bad = true;
        }
        if (!/^\d{1,10}$/.test(acc)) {
          ctx.addIssue({ code: "custom", path: ["accountNo"], message: "notice.errors.accountNo" });
          bad = true;
        }
        if (bad) return z.NEVER;
        const { regNo, accountNo } = danishBankAccount(reg, acc);
        return { kind: "danish" as const, regNo, accountNo };
      }),
    z.strictObject({ kind: z.literal("iban"), iban: z.string(E("required")).trim().min(1, E("required")) }).transform((v, ctx) => {
      try {
        return { kind: "iban" as const, iban: parseIban(v.iban).iban };
      } catch {
        ctx.addIssue({ code: "custom", path: ["iban"], message: "notice.errors.iban" });
        return z.NEVER;
      }
    }),
  ],
  E("invalid"),
);

/** One zod schema per step, for that step's answers. */
export const STEP_SCHEMAS = {
  /** Information only: nothing to answer. */
  general: z.strictObject({}, E("invalid")),
  "you-and-lease": z.strictObject(
    {
      /** The legal tenants (1 or 2), the signed-in one first. */
      tenants: z.array(tenantContact, E("invalid")).min(1, E("required")).max(2, E("invalid")),
      /** Only with one legal tenant; null or absent: none. */
      cohabitant: cohabitant.nullable().optional().transform((v) => v ?? null),
    },
    E("invalid"),
  ),
  /** All the tenancy's active sub-leases are terminated with it, or none. */
  "sub-leases": z.strictObject({ terminateAll: z.boolean(E("required")) }, E("invalid")),
  "move-out": z.strictObject(
    {
      /** The id of one of the organisation's reason codes (Kode). */
      reasonCodeId: id,
      moveOutDate: isoDay,
      /** The inspection the tenant wishes (allowed dates: lib/rules); chosen on the page after the date, so absent until then. */
      inspectionDate: isoDay.nullable().optional().transform((v) => v ?? null),
    },
    E("invalid"),
  ),
  viewing: z.strictObject({ phone }, E("invalid")),
  "new-address": z.discriminatedUnion(
    "mode",
    [
      /** One new address for everyone (also the only choice with one legal tenant). */
      z.strictObject({ mode: z.literal("same"), address: newAddressSchema }),
      /** Each legal tenant's own new address. */
      z.strictObject({ mode: z.literal("each"), addresses: z.array(z.strictObject({ personId: id, address: newAddressSchema }), E("invalid")).min(1, E("required")).max(2, E("invalid")) }),
    ],
    E("invalid"),
  ),
  account: z.strictObject({ account }, E("invalid")),
  "check-answers": z.strictObject(
    {
      /** With neither a second legal tenant nor a cohabitant: the tenant confirms being the only occupant (checked against the answers by the submission, not here). */
      onlyOccupant: z.boolean(E("mustConfirm")).optional(),
    },
    E("invalid"),
  ),
  /** Signing happens through the signature flow; the step itself has no answers. */
  sign: z.strictObject({}, E("invalid")),
} as const satisfies Record<StepId, z.ZodType>;

export type StepAnswers<S extends StepId> = z.output<(typeof STEP_SCHEMAS)[S]>;
/** The notice's `answers` JSON: each saved step's answers under its id. */
export type NoticeAnswers = { [S in StepId]?: StepAnswers<S> };

/** The wizard's steps as data: id, its schema, and the catalogue key of its title. */
export const STEPS: readonly { id: StepId; schema: z.ZodType; titleKey: `notice.steps.${StepId}` }[] = STEP_IDS.map((id) => ({
  id,
  schema: STEP_SCHEMAS[id],
  titleKey: `notice.steps.${id}` as const,
}));

/** Field errors: field path ("tenants.0.mobile", "" for the whole step) → catalogue keys. */
export type StepFieldErrors = Record<string, NoticeErrorKey[]>;

function keyOf(issue: z.core.$ZodIssue): NoticeErrorKey {
  if (issue.code === "unrecognized_keys") return "notice.errors.unknownField";
  if (typeof issue.message === "string" && issue.message.startsWith("notice.errors.")) return issue.message as NoticeErrorKey;
  const input = "input" in issue ? issue.input : undefined;
  if (input === undefined || input === null || input === "") return "notice.errors.required";
  return "notice.errors.invalid";
}

/** Turns a failed parse into field errors with catalogue keys. */
export function stepFieldErrors(error: z.ZodError): StepFieldErrors {
  const out: StepFieldErrors = {};
  for (const issue of error.issues) {
    const base = issue.path.map(String).join(".");
    const fields = issue.code === "unrecognized_keys" ? issue.keys.map((k) => [base, k].filter(Boolean).join(".")) : [base];
    const key = keyOf(issue);
    for (const f of fields) {
      const list = (out[f] ??= []);
      if (!list.includes(key)) list.push(key);
    }
  }
  return out;
}

/** Parses one step's answers: the normalised answers, or field errors. */
export function parseStepAnswers<S extends StepId>(step: S, input: unknown): { ok: true; answers: StepAnswers<S> } | { ok: false; fieldErrors: StepFieldErrors } {
  const r = (STEP_SCHEMAS[step] as z.ZodType).safeParse(input, { reportInput: true });
  return r.success ? { ok: true, answers: r.data as StepAnswers<S> } : { ok: false, fieldErrors: stepFieldErrors(r.error) };
}

/**
 * The people a step's answers name must be the tenancy's legal tenants, each once; a cohabitant
 * only with one legal tenant. Field errors (as parseStepAnswers gives), or null when they fit.
 */
export function checkStepPeople<S extends StepId>(step: S, answers: StepAnswers<S>, legalTenantIds: readonly string[]): StepFieldErrors | null {
  const out: StepFieldErrors = {};
  const people = (list: { personId: string }[], field: string) => {
    const seen = new Set<string>();
    list.forEach((p, i) => {
      const known = legalTenantIds.some((id) => id.toLowerCase() === p.personId.toLowerCase());
      if (!known || seen.has(p.personId.toLowerCase())) out[`${field}.${i}.personId`] = ["notice.errors.id"];
      seen.add(p.personId.toLowerCase());
    });
  };
  if (step === "you-and-lease") {
    const a = answers as StepAnswers<"you-and-lease">;
    people(a.tenants, "tenants");
    if (a.cohabitant !== null && legalTenantIds.length > 1) out.cohabitant = ["notice.errors.invalid"];
  } else if (step === "new-address") {
    const a = answers as StepAnswers<"new-address">;
    if (a.mode === "each") people(a.addresses, "addresses");
  }
  return Object.keys(out).length ? out : null;
}
