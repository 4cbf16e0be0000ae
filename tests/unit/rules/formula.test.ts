import { describe, it, expect } from "vitest";
import { evaluateFormula, parseFormula, validateFormula, RuleError } from "@/lib/rules";
import { errorOf } from "../../support/rule-error";

/** The formula of forretningsgang 03.02, exactly as in docs/rules.md (the default re-letting formula). */
const SPEC = "((AntalDageReelt( Dagsdato ; Dato ) > 42) & ((Dag=1) ? (Dag=15)))";


describe("evaluateFormula: the 03.02 formula (more than 42 days out, on the 1st or the 15th)", () => {
  it.each([
    // [today, value, days out, expected]
    ["2027-01-17", "2027-03-01", 43, true], // the 1st, 43 days
    ["2027-01-18", "2027-03-01", 42, false], // the 1st, 42 days
    ["2027-01-19", "2027-03-01", 41, false], // the 1st, 41 days
    ["2027-01-31", "2027-03-15", 43, true], // the 15th, 43 days
    ["2027-02-01", "2027-03-15", 42, false], // the 15th, 42 days
    ["2027-02-02", "2027-03-15", 41, false], // the 15th, 41 days
    ["2027-02-01", "2027-03-16", 43, false], // the 16th, 43 days
    ["2027-02-02", "2027-03-16", 42, false], // the 16th, 42 days
    ["2027-02-03", "2027-03-16", 41, false], // the 16th, 41 days
    ["2027-01-16", "2027-02-28", 43, false], // last day of the month, 43 days
    ["2027-01-31", "2027-03-16", 44, false], // other day, 44 days
    ["2027-01-17", "2027-06-01", 135, true], // far out, the 1st
    ["2027-01-17", "2027-06-15", 149, true], // far out, the 15th
    ["2026-11-20", "2027-01-01", 42, false], // over New Year, 42 days
    ["2026-11-19", "2027-01-01", 43, true], // over New Year, 43 days
    ["2027-03-15", "2027-03-01", -14, false], // in the past
    ["2027-03-15", "2027-03-15", 0, false], // today
    ["2028-01-19", "2028-03-01", 42, false], // leap year: 29 February counts
    ["2028-01-18", "2028-03-01", 43, true],
  ])("today %s, value %s (%i days) → %s", (today, value, _days, expected) => {
    expect(evaluateFormula(SPEC, { today, value })).toBe(expected);
  });

  it("parses the spec formula", () => {
    expect(validateFormula(SPEC)).toEqual({ ok: true });
    expect(parseFormula(SPEC).kind).toBe("and");
  });
});

