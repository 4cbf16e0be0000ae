/**
 * Pure helpers of the audit log pages and its CSV export: the before/after diff, Danish
 * timestamps, and CSV cells safe to open in a spreadsheet (no formula injection).
 */
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { DANISH_TZ } from "@/lib/time";

export type DiffRow = { key: string; before: string; after: string };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A value of before/after as text: "—" for none, JSON for lists and objects. */
export function diffValue(v: unknown): string {
  if (v === undefined || v === null || v === "") return "—";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

/**
 * The keys whose value differs between `before` and `after` (objects; anything else counts as one
 * value under the key ""), in the order they first appear (before's keys, then after's new ones).
 * A key present on one side only is shown against "—".
 */
export function auditDiff(before: unknown, after: unknown): DiffRow[] {
  const absent = before === null || before === undefined;
  const gone = after === null || after === undefined;
  if (absent && gone) return [];
  if (!(isPlainObject(before) || absent) || !(isPlainObject(after) || gone)) {
    return JSON.stringify(before ?? null) === JSON.stringify(after ?? null) ? [] : [{ key: "", before: diffValue(before), after: diffValue(after) }];
  }
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))];
  return keys
    .filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
    .map((k) => ({ key: k, before: diffValue(b[k]), after: diffValue(a[k]) }));
}

/** "01.12.2026 16:20:05" in Danish time. */
export function danishDateTime(at: Date): string {
  return format(new TZDate(at.getTime(), DANISH_TZ), "dd.MM.yyyy HH:mm:ss");
}

/** The instant a Danish calendar day starts (00:00 Europe/Copenhagen) — for date-from/to filters. */
export function danishDayStart(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, DANISH_TZ).getTime());
}

