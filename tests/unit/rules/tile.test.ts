import { describe, it, expect } from "vitest";
import { RuleError, tileStatus, type TileInput, type TileReason } from "@/lib/rules";
import { TILE_OK } from "../../support/tile";
import { expectRuleError } from "../../support/rule-error";


const OK: TileInput = TILE_OK;
const TODAY = "2027-01-10";

describe("tileStatus", () => {
  it.each<[string, Partial<TileInput>, TileReason[]]>([
    ["everything in order", {}, []],
    ["no notice rule", { noticeRule: null }, ["no-notice-rule"]],
    ["no renovation period", { renovationDays: null }, ["no-renovation-period"]],
    ["a renovation period of 0 days is set", { renovationDays: 0 }, []],
    ["neither notice rule nor renovation period", { noticeRule: null, renovationDays: null }, ["no-notice-rule", "no-renovation-period"]],
    ["already terminated", { terminated: true }, ["already-terminated"]],
    ["company stopped", { companyStopped: true }, ["stopped"]],
    ["property stopped", { propertyStopped: true }, ["stopped"]],
    ["lease ended", { leaseEnded: true }, ["stopped"]],
    ["company, property and lease stopped is one reason", { companyStopped: true, propertyStopped: true, leaseEnded: true }, ["stopped"]],
    ["non-terminable until a later date", { nonTerminableUntil: "2027-12-31" }, ["non-terminable"]],
    ["non-terminable until today (inclusive)", { nonTerminableUntil: TODAY }, ["non-terminable"]],
    ["non-terminable until yesterday", { nonTerminableUntil: "2027-01-09" }, []],
    ["non-terminable, but terminable in period from today", { nonTerminableUntil: "2027-12-31", terminableInPeriodFrom: TODAY }, []],
    ["non-terminable, terminable in period from earlier", { nonTerminableUntil: "2027-12-31", terminableInPeriodFrom: "2026-01-01" }, []],
    ["non-terminable, terminable in period only from tomorrow", { nonTerminableUntil: "2027-12-31", terminableInPeriodFrom: "2027-01-11" }, ["non-terminable"]],
    ["terminable in period without non-terminable date", { terminableInPeriodFrom: "2027-06-01" }, []],
    ["other notice rules are fine", { noticeRule: { months: 0, days: 14, anchor: "any" } }, []],
    [
      "every reason, in the spec's order",
      {
        noticeRule: null,
        renovationDays: null,
        terminated: true,
        leaseEnded: true,
        nonTerminableUntil: "2027-02-01",
        terminableInPeriodFrom: "2027-01-11",
      },
      ["no-notice-rule", "no-renovation-period", "already-terminated", "stopped", "non-terminable"],
    ],
    ["terminated and stopped", { terminated: true, propertyStopped: true }, ["already-terminated", "stopped"]],
  ])("%s", (_label, patch, reasons) => {
    expect(tileStatus({ ...OK, ...patch }, TODAY)).toEqual({ ok: reasons.length === 0, reasons });
  });

  it.each<[string, string, string, string]>([
    ["non-terminable across New Year", "2027-12-31", "2028-01-01", "ok"],
    ["non-terminable until leap day, today leap day", "2028-02-29", "2028-02-29", "non-terminable"],
    ["non-terminable until leap day, today 1 March", "2028-02-29", "2028-03-01", "ok"],
    ["DST Sunday", "2027-03-28", "2027-03-28", "non-terminable"],
  ])("%s", (_label, until, today, expected) => {
    const r = tileStatus({ ...OK, nonTerminableUntil: until }, today);
    expect(r.ok).toBe(expected === "ok");
    expect(r.reasons).toEqual(expected === "ok" ? [] : ["non-terminable"]);
  });

  it.each<[string, Partial<TileInput>, string, string]>([
    ["impossible today", {}, "2027-02-30", "invalid-date"],
    ["impossible non-terminable date", { nonTerminableUntil: "2027-13-01" }, TODAY, "invalid-date"],
    ["unpadded terminable-in-period date", { nonTerminableUntil: "2027-12-31", terminableInPeriodFrom: "2027-1-5" }, TODAY, "invalid-date"],
    ["negative renovation period", { renovationDays: -1 }, TODAY, "invalid-number"],
    ["fractional renovation period", { renovationDays: 0.5 }, TODAY, "invalid-number"],
    ["invalid notice rule", { noticeRule: { months: 3, anchor: "any", runningMonth: true } }, TODAY, "invalid-rule"],
  ])("refuses %s", (_label, patch, today, code) => {
    expectRuleError(() => tileStatus({ ...OK, ...patch }, today), code);
  });
});