describe("evaluateFormula: operators, names and functions", () => {
  // Dagsdato = Sunday 17 January 2027, Dato = Monday 15 March 2027 (57 days later).
  const today = "2027-01-17";
  const value = "2027-03-15";
  it.each([
    // comparisons on numbers
    ["Dag=15", true],
    ["Dag=16", false],
    ["Dag<>15", false],
    ["Dag<>16", true],
    ["Dag<16", true],
    ["Dag<15", false],
    ["Dag<=15", true],
    ["Dag<=14", false],
    ["Dag>14", true],
    ["Dag>15", false],
    ["Dag>=15", true],
    ["Dag>=16", false],
    ["15=Dag", true],
    ["16>Dag", true],
    ["1=1", true],
    ["1<>1", false],
    ["Dag=015", true],
    // parts of Dato, every spelling, case-insensitive
    ["Maaned=3", true],
    ["Måned=3", true],
    ["MAANED=3", true],
    ["måned=3", true],
    ["MÅNED=3", true],
    ["Ma\u030Aned=3", true], // "Måned" typed with a combining ring
    ["Aar=2027", true],
    ["År=2027", true],
    ["år=2027", true],
    ["AAR=2027", true],
    ["ÅR=2027", true],
    ["Ugedag=1", true],
    ["UGEDAG=1", true],
    ["ugedag<>7", true],
    ["dag=15", true],
    ["DAG=15", true],
    // parts of a date argument
    ["Dag(Dagsdato)=17", true],
    ["Maaned(Dagsdato)=1", true],
    ["Måned(Dagsdato)=1", true],
    ["Aar(Dagsdato)=2027", true],
    ["År(Dagsdato)=2027", true],
    ["Ugedag(Dagsdato)=7", true],
    ["Dag(Dato)=15", true],
    ["Dag( Dato )=15", true],
    ["Dag((Dato))=15", true],
    ["Dag(DAGSDATO)=17", true],
    ["Dag(Dato)=Dag", true],
    ["Dag(Dagsdato)<Dag(Dato)", false],
    // day counts
    ["AntalDageReelt(Dagsdato;Dato)=57", true],
    ["AntalDageReelt(Dato;Dagsdato)=-57", true],
    ["AntalDageReelt(Dato;Dagsdato)<0", true],
    ["-AntalDageReelt(Dato;Dagsdato)=57", true],
    ["antaldagereelt(dagsdato;dato)=57", true],
    ["ANTALDAGEREELT(DAGSDATO;DATO)>56", true],
    ["AntalDageReelt(Dato;Dato)=0", true],
    ["AntalDageReelt(Dagsdato;Dagsdato)=0", true],
    ["AntalDageReelt ( Dagsdato ; Dato ) > 42", true],
    ["AntalDageReelt(Dagsdato;Dato)>57", false],
    ["AntalDageReelt(Dagsdato;Dato)>=57", true],
    // dates compared by calendar order
    ["Dato>Dagsdato", true],
    ["Dato<Dagsdato", false],
    ["Dato=Dato", true],
    ["Dato<>Dagsdato", true],
    ["Dagsdato<=Dato", true],
    ["Dato>=Dato", true],
    ["Dato<=Dagsdato", false],
    // NOT, AND, OR
    ["!(Dag=15)", false],
    ["!(Dag=1)", true],
    ["!!(Dag=15)", true],
    ["! (Dag=1)", true],
    ["Dag=1 ? Dag=15", true],
    ["Dag=1 ? Dag=2", false],
    ["Dag=1 & Dag=15", false],
    ["Dag=15 & Maaned=3", true],
    ["Dag=15 & Maaned=3 & Aar=2027 & Ugedag=1", true],
    ["Dag=1 ? Dag=2 ? Dag=3 ? Dag=15", true],
    // precedence: ! > comparison > & > ?
    ["Dag=15 ? Dag=1 & Maaned=1", true], // Dag=15 ? (Dag=1 & Maaned=1)
    ["(Dag=15 ? Dag=1) & Maaned=1", false],
    ["Dag=1 & Maaned=1 ? Dag=15", true], // (Dag=1 & Maaned=1) ? Dag=15
    ["Dag=1 & (Maaned=1 ? Dag=15)", false],
    ["!(Dag=1) & Dag=15", true], // (!(Dag=1)) & Dag=15
    ["!(Dag=15) ? Dag=15", true],
    ["!(Dag=15) & Dag=15", false],
    ["!(Dag=15 ? Dag=1)", false],
    ["!(Dag=1) = (Dag=15)", true], // ! binds tighter than =
    // nested parentheses
    ["(((Dag=15)))", true],
    ["((Dag)=(15))", true],
    ["((Dag=15) & ((Maaned=3) & ((Aar=2027))))", true],
    ["((Dag=1) ? ((Dag=2) ? ((Dag=3) ? (Dag=15))))", true],
    // true/false compared with = and <>
    ["(Dag=15)=(Maaned=3)", true],
    ["(Dag=15)<>(Maaned=4)", true],
    ["(Dag=15)=(Maaned=4)", false],
    // negative numbers
    ["Dag>-1", true],
    ["-1<0", true],
    ["- 5 = -5", true],
    ["--5=5", true],
    ["-(5)=-5", true],
    ["-Dag=-15", true],
    ["AntalDageReelt(Dato;Dagsdato)>-58", true],
    // white space is free
    ["  Dag = 15  ", true],
    ["\tDag\n=\r\n15", true],
    ["Dag=15&Maaned=3?Dag=1", true],
    ["(  ( Dag =15 ) )", true],
    ["Dag  <=  15", true],
  ])("%j → %s", (formula, expected) => {
    expect(evaluateFormula(formula, { today, value })).toBe(expected);
    expect(validateFormula(formula)).toEqual({ ok: true });
  });
});

