/**
 * Tenancy import, the pure parts: column auto-mapping, dates (dd-mm-yyyy, yyyy-mm-dd, Excel
 * serials), CPR validation and hashing at read time, encoding and separator detection, and the
 * plan's row refusals and upserts by the numbers.
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { autoMapping, mappingProblems } from "@/lib/import/mapping";
import { cprColumns, decodeText, detectDelimiter, detectEncoding, parseDate, protectCpr, readCsv, safeEcho, validCpr } from "@/lib/import/parse";
import { decodeTable, encodeTable } from "@/lib/import/content";
import { emptySnapshot, planImport, type Snapshot } from "@/lib/import/plan";

const hash = (cpr: string) => createHmac("sha256", "unit-key").update(cpr).digest("hex");
let n = 0;
const newId = () => `id-${++n}`;

describe("auto-mapping by normalised header", () => {
  it.each([
    [["SelskabNr", "EjendomNr"], { selskabNr: "SelskabNr", ejendomNr: "EjendomNr" }],
    [["selskab_nr", "EJENDOM NR"], { selskabNr: "selskab_nr", ejendomNr: "EJENDOM NR" }],
    [["Lejemål nr.", "Indflytningsdato"], { lejemaalNr: "Lejemål nr.", indflytDato: "Indflytningsdato" }],
    [["CPR-nr", "Navn", "E-mail"], { lejer1Cpr: "CPR-nr", lejer1Navn: "Navn", lejer1Email: "E-mail" }],
    [["\uFEFFSelskabNr"], { selskabNr: "\uFEFFSelskabNr" }],
    [["Opsigelsesvarsel", "Istandsættelsesperiode"], { opsigVarsel: "Opsigelsesvarsel", istandPeriode: "Istandsættelsesperiode" }],
    [["Lejer1Cpr", "cpr"], { lejer1Cpr: "Lejer1Cpr" }],
    [["Farve"], {}],
  ])("%j → %j", (columns, expected) => {
    expect(autoMapping(columns)).toEqual(expected);
  });

  it("names the required fields without a column, and a CPR field on a column that was not hashed", () => {
    const problems = mappingProblems({ selskabNr: "A", lejer1Cpr: "B" }, ["A", "B"], []);
    expect(problems.map((p) => p.field)).toContain("ejendomNr");
    expect(problems.find((p) => p.field === "lejer1Cpr")?.message).toMatch(/ikke genkendt som CPR/);
  });
});

describe("dates", () => {
  it.each([
    ["01-08-2019", "2019-08-01"],
    ["1.8.2019", "2019-08-01"],
    ["01/08/2019", "2019-08-01"],
    ["2019-08-01", "2019-08-01"],
    ["2019-08-01 00:00:00.000", "2019-08-01"],
    ["2019-08-01T00:00:00Z", "2019-08-01"],
    ["43678", "2019-08-01"],
    ["43678.0", "2019-08-01"],
    ["10000", "1927-05-18"],
    ["2019", null],
    ["31-02-2020", null],
    ["29-02-2021", null],
    ["29-02-2020", "2020-02-29"],
    ["2020-13-01", null],
    ["i går", null],
    ["", null],
  ])("%j → %j", (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });
});

describe("CPR numbers", () => {
  it.each([
    ["0101851234", "0101851234"],
    ["010185-1234", "0101851234"],
    [" 010185 1234 ", "0101851234"],
    ["101851234", "0101851234"],
    ["2902961240", "2902961240"],
    ["3102851234", null],
    ["0013851234", null],
    ["0000851234", null],
    ["01018512345", null],
    ["abc", null],
  ])("%j → %j", (input, expected) => {
    expect(validCpr(input)).toBe(expected);
  });

  it("a report echo never carries a CPR number", () => {
    expect(safeEcho("010185-1234")).not.toMatch(/\d{6}/);
    expect(safeEcho("0101851234")).toBe("######");
    expect(safeEcho("3M")).toBe("3M");
    expect(safeEcho("31-02-2020")).toBe("31-02-2020");
    expect(safeEcho("101851234")).toBe("######");
    expect(safeEcho("Navn 010185 1234")).toBe("Navn ######");
  });

  it("finds CPR columns by name and by content, and hashes every cell before anything is stored", () => {
    const t = readCsv(Buffer.from("SelskabNr;Personnummer;Andet;Tal\n1;0101851234;010185-1234;12\n2;xyz;;13\n", "utf8"));
    expect(cprColumns(t)).toEqual([1, 2]);
    const p = protectCpr(t, hash);
    expect(p.rows[0]!.cells[1]).toBe(`h:${hash("0101851234")}`);
    expect(p.rows[0]!.cells[2]).toBe(`h:${hash("0101851234")}`);
    expect(p.rows[1]!.cells[1]).toBe("!");
    const stored = encodeTable(p);
    expect(decodeTable(stored).rows).toEqual(p.rows);
    expect(JSON.stringify(decodeTable(stored))).not.toContain("0101851234");
    expect(JSON.stringify(decodeTable(stored))).not.toContain("010185-1234");
  });
});

describe("encodings and separators", () => {
  const text = "SelskabNr;By\n1;Århus Ø\n";
  it.each([
    ["UTF-8", Buffer.from(text, "utf8"), "utf-8"],
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]), "utf-8"],
    ["Windows-1252", Buffer.from(text, "latin1"), "windows-1252"],
    ["UTF-16 LE with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]), "utf-16le"],
  ])("%s", (_name, bytes, encoding) => {
    expect(detectEncoding(bytes)).toBe(encoding);
    expect(decodeText(bytes).text).toBe(text);
    expect(readCsv(bytes).rows[0]!.cells).toEqual(["1", "Århus Ø"]);
  });
  it("Windows-1252's own letters (€, æ, ø)", () => {
    expect(decodeText(Buffer.from([0x80, 0xe6, 0xf8])).text).toBe("€æø");
  });
  it.each([
    ["a;b;c\n1;2;3", ";"],
    ["a,b,c\n1,2,3", ","],
    ["a\tb\tc", "\t"],
    ['"x;y",b,c', ","],
  ])("%j separated by %j", (t, d) => {
    expect(detectDelimiter(t)).toBe(d);
  });
});

const HEADER = "SelskabNr;EjendomNr;LejemaalNr;HovedLejemaalNr;LejerNr;Adresse1;Postnr;By;IndflytDato;FraflytOpsigVarsel;FraflytIstandPeriode;Lejer1Navn;Lejer1Cpr;Lejer2Navn;Lejer2Cpr";
function table(lines: string[]) {
  const t = protectCpr(readCsv(Buffer.from([HEADER, ...lines].join("\n"), "utf8")), hash);
  return { t, mapping: autoMapping(t.columns) };
}
function snapshot(): Snapshot {
  const s = emptySnapshot();
  s.codes.OPSIGELSESVARSEL.set("3M", "rule-3m");
  return s;
}

describe("the plan: refusals, row by row", () => {
  it.each([
    [";1;1;;2;Vej 1;2100;Kbh;01-01-2020;3M;14;Anna;0101851234;;", /SelskabNr mangler/],
    ["x;1;1;;2;Vej 1;2100;Kbh;01-01-2020;3M;14;Anna;0101851234;;", /SelskabNr er ikke et helt tal/],
    ["1;1;1;;2;;2100;Kbh;01-01-2020;3M;14;Anna;0101851234;;", /Adresse1 mangler/],
    ["1;1;1;;2;Vej 1;2100;Kbh;31-02-2020;3M;14;Anna;0101851234;;", /IndflytDato er ikke en gyldig dato/],
    ["1;1;1;;2;Vej 1;2100;Kbh;01-01-2020;9X;14;Anna;0101851234;;", /Ukendt kode for opsigelsesvarsel "9X"/],
    ["1;1;1;;2;Vej 1;2100;Kbh;01-01-2020;3M;fjorten;Anna;0101851234;;", /FraflytIstandPeriode er ikke et helt tal/],
    ["1;1;1;;2;Vej 1;2100;Kbh;01-01-2020;3M;14;Anna;3213851234;;", /Lejer1Cpr er ikke et gyldigt CPR-nummer/],
    ["1;1;1;;2;Vej 1;2100;Kbh;01-01-2020;3M;14;Anna;;;", /Lejer1Cpr mangler/],
    ["1;1;1;;2;Vej 1;2100;Kbh;01-01-2020;3M;14;Anna;0101851234;Bent;0101851234", /samme CPR-nummer/],
    ["1;1;1;;2;Vej 1;2100;Kbh;01-01-2020;3M;14;Anna;0101851234;Bent;", /Lejer2Cpr mangler/],
    ["1;1;1;7;2;Vej 1;2100;Kbh;01-01-2020;3M;14;Anna;0101851234;;", /HovedLejemaalNr 7 findes hverken/],
    ["1;1;1;1;2;Vej 1;2100;Kbh;01-01-2020;3M;14;Anna;0101851234;;", /peger på lejemålet selv/],
  ])("%s", (line, reason) => {
    const { t, mapping } = table([line]);
    const plan = planImport(t, mapping, snapshot(), { newId });
    expect(plan.counts.refused).toBe(1);
    expect(plan.rows[0]!.reasons.join(" ")).toMatch(reason);
    expect(JSON.stringify(plan.rows)).not.toMatch(/0101851234|3213851234/);
  });

  it("refuses every occurrence of a tenancy that is twice in the file, and rows that disagree about their lease", () => {
    const { t, mapping } = table([
      "1;1;1;;2;Vej 1;2100;Kbh;01-01-2020;3M;14;Anna;0101851234;;",
      "1;1;1;;2;Vej 1;2100;Kbh;01-01-2020;3M;14;Anna;0101851234;;",
      "1;1;2;;2;Vej 2;2100;Kbh;01-01-2020;3M;14;Bent;0203701235;;",
      "1;1;2;;4;Vej 2B;2100;Kbh;01-01-2021;3M;14;Carl;2107901237;;",
    ]);
    const plan = planImport(t, mapping, snapshot(), { newId });
    expect(plan.rows.map((r) => [r.line, r.outcome])).toEqual([[2, "refused"], [3, "refused"], [4, "created"], [5, "refused"]]);
    expect(plan.rows[0]!.reasons[0]).toMatch(/LejerNr 2 findes flere gange i filen .*række 3/);
    expect(plan.rows[3]!.reasons[0]).toMatch(/Adresse1 afviger fra række 4/);
  });

  it("creates companies, properties, leases (main before sub-lease), persons and tenancies; planned again against the result it changes nothing", () => {
    const { t, mapping } = table([
      "1;1;11;10;2;Vej 1, garage;2100;Kbh;01-01-2020;3M;14;Anna;0101851234;;",
      "1;1;10;;2;Vej 1;2100;Kbh;01-01-2020;3M;14;Anna;0101851234;Bent;0203701235",
    ]);
    const plan = planImport(t, mapping, snapshot(), { newId });
    expect(plan.counts).toEqual({ created: 2, changed: 0, unchanged: 0, refused: 0 });
    expect(plan.writes.selskaber.create).toHaveLength(1);
    expect(plan.writes.lejemaal.create.map((l) => l.nr)).toEqual([10]);
    expect(plan.writes.lejemaal.createSub.map((l) => [l.nr, l.mainLejemaalId])).toEqual([[11, plan.writes.lejemaal.create[0]!.id]]);
    expect(plan.writes.persons.create.map((p) => p.cprHash).sort()).toEqual([hash("0101851234"), hash("0203701235")].sort());

    // The state the plan produces, as a snapshot:
    const s = snapshot();
    const w = plan.writes;
    for (const x of w.selskaber.create) s.selskaber.set(x.nr, { id: x.id, name: x.name });
    for (const x of w.ejendomme.create) s.ejendomme.set(`1/${x.nr}`, { id: x.id, name: x.name });
    for (const x of [...w.lejemaal.create, ...w.lejemaal.createSub]) s.lejemaal.set(`1/1/${x.nr}`, { ...x });
    for (const x of w.persons.create) s.persons.set(x.cprHash, { ...x });
    const nrOf = new Map([...w.lejemaal.create, ...w.lejemaal.createSub].map((l) => [l.id, l.nr]));
    for (const x of w.lejere.create) s.lejere.set(`1/1/${nrOf.get(x.lejemaalId)}/${x.nr}`, { ...x });
    const again = planImport(t, mapping, s, { newId });
    expect(again.counts).toEqual({ created: 0, changed: 0, unchanged: 2, refused: 0 });

    // A changed notice rule and move-in date is a change of that row only.
    const { t: t2 } = table([
      "1;1;11;10;2;Vej 1, garage;2100;Kbh;01-01-2020;3M;14;Anna;0101851234;;",
      "1;1;10;;2;Vej 1;2100;Kbh;02-01-2020;;14;Anna;0101851234;Bent;0203701235",
    ]);
    const changed = planImport(t2, mapping, s, { newId });
    expect(changed.counts).toEqual({ created: 0, changed: 1, unchanged: 1, refused: 0 });
    expect(changed.rows[1]!.reasons[0]).toBe("Ændres: IndflytDato, FraflytOpsigVarsel");
  });
});

describe("stored content", () => {
  it("the header line alone can be read from a large file's start", async () => {
    const { decodeHeader } = await import("@/lib/import/content");
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ line: i + 2, cells: [String(i), `Vej ${i}`, `h:${hash(String(i))}`] }));
    const bytes = encodeTable({ format: "csv", columns: ["SelskabNr", "Adresse1", "Lejer1Cpr"], cprColumns: [2], rows });
    expect(decodeHeader(bytes)).toEqual({ columns: ["SelskabNr", "Adresse1", "Lejer1Cpr"], cprColumns: [2] });
  });

  it("a file that cannot be read says so without quoting its content", () => {
    const bad = Buffer.from('SelskabNr;Lejer1Cpr\n1;"0101851234\n2;"x"y"\n', "utf8");
    let message = "";
    try {
      readCsv(bad);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toContain("0101851234");
  });
});
