/**
 * The wizard's plain HTML forms ↔ the steps' answers. Every page posts flat field names (so it works
 * without JavaScript); `formToAnswers` turns them into the step's answer object for the step's
 * schema (lib/notice/steps.ts), and `formFieldOf` names the form field a schema error belongs to,
 * so that the error summary links to the right input. Pure: no I/O.
 */
import type { NoticeAnswers, StepId } from "./steps";

export type FormValues = Record<string, string>;

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** Day, month and year fields → an ISO day, or null when they do not make a calendar date. */
export function isoFromParts(day: string, month: string, year: string): string | null {
  const d = day.trim();
  const m = month.trim();
  const y = year.trim();
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  const iso = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === iso ? iso : null;
}

/** An ISO day → the date field's parts ("2027-03-01" → 1, 3, 2027). */
export function partsFromIso(iso: string | null | undefined): { day: string; month: string; year: string } {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] as string } : { day: "", month: "", year: "" };
}

type AddressForm = { kind: "danish"; addressId: string; text: string } | { kind: "foreign"; text: string; country: string } | Record<string, string>;

function addressFrom(f: FormValues, prefix: string): AddressForm {
  const kind = str(f[`${prefix}Kind`]);
  if (kind === "foreign") return { kind: "foreign", text: str(f[`${prefix}ForeignText`]), country: str(f[`${prefix}Country`]) };
  if (kind === "danish") return { kind: "danish", addressId: str(f[`${prefix}AddressId`]), text: str(f[`${prefix}AddressText`]) };
  return { kind };
}

/**
 * The answers a page's form gives for its step. `previous` is what is saved (the inspection page
 * keeps the saved reason and date; the date page keeps a chosen inspection date only when the move-out
 * date did not change). Returns the raw object for the step's schema, which validates it.
 */
export function formToAnswers(slug: string, f: FormValues, previous: NoticeAnswers): { step: StepId; answers: unknown } | null {
  switch (slug) {
    case "generelt":
      return { step: "general", answers: {} };
    case "dig-og-lejemaalet": {
      const tenants = [0, 1]
        .filter((i) => str(f[`tenant${i}Id`]) !== "")
        .map((i) => ({ personId: str(f[`tenant${i}Id`]), mobile: str(f[`tenant${i}Mobile`]), phone: str(f[`tenant${i}Phone`]), email: str(f[`tenant${i}Email`]) }));
      const cohabitant = f.addCohabitant === "yes" ? { name: str(f.cohabitantName), email: str(f.cohabitantEmail), mobile: str(f.cohabitantMobile) } : null;
      return { step: "you-and-lease", answers: { tenants, cohabitant } };
    }
    case "bilejemaal":
      return { step: "sub-leases", answers: { terminateAll: f.terminateAll === "yes" ? true : f.terminateAll === "no" ? false : undefined } };
    case "fraflytning": {
      const iso = isoFromParts(str(f.moveOutDay), str(f.moveOutMonth), str(f.moveOutYear));
      const before = previous["move-out"];
      const keep = before && before.moveOutDate === iso ? before.inspectionDate : null;
      return { step: "move-out", answers: { reasonCodeId: str(f.reasonCodeId), moveOutDate: iso ?? "", inspectionDate: keep } };
    }
    case "flyttesyn": {
      const before = previous["move-out"];
      return { step: "move-out", answers: { reasonCodeId: before?.reasonCodeId ?? "", moveOutDate: before?.moveOutDate ?? "", inspectionDate: str(f.inspectionDate) || "" } };
    }
    case "fremvisning":
      return { step: "viewing", answers: { phone: str(f.phone) } };
    case "ny-adresse": {
      if (f.mode === "each") {
        const addresses = [0, 1]
          .filter((i) => str(f[`a${i}PersonId`]) !== "")
          .map((i) => ({ personId: str(f[`a${i}PersonId`]), address: addressFrom(f, `a${i}`) }));
        return { step: "new-address", answers: { mode: "each", addresses } };
      }
      return { step: "new-address", answers: { mode: "same", address: addressFrom(f, "a0") } };
    }
    case "konto": {
      const kind = str(f.accountKind);
      if (kind === "nemkonto") return { step: "account", answers: { account: { kind } } };
      if (kind === "iban") return { step: "account", answers: { account: { kind, iban: str(f.iban) } } };
      if (kind === "danish") return { step: "account", answers: { account: { kind, regNo: str(f.regNo), accountNo: str(f.accountNo) } } };
      return { step: "account", answers: { account: { kind } } };
    }
    case "tjek-svar":
      return { step: "check-answers", answers: f.onlyOccupant === "yes" ? { onlyOccupant: true } : {} };
    default:
      return null;
  }
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The form field a schema error path names on a page ("tenants.0.mobile" → "tenant0Mobile"). */
export function formFieldOf(slug: string, path: string, values: FormValues = {}): string {
  const p = path.split(".");
  switch (slug) {
    case "dig-og-lejemaalet":
      if (p[0] === "tenants" && p[1] !== undefined) return `tenant${p[1]}${cap(p[2] ?? "mobile")}`;
      if (p[0] === "cohabitant") return p[1] ? `cohabitant${cap(p[1])}` : "addCohabitant";
      return "tenant0Mobile";
    case "bilejemaal":
      return "terminateAll";
    case "fraflytning":
      return p[0] === "reasonCodeId" ? "reasonCodeId" : "moveOutDay";
    case "flyttesyn":
      return "inspectionDate";
    case "fremvisning":
      return "phone";
    case "ny-adresse": {
      // address.text / addresses.1.address.country …
      const prefix = p[0] === "addresses" ? `a${p[1] ?? 0}` : "a0";
      const rest = p[0] === "addresses" ? p.slice(3) : p.slice(1);
      const field = rest[0];
      if (p[0] === "mode") return "mode";
      if (field === "country") return `${prefix}Country`;
      if (field === "text" && values[`${prefix}Kind`] === "foreign") return `${prefix}ForeignText`;
      if (field === "addressId" || field === "text") return `${prefix}AddressQuery`;
      return `${prefix}Kind`;
    }
    case "konto": {
      const field = p[1];
      return field === "regNo" || field === "accountNo" || field === "iban" ? field : "accountKind";
    }
    case "tjek-svar":
      return "onlyOccupant";
    default:
      return "";
  }
}