describe("evaluateFormula: Ugedag, day counts and date edges", () => {
  it.each([
    ["2027-03-15", 1],
    ["2027-03-16", 2],
    ["2027-03-17", 3],
    ["2027-03-18", 4],
    ["2027-03-19", 5],
    ["2027-03-20", 6],
    ["2027-03-21", 7],
    ["2028-02-29", 2],
    ["2026-12-31", 4],
  ])("Ugedag of %s is %i", (value, weekday) => {
    expect(evaluateFormula(`Ugedag=${weekday}`, { today: "2026-01-01", value })).toBe(true);
    expect(evaluateFormula(`Ugedag(Dato)=${weekday}`, { today: "2026-01-01", value })).toBe(true);
    expect(evaluateFormula(`Ugedag(Dagsdato)=${weekday}`, { today: value, value: "2026-01-01" })).toBe(true);
  });

  it.each([
    // [today, value, AntalDageReelt(Dagsdato; Dato)]
    ["2027-03-15", "2027-03-01", -14],
    ["2027-01-05", "2026-12-31", -5],
    ["2026-12-31", "2027-01-05", 5],
    ["2027-03-27", "2027-03-29", 2], // over the daylight-saving change
    ["2027-10-30", "2027-11-01", 2],
    ["2028-02-28", "2028-03-01", 2], // leap year
    ["2027-02-28", "2027-03-01", 1],
    ["2027-01-01", "2028-01-01", 365],
    ["2028-01-01", "2029-01-01", 366],
    ["2027-06-09", "2027-06-09", 0],
  ])("AntalDageReelt(%s; %s) = %i", (today, value, n) => {
    const lit = n < 0 ? `-${-n}` : String(n);
    expect(evaluateFormula(`AntalDageReelt(Dagsdato;Dato)=${lit}`, { today, value })).toBe(true);
    expect(evaluateFormula(`AntalDageReelt(Dato;Dagsdato)=${n > 0 ? `-${n}` : String(-n)}`, { today, value })).toBe(true);
    expect(evaluateFormula(`AntalDageReelt(Dagsdato;Dato)=${n + 1}`, { today, value })).toBe(false);
  });

  it.each([
    ["Dag=31 & Maaned=12 & Aar=2026", "2026-12-31", true],
    ["Dag=29 & Måned=2 & År=2028", "2028-02-29", true],
    ["Dag=1 & Maaned=1", "2027-01-01", true],
  ])("%s on %s → %s", (formula, value, expected) => {
    expect(evaluateFormula(formula, { today: "2026-06-01", value })).toBe(expected);
  });
});

describe("blank formula = no validation", () => {
  it.each(["", " ", "   ", "\n\t", "\r\n"])("%j is always true", (formula) => {
    expect(evaluateFormula(formula, { today: "2027-01-17", value: "2027-01-18" })).toBe(true);
    expect(evaluateFormula(formula, { today: "2027-01-17", value: "2020-01-01" })).toBe(true);
    expect(parseFormula(formula)).toEqual({ kind: "always-true", pos: 0, type: "boolean" });
    expect(validateFormula(formula)).toEqual({ ok: true });
  });
});

