import { describe, expect, it } from "vitest";
import { auditDiff, danishDateTime, danishDayStart, diffValue } from "@/lib/admin/audit-format";
import { csvCell, csvLine } from "@/lib/text/csv";
import { eventLabel } from "@/lib/admin/audit-labels";
import { isRealIsoDate } from "@/lib/admin/tenancies";

describe("auditDiff", () => {
  it("lists only the keys whose value changed, old → new, in order of appearance", () => {
    expect(auditDiff({ renovationDays: null, noticeRule: "3M1", same: 1 }, { renovationDays: 14, noticeRule: "14D", same: 1 })).toEqual([
      { key: "renovationDays", before: "—", after: "14" },
      { key: "noticeRule", before: "3M1", after: "14D" },
    ]);
  });
  it("shows a key on one side only against —", () => {
    expect(auditDiff(undefined, { reason: "totp" })).toEqual([{ key: "reason", before: "—", after: "totp" }]);
    expect(auditDiff({ a: "x" }, null)).toEqual([{ key: "a", before: "x", after: "—" }]);
    expect(auditDiff({ a: 1 }, { b: 2 })).toEqual([
      { key: "a", before: "1", after: "—" },
      { key: "b", before: "—", after: "2" },
    ]);
  });
  it("is empty when nothing is there or nothing changed", () => {
    expect(auditDiff(null, null)).toEqual([]);
    expect(auditDiff(undefined, undefined)).toEqual([]);
    expect(auditDiff({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
  });
  it("compares lists and objects by value and prints them as JSON", () => {
    expect(auditDiff({ roles: ["A"] }, { roles: ["A", "B"] })).toEqual([{ key: "roles", before: '["A"]', after: '["A","B"]' }]);
    expect(auditDiff({ v: false }, { v: true })).toEqual([{ key: "v", before: "false", after: "true" }]);
  });
  it("treats non-object data as one value", () => {
    expect(auditDiff("a", "b")).toEqual([{ key: "", before: "a", after: "b" }]);
    expect(auditDiff([1], [1])).toEqual([]);
  });
  it("diffValue", () => {
    expect(diffValue("")).toBe("—");
    expect(diffValue(0)).toBe("0");
    expect(diffValue({ a: 1 })).toBe('{"a":1}');
  });
});

describe("CSV cells", () => {
  it.each([
    ["=1+2", "'=1+2"],
    ["+4512345678", "'+4512345678"],
    ["-5", "'-5"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["=HYPERLINK(\"http://x\";\"y\")", "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\""],
  ])("neutralises a formula: %j → %j", (input, out) => {
    expect(csvCell(input)).toBe(out);
  });
  it("quotes ; \" and line breaks, doubling quotes", () => {
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("plain text")).toBe("plain text");
    expect(csvCell("1-1-3")).toBe("1-1-3");
  });
  it("writes empty cells for null and numbers as text", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(14)).toBe("14");
    expect(csvCell(-1)).toBe("'-1");
  });
  it("joins a line with ; and CRLF", () => {
    expect(csvLine(["a", "=b", null, "c;d"])).toBe("a;'=b;;\"c;d\"\r\n");
  });
});

describe("Danish time", () => {
  it("shows an instant in Danish time, winter and summer", () => {
    expect(danishDateTime(new Date("2026-12-01T15:20:05Z"))).toBe("01.12.2026 16:20:05");
    expect(danishDateTime(new Date("2026-07-01T22:30:00Z"))).toBe("02.07.2026 00:30:00");
  });
  it("finds the start of a Danish day", () => {
    expect(danishDayStart("2026-12-01").toISOString()).toBe("2026-11-30T23:00:00.000Z");
    expect(danishDayStart("2026-07-01").toISOString()).toBe("2026-06-30T22:00:00.000Z");
  });
});

describe("real dates", () => {
  it.each([
    ["2026-02-28", true],
    ["2028-02-29", true],
    ["2026-02-30", false],
    ["2026-02-29", false],
    ["2026-13-01", false],
    ["2026-04-31", false],
    ["26-01-01", false],
    ["", false],
  ])("%s → %s", (s, ok) => expect(isRealIsoDate(s)).toBe(ok));
});

describe("event labels", () => {
  it("uses the catalogue's text and falls back to the code", () => {
    const texts: Record<string, string> = { "events.LEJER_UPDATED": "Lejemål ændret" };
    const t = (k: string) => texts[k] ?? `adminAudit.${k}`;
    expect(eventLabel(t, null, "LEJER_UPDATED")).toBe("Lejemål ændret");
    expect(eventLabel(t, null, "SOMETHING_NEW")).toBe("SOMETHING_NEW");
    expect(eventLabel(t, (k) => k in texts, "SOMETHING_NEW")).toBe("SOMETHING_NEW");
  });
});

describe("the list pages' queries drop what does not fit (a typo is no 404)", async () => {
  const { tenancySearchSchema } = await import("@/lib/admin/tenancies");
  const { auditListQuerySchema, auditFilterSchema } = await import("@/lib/admin/audit-log");
  it("tenancy search", () => {
    expect(tenancySearchSchema.parse({ q: " 1-1-3 ", selskab: "1", side: "2" })).toEqual({ q: "1-1-3", selskab: 1, side: 2 });
    expect(tenancySearchSchema.parse({ q: "x".repeat(300), selskab: "abc", ejendom: "-3", vis: "nope", side: "0" })).toEqual({ q: "", side: 1 });
  });
  it("audit list, while the CSV route's filter stays strict", () => {
    expect(auditListQuerySchema.parse({ type: "LEJER_UPDATED", entityType: "Lejemål", from: "2026-02-30", to: "2026-12-01" })).toEqual({ type: "LEJER_UPDATED", to: "2026-12-01" });
    expect(auditFilterSchema.safeParse({ entityType: "Lejemål" }).success).toBe(false);
  });
});