describe("parse errors carry the 0-based position of the error", () => {
  it.each([
    // [formula, position, message fragment]
    ["((Dag=1)", 8, 'Expected ")"'],
    ["(Dag=1", 6, 'Expected ")"'],
    // the spec formula without its last ")"
    ["((AntalDageReelt( Dagsdato ; Dato ) > 42) & ((Dag=1) ? (Dag=15))", 64, 'Expected ")"'],
    ["(Dag=1 & (Dag=2)", 16, 'Expected ")"'],
    ["Dag(Dato=Dato", 13, 'Expected ")"'],
    ["Dag=1)", 5, 'Unexpected ")"'],
    ["Dag=1))", 5, 'Unexpected ")"'],
    ["(Dag=1))", 7, 'Unexpected ")"'],
    ["Dag=1 Dag=2", 6, "Unexpected"],
    ["Dag=1 x", 6, "Unexpected"],
    ["Dag=1 1", 6, "Unexpected"],
    ["1<Dag<5", 5, "cannot be chained"],
    ["Foo=1", 0, 'Unknown name "Foo"'],
    ["Dag=1 & Maned=2", 8, 'Unknown name "Maned"'],
    ["AntalDage(Dagsdato;Dato)>1", 0, 'Unknown name "AntalDage"'],
    ["Dagsdag=1", 0, "Unknown name"],
    ["AntalDageReelt(Dagsdato)>1", 23, 'Expected ";"'],
    ["AntalDageReelt(Dagsdato;)>1", 24, "Expected a value"],
    ["AntalDageReelt(;Dato)>1", 15, "Expected a value"],
    ["AntalDageReelt(Dagsdato;Dato;Dato)>1", 28, "Too many arguments"],
    ["AntalDageReelt(Dagsdato Dato)>1", 24, 'Expected ";" or ")"'],
    ["AntalDageReelt>1", 14, 'Expected "("'],
    ["AntalDageReelt()>1", 15, "Expected a date"],
    ["Dag()=1", 4, "Expected a date"],
    ["Dag(Dagsdato;Dato)=1", 12, "Too many arguments"],
    ["Dato(Dagsdato)=1", 4, "takes no arguments"],
    ["Dagsdato()=Dato", 8, "takes no arguments"],
    ["()", 1, "Empty parentheses"],
    ["Dag=1 & ()", 9, "Empty parentheses"],
    ["Dag=1 && Dag=2", 7, 'write "&" only once'],
    ["Dag=1 ?? Dag=2", 7, 'write "?" only once'],
    ["Dag==1", 4, 'write "=" only once'],
    ["Dag=", 4, "Expected a value"],
    ["Dag=1 &", 7, "Expected a value"],
    ["Dag=1 ?", 7, "Expected a value"],
    ["& Dag=1", 0, "Expected a value"],
    ["!", 1, "Expected a value"],
    ["-", 1, "Expected a value"],
    ["Dag=1.5", 5, "whole numbers"],
    ["Dag=1,5", 5, "whole numbers"],
    ["Dag=1 | Dag=2", 6, 'use "?" for OR'],
    ["Dag=1 # x", 6, "Unexpected character"],
    ["Dag+1=2", 3, "Unexpected character"],
    ["Dag=99999999999999999999", 4, "too large"],
    ["Dag => 1", 5, "Expected a value"],
    ["Dag =< 1", 5, "Expected a value"],
  ])("%j fails at position %i", (formula, position, fragment) => {
    const e = errorOf(() => parseFormula(formula));
    expect(e.code).toBe("invalid-formula");
    expect(e.position).toBe(position);
    expect(e.message).toContain(fragment);
    expect(e.message).toContain(`position ${position}`);
    expect(validateFormula(formula)).toEqual({ ok: false, message: e.message, position });
    const e2 = errorOf(() => evaluateFormula(formula, { today: "2027-01-17", value: "2027-03-01" }));
    expect(e2.code).toBe("invalid-formula");
    expect(e2.position).toBe(position);
  });

  it('reports a missing ")" in the message form staff see', () => {
    const e = errorOf(() => parseFormula("((Dag=1) ? (Dag=15)"));
    expect(e.message).toMatch(/^Expected "\)" at position 19\b/);
  });
});

describe("type errors are refused when the formula is saved", () => {
  it.each([
    ["Dag & 3", 0],
    ["Dag=1 & 3", 8],
    ["Dag ? Dag=1", 0],
    ["Dag=1 ? Dato", 8],
    ["Dato > 5", 5],
    ["5 < Dagsdato", 2],
    ["Dag=Dato", 3],
    ["(Dag=1)<(Dag=2)", 7],
    ["(Dag=1)=1", 7],
    ["Dag", 0],
    ["  Dag", 2],
    ["Dato", 0],
    ["Dagsdato", 0],
    ["15", 0],
    ["-Dag", 0],
    ["(Maaned)", 1],
    ["AntalDageReelt(Dagsdato;Dato)", 0],
    ["!Dag=1", 0], // ! binds tighter than =: (!Dag)=1
    ["!Dag", 0],
    ["!Dato", 0],
    ["-(Dag=1)", 0],
    ["-Dato=1", 0],
    ["Dag(5)=1", 4],
    ["Dag(Dag=1)=1", 4],
    ["Ugedag(Dag)=1", 7],
    ["AntalDageReelt(Dagsdato;1)>0", 24],
    ["AntalDageReelt(1;Dato)>0", 15],
  ])("%j is a type error at position %i", (formula, position) => {
    const e = errorOf(() => parseFormula(formula));
    expect(e.code).toBe("invalid-formula");
    expect(e.position).toBe(position);
    expect(e.message).toContain(`position ${position}`);
    const v = validateFormula(formula);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.position).toBe(position);
  });
});

describe("bad input", () => {
  it.each([
    ["2027-02-30", "2027-03-01"],
    ["2027-01-17", "2027-13-01"],
    ["", "2027-03-01"],
    ["2027-01-17", "27-03-01"],
    ["2027-1-17", "2027-03-01"],
    ["2027-01-17", "2027-03-01T00:00:00Z"],
  ])("today %j / value %j throws invalid-date", (today, value) => {
    expect(errorOf(() => evaluateFormula(SPEC, { today, value })).code).toBe("invalid-date");
    expect(errorOf(() => evaluateFormula("", { today, value })).code).toBe("invalid-date");
  });

  it("a formula that is not text is refused", () => {
    expect(errorOf(() => parseFormula(undefined as unknown as string)).code).toBe("invalid-formula");
    expect(validateFormula(null as unknown as string).ok).toBe(false);
  });

  it("a formula that is far too long is refused", () => {
    const long = Array.from({ length: 400 }, () => "Dag=1").join(" ? ");
    const e = errorOf(() => parseFormula(long));
    expect(e.code).toBe("invalid-formula");
  });

  it("very deep nesting is refused with a position instead of overflowing the stack", () => {
    const deep = "(".repeat(500) + "Dag=1" + ")".repeat(500);
    const e = errorOf(() => parseFormula(deep));
    expect(e.code).toBe("invalid-formula");
    expect(typeof e.position).toBe("number");
  });

  it("moderate nesting is fine", () => {
    const f = "(".repeat(50) + "Dag=15" + ")".repeat(50);
    expect(evaluateFormula(f, { today: "2027-01-17", value: "2027-03-15" })).toBe(true);
  });
});

describe("parseFormula returns a typed tree", () => {
  it("the spec formula", () => {
    const ast = parseFormula(SPEC);
    expect(ast).toMatchObject({
      kind: "and",
      type: "boolean",
      left: { kind: "compare", op: ">", left: { kind: "call", fn: "antaldagereelt" }, right: { kind: "number", value: 42 } },
      right: { kind: "or", left: { kind: "compare", op: "=" }, right: { kind: "compare", op: "=" } },
    });
  });

  it("Måned and Maaned give the same function; a bare part has no arguments (it reads Dato)", () => {
    expect(parseFormula("Måned=3")).toMatchObject({ left: { kind: "call", fn: "maaned", args: [] } });
    expect(parseFormula("maaned(dagsdato)=3")).toMatchObject({ left: { kind: "call", fn: "maaned", args: [{ kind: "today" }] } });
    expect(parseFormula("År=3")).toMatchObject({ left: { fn: "aar" } });
  });

  it("a prefix minus is a negation node", () => {
    expect(parseFormula("Dag>-1")).toMatchObject({ right: { kind: "negate", operand: { kind: "number", value: 1 } } });
  });
});
