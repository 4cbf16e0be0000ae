/**
 * The pure part of an import: from the stored table, the mapping and a snapshot of what the
 * organisation has now, what each row would do — created, changed, unchanged or refused (with the
 * reasons in plain Danish) — and the writes that do it. No I/O: lib/import/apply.ts loads the
 * snapshot and writes the plan. Upserts are by the numbers: Selskab by SelskabNr; Ejendom by
 * SelskabNr+EjendomNr; Lejemaal by +LejemaalNr; Lejer by +LejerNr; Person by its CPR hash. So the
 * same file planned against the state it produced changes nothing.
 *
 * Empty cells: an empty date or code clears the value (the back office is the master); an empty
 * contact field (mobile, phone, e-mail) leaves what is stored (a tenant may have given it here); an
 * unmapped optional field is left alone.
 */
import { IMPORT_FIELDS, importField, type FieldKey } from "./fields";
import type { Mapping } from "./mapping";
import { CPR_HASH_PREFIX, CPR_INVALID, parseDate, parseNumber, safeEcho } from "./parse";
import type { StoredTable } from "./content";

export type Outcome = "created" | "changed" | "unchanged" | "refused";

export type ReportRow = { line: number; key: string; outcome: Outcome; reasons: string[] };

export type Snapshot = {
  selskaber: Map<number, { id: string; name: string }>;
  /** key "s/e" */
  ejendomme: Map<string, { id: string; name: string }>;
  /** key "s/e/l" */
  lejemaal: Map<string, { id: string; address1: string; postalCode: string; city: string; boligtypeId: string | null; sumtypeId: string | null; endedOn: string | null; mainLejemaalId: string | null }>;
  /** key "s/e/l/lejer" */
  lejere: Map<string, { id: string; moveInDate: string; noticeRuleId: string | null; renovationDays: number | null; terminatedOn: string | null; nonTerminableUntil: string | null; terminableInPeriodFrom: string | null; legalTenant1Id: string; legalTenant2Id: string | null }>;
  /** by cprHash */
  persons: Map<string, { id: string; name: string; mobile: string | null; phone: string | null; email: string | null }>;
  /** code value → id, per code type */
  codes: { OPSIGELSESVARSEL: Map<string, string>; BOLIGTYPE: Map<string, string>; SUMTYPE: Map<string, string> };
};

export function emptySnapshot(): Snapshot {
  return { selskaber: new Map(), ejendomme: new Map(), lejemaal: new Map(), lejere: new Map(), persons: new Map(), codes: { OPSIGELSESVARSEL: new Map(), BOLIGTYPE: new Map(), SUMTYPE: new Map() } };
}

type Day = string; // yyyy-mm-dd
type Opt<T> = T | null | undefined; // undefined: not mapped (leave alone); null: empty (clear)

type PersonIn = { hash: string; name: string; mobile: string | null; phone: string | null; email: string | null };
type Rec = {
  line: number;
  s: number;
  e: number;
  l: number;
  lejer: number;
  selskabNavn: string | null;
  ejendomNavn: string | null;
  hoved: Opt<number>;
  address1: string;
  postalCode: string;
  city: string;
  boligtypeId: Opt<string>;
  sumtypeId: Opt<string>;
  endedOn: Opt<Day>;
  moveInDate: Day;
  noticeRuleId: Opt<string>;
  renovationDays: Opt<number>;
  terminatedOn: Opt<Day>;
  nonTerminableUntil: Opt<Day>;
  terminableInPeriodFrom: Opt<Day>;
  tenant1: PersonIn;
  /** undefined: Lejer2 not mapped; null: no second tenant. */
  tenant2: Opt<PersonIn>;
};

export type PlannedWrites = {
  selskaber: { create: { id: string; nr: number; name: string }[]; update: { id: string; name: string }[] };
  ejendomme: { create: { id: string; selskabId: string; nr: number; name: string }[]; update: { id: string; name: string }[] };
  /** Main leases before sub-leases (a sub-lease points at its main lease). */
  lejemaal: { create: LejemaalData[]; createSub: LejemaalData[]; update: { id: string; data: Partial<LejemaalData> }[] };
  persons: { create: { id: string; name: string; mobile: string | null; phone: string | null; email: string | null; cprHash: string }[]; update: { id: string; data: Partial<{ name: string; mobile: string; phone: string; email: string }> }[] };
  lejere: { create: LejerData[]; update: { id: string; data: Partial<LejerData> }[] };
};
export type LejemaalData = { id: string; ejendomId: string; nr: number; address1: string; postalCode: string; city: string; boligtypeId: string | null; sumtypeId: string | null; endedOn: Day | null; mainLejemaalId: string | null };
export type LejerData = { id: string; lejemaalId: string; nr: number; moveInDate: Day; noticeRuleId: string | null; renovationDays: number | null; terminatedOn: Day | null; nonTerminableUntil: Day | null; terminableInPeriodFrom: Day | null; legalTenant1Id: string; legalTenant2Id: string | null };

export type Plan = { rows: ReportRow[]; counts: Record<Outcome, number>; writes: PlannedWrites };

const col = (k: FieldKey) => importField(k).column;

/** Field values of one row: undefined when the field is not mapped. */
function accessor(table: Pick<StoredTable, "columns">, mapping: Mapping) {
  const index = new Map<FieldKey, number>();
  for (const f of IMPORT_FIELDS) {
    const c = mapping[f.key];
    if (c !== undefined) {
      const i = table.columns.indexOf(c);
      if (i >= 0) index.set(f.key, i);
    }
  }
  return (cells: string[], k: FieldKey): string | undefined => {
    const i = index.get(k);
    return i === undefined ? undefined : (cells[i] ?? "").trim();
  };
}

/** Reads and checks one row; the reasons when it cannot be used. */
function readRow(line: number, cells: string[], get: ReturnType<typeof accessor>, codes: Snapshot["codes"]): { rec: Rec } | { reasons: string[]; key: string } {
  const reasons: string[] = [];
  const int = (k: FieldKey, required: boolean): Opt<number> => {
    const v = get(cells, k);
    if (v === undefined) return undefined;
    if (v === "") {
      if (required) reasons.push(`${col(k)} mangler`);
      return null;
    }
    const n = parseNumber(v);
    if (n === null) reasons.push(`${col(k)} er ikke et helt tal ("${safeEcho(v)}")`);
    return n;
  };
  const text = (k: FieldKey, required: boolean): string | null => {
    const v = get(cells, k);
    if (v === undefined || v === "") {
      if (required) reasons.push(`${col(k)} mangler`);
      return null;
    }
    return v.slice(0, 200);
  };
  const date = (k: FieldKey, required: boolean): Opt<Day> => {
    const v = get(cells, k);
    if (v === undefined) return undefined;
    if (v === "") {
      if (required) reasons.push(`${col(k)} mangler`);
      return null;
    }
    const d = parseDate(v);
    if (!d) reasons.push(`${col(k)} er ikke en gyldig dato ("${safeEcho(v)}"; skriv dd-mm-åååå eller åååå-mm-dd)`);
    return d;
  };
  const code = (k: FieldKey, table: Map<string, string>, what: string): Opt<string> => {
    const v = get(cells, k);
    if (v === undefined) return undefined;
    if (v === "") return null;
    const id = table.get(v) ?? table.get(v.toUpperCase());
    if (!id) reasons.push(`Ukendt ${what} "${safeEcho(v)}" i ${col(k)}`);
    return id ?? null;
  };
  const cpr = (k: FieldKey, required: boolean): string | null => {
    const v = get(cells, k);
    if (v === undefined || v === "") {
      if (required) reasons.push(`${col(k)} mangler`);
      return null;
    }
    if (v === CPR_INVALID || !v.startsWith(CPR_HASH_PREFIX)) {
      reasons.push(`${col(k)} er ikke et gyldigt CPR-nummer`);
      return null;
    }
    return v.slice(CPR_HASH_PREFIX.length);
  };
  const contact = (k: FieldKey) => {
    const v = get(cells, k);
    return v === undefined || v === "" ? null : v.slice(0, 200);
  };

  const s = int("selskabNr", true);
  const e = int("ejendomNr", true);
  const l = int("lejemaalNr", true);
  const lejer = int("lejerNr", true);
  const key = [s, e, l, lejer].map((n) => (typeof n === "number" ? String(n) : "?")).join("-");
  const hoved = int("hovedLejemaalNr", false);
  const address1 = text("adresse1", true);
  const postalCode = text("postnr", true);
  const city = text("by", true);
  const boligtypeId = code("boligtype", codes.BOLIGTYPE, "boligtype");
  const sumtypeId = code("sumtype", codes.SUMTYPE, "sumtype");
  const endedOn = date("lejemaalSlut", false);
  const moveInDate = date("indflytDato", true);
  const noticeRuleId = code("opsigVarsel", codes.OPSIGELSESVARSEL, "kode for opsigelsesvarsel");
  const renovationDays = int("istandPeriode", false);
  if (typeof renovationDays === "number" && renovationDays > 365) reasons.push(`${col("istandPeriode")} er mere end 365 dage`);
  const terminatedOn = date("opsagtDato", false);
  const nonTerminableUntil = date("uopsigeligtIndtil", false);
  const terminableInPeriodFrom = date("kanOpsigesFra", false);

  const name1 = text("lejer1Navn", true);
  const hash1 = cpr("lejer1Cpr", true);
  const lejer2Mapped = get(cells, "lejer2Navn") !== undefined || get(cells, "lejer2Cpr") !== undefined;
  const name2 = text("lejer2Navn", false);
  const hash2 = cpr("lejer2Cpr", false);
  if (name2 && !hash2 && get(cells, "lejer2Cpr") !== CPR_INVALID) reasons.push(`${col("lejer2Cpr")} mangler (Lejer2Navn er udfyldt)`);
  if (!name2 && hash2) reasons.push(`${col("lejer2Navn")} mangler (Lejer2Cpr er udfyldt)`);
  if (hash1 && hash2 && hash1 === hash2) reasons.push("Lejer1 og Lejer2 har samme CPR-nummer");
  if (typeof hoved === "number" && hoved === l) reasons.push(`${col("hovedLejemaalNr")} peger på lejemålet selv`);

  if (reasons.length > 0) return { reasons, key };
  return {
    rec: {
      line,
      s: s!,
      e: e!,
      l: l!,
      lejer: lejer!,
      selskabNavn: text("selskabNavn", false),
      ejendomNavn: text("ejendomNavn", false),
      hoved,
      address1: address1!,
      postalCode: postalCode!,
      city: city!,
      boligtypeId,
      sumtypeId,
      endedOn,
      moveInDate: moveInDate!,
      noticeRuleId,
      renovationDays,
      terminatedOn,
      nonTerminableUntil,
      terminableInPeriodFrom,
      tenant1: { hash: hash1!, name: name1!, mobile: contact("lejer1Mobil"), phone: contact("lejer1Telefon"), email: contact("lejer1Email") },
      tenant2: !lejer2Mapped ? undefined : hash2 && name2 ? { hash: hash2, name: name2, mobile: contact("lejer2Mobil"), phone: contact("lejer2Telefon"), email: contact("lejer2Email") } : null,
    },
  };
}

const leaseFields = ["address1", "postalCode", "city", "boligtypeId", "sumtypeId", "endedOn", "hoved"] as const;
const LEASE_LABEL: Record<(typeof leaseFields)[number], string> = {
  address1: "Adresse1",
  postalCode: "Postnr",
  city: "By",
  boligtypeId: "Boligtype",
  sumtypeId: "SumType",
  endedOn: "LejemaalSlut",
  hoved: "HovedLejemaalNr",
};

export type PlanOptions = {
  /** New row ids (injected, so tests and re-plans are deterministic). */
  newId: () => string;
  /** Called every `every` rows while reading (for the progress bar). */
  onProgress?: (rowsDone: number) => void;
};

export function planImport(table: StoredTable, mapping: Mapping, snap: Snapshot, opts: PlanOptions): Plan {
  const get = accessor(table, mapping);
  const report: ReportRow[] = [];
  const refuse = (line: number, key: string, reasons: string[]) => report.push({ line, key, outcome: "refused", reasons });

  // 1. Each row on its own.
  const recs: { rec: Rec; key: string }[] = [];
  table.rows.forEach((r, i) => {
    const res = readRow(r.line, r.cells, get, snap.codes);
    if ("reasons" in res) refuse(r.line, res.key, res.reasons);
    else recs.push({ rec: res.rec, key: `${res.rec.s}-${res.rec.e}-${res.rec.l}-${res.rec.lejer}` });
    if (opts.onProgress && (i + 1) % 5000 === 0) opts.onProgress(i + 1);
  });

  // 2. A tenancy twice in the file: every occurrence is refused (which one is right is not ours to guess).
  const linesByKey = new Map<string, number[]>();
  for (const { rec, key } of recs) linesByKey.set(key, [...(linesByKey.get(key) ?? []), rec.line]);
  const unique: typeof recs = [];
  for (const x of recs) {
    const lines = linesByKey.get(x.key)!;
    if (lines.length > 1) refuse(x.rec.line, x.key, [`LejerNr ${x.rec.lejer} findes flere gange i filen for samme lejemål (række ${lines.filter((n) => n !== x.rec.line).join(", ")})`]);
    else unique.push(x);
  }

  // 3. Companies, properties, lease units and persons met in several rows must agree.
  type Seen<T> = { line: number; value: T };
  const selskabNames = new Map<number, Seen<string>>();
  const ejendomNames = new Map<string, Seen<string>>();
  const leases = new Map<string, Seen<Pick<Rec, (typeof leaseFields)[number] | "s" | "e" | "l">> & { lines: number[] }>();
  const persons = new Map<string, Seen<PersonIn>>();
  const accepted: typeof recs = [];
  for (const x of unique) {
    const r = x.rec;
    const reasons: string[] = [];
    const sn = selskabNames.get(r.s);
    if (r.selskabNavn && sn && sn.value !== r.selskabNavn) reasons.push(`SelskabNavn afviger fra række ${sn.line}`);
    const ek = `${r.s}/${r.e}`;
    const en = ejendomNames.get(ek);
    if (r.ejendomNavn && en && en.value !== r.ejendomNavn) reasons.push(`EjendomNavn afviger fra række ${en.line}`);
    const lk = `${r.s}/${r.e}/${r.l}`;
    const ls = leases.get(lk);
    if (ls) for (const f of leaseFields) if (r[f] !== undefined && ls.value[f] !== undefined && r[f] !== ls.value[f]) reasons.push(`${LEASE_LABEL[f]} afviger fra række ${ls.line} for samme lejemål`);
    const people = [r.tenant1, ...(r.tenant2 ? [r.tenant2] : [])];
    for (const p of people) {
      const seen = persons.get(p.hash);
      if (!seen) continue;
      const differs = seen.value.name !== p.name || (["mobile", "phone", "email"] as const).some((f) => p[f] !== null && seen.value[f] !== null && p[f] !== seen.value[f]);
      if (differs) reasons.push(`Samme CPR-nummer står med andre persondata i række ${seen.line}`);
    }
    if (reasons.length > 0) {
      refuse(r.line, x.key, reasons);
      continue;
    }
    if (r.selskabNavn && !sn) selskabNames.set(r.s, { line: r.line, value: r.selskabNavn });
    if (r.ejendomNavn && !en) ejendomNames.set(ek, { line: r.line, value: r.ejendomNavn });
    if (!ls) leases.set(lk, { line: r.line, value: { s: r.s, e: r.e, l: r.l, address1: r.address1, postalCode: r.postalCode, city: r.city, boligtypeId: r.boligtypeId, sumtypeId: r.sumtypeId, endedOn: r.endedOn, hoved: r.hoved }, lines: [r.line] });
    else ls.lines.push(r.line);
    for (const p of people) {
      const seen = persons.get(p.hash);
      if (!seen) persons.set(p.hash, { line: r.line, value: { ...p } });
      else for (const f of ["mobile", "phone", "email"] as const) if (seen.value[f] === null && p[f] !== null) seen.value[f] = p[f];
    }
    accepted.push(x);
  }

  // 4. Sub-leases: the main lease (same company and property) must be a main lease, in the file or already here.
  const badLeases = new Map<string, string>();
  for (const [lk, ls] of leases) {
    const h = ls.value.hoved;
    if (typeof h !== "number") continue;
    const mk = `${ls.value.s}/${ls.value.e}/${h}`;
    const inFile = leases.get(mk);
    const existing = snap.lejemaal.get(mk);
    if (inFile) {
      if (typeof inFile.value.hoved === "number") badLeases.set(lk, `Hovedlejemålet ${h} er selv et bi-lejemål`);
    } else if (existing) {
      if (existing.mainLejemaalId) badLeases.set(lk, `Hovedlejemålet ${h} er selv et bi-lejemål`);
    } else badLeases.set(lk, `${col("hovedLejemaalNr")} ${h} findes hverken i filen eller i forvejen`);
  }
  const final: typeof recs = [];
  for (const x of accepted) {
    const why = badLeases.get(`${x.rec.s}/${x.rec.e}/${x.rec.l}`);
    if (why) refuse(x.rec.line, x.key, [why]);
    else final.push(x);
  }
  for (const k of badLeases.keys()) leases.delete(k);

  // 5. Compare with what is stored; build the writes.
  const writes: PlannedWrites = {
    selskaber: { create: [], update: [] },
    ejendomme: { create: [], update: [] },
    lejemaal: { create: [], createSub: [], update: [] },
    persons: { create: [], update: [] },
    lejere: { create: [], update: [] },
  };
  const changedSelskab = new Map<number, string>(); // nr → id, for rows' outcome
  const selskabId = new Map<number, string>();
  const ejendomId = new Map<string, string>();
  const lejemaalId = new Map<string, string>();
  const personId = new Map<string, string>();
  const changedEntities = new Set<string>();

  for (const { rec: r } of final) {
    if (!selskabId.has(r.s)) {
      const ex = snap.selskaber.get(r.s);
      const name = selskabNames.get(r.s)?.value;
      if (ex) {
        selskabId.set(r.s, ex.id);
        if (name && name !== ex.name) {
          writes.selskaber.update.push({ id: ex.id, name });
          changedSelskab.set(r.s, ex.id);
          changedEntities.add(`S${r.s}`);
        }
      } else {
        const id = opts.newId();
        selskabId.set(r.s, id);
        writes.selskaber.create.push({ id, nr: r.s, name: name ?? `Selskab ${r.s}` });
      }
    }
    const ek = `${r.s}/${r.e}`;
    if (!ejendomId.has(ek)) {
      const ex = snap.ejendomme.get(ek);
      const name = ejendomNames.get(ek)?.value;
      if (ex) {
        ejendomId.set(ek, ex.id);
        if (name && name !== ex.name) {
          writes.ejendomme.update.push({ id: ex.id, name });
          changedEntities.add(`E${ek}`);
        }
      } else {
        const id = opts.newId();
        ejendomId.set(ek, id);
        writes.ejendomme.create.push({ id, selskabId: selskabId.get(r.s)!, nr: r.e, name: name ?? `Afdeling ${r.e}` });
      }
    }
  }
  // Lease ids first (a sub-lease may come before its main lease in the file).
  for (const [lk] of leases) {
    const ex = snap.lejemaal.get(lk);
    lejemaalId.set(lk, ex ? ex.id : opts.newId());
  }
  for (const [lk, ls] of leases) {
    const v = ls.value;
    const mainId = v.hoved === undefined ? undefined : v.hoved === null ? null : lejemaalId.get(`${v.s}/${v.e}/${v.hoved}`) ?? snap.lejemaal.get(`${v.s}/${v.e}/${v.hoved}`)!.id;
    const ex = snap.lejemaal.get(lk);
    const id = lejemaalId.get(lk)!;
    if (!ex) {
      const data: LejemaalData = {
        id,
        ejendomId: ejendomId.get(`${v.s}/${v.e}`)!,
        nr: v.l,
        address1: v.address1,
        postalCode: v.postalCode,
        city: v.city,
        boligtypeId: v.boligtypeId ?? null,
        sumtypeId: v.sumtypeId ?? null,
        endedOn: v.endedOn ?? null,
        mainLejemaalId: mainId ?? null,
      };
      (data.mainLejemaalId ? writes.lejemaal.createSub : writes.lejemaal.create).push(data);
    } else {
      const data: Partial<LejemaalData> = {};
      if (v.address1 !== ex.address1) data.address1 = v.address1;
      if (v.postalCode !== ex.postalCode) data.postalCode = v.postalCode;
      if (v.city !== ex.city) data.city = v.city;
      if (v.boligtypeId !== undefined && v.boligtypeId !== ex.boligtypeId) data.boligtypeId = v.boligtypeId;
      if (v.sumtypeId !== undefined && v.sumtypeId !== ex.sumtypeId) data.sumtypeId = v.sumtypeId;
      if (v.endedOn !== undefined && v.endedOn !== ex.endedOn) data.endedOn = v.endedOn;
      if (mainId !== undefined && mainId !== ex.mainLejemaalId) data.mainLejemaalId = mainId;
      if (Object.keys(data).length > 0) {
        writes.lejemaal.update.push({ id, data });
        changedEntities.add(`L${lk}`);
      }
    }
  }
  for (const [hash, seen] of persons) {
    const p = seen.value;
    const ex = snap.persons.get(hash);
    if (!ex) {
      const id = opts.newId();
      personId.set(hash, id);
      writes.persons.create.push({ id, name: p.name, mobile: p.mobile, phone: p.phone, email: p.email, cprHash: hash });
    } else {
      personId.set(hash, ex.id);
      const data: Partial<{ name: string; mobile: string; phone: string; email: string }> = {};
      if (p.name !== ex.name) data.name = p.name;
      for (const f of ["mobile", "phone", "email"] as const) if (p[f] !== null && p[f] !== ex[f]) data[f] = p[f]!;
      if (Object.keys(data).length > 0) {
        writes.persons.update.push({ id: ex.id, data });
        changedEntities.add(`P${hash}`);
      }
    }
  }

  for (const { rec: r, key } of final) {
    const lk = `${r.s}/${r.e}/${r.l}`;
    const ex = snap.lejere.get(`${lk}/${r.lejer}`);
    const t1 = personId.get(r.tenant1.hash)!;
    const t2 = r.tenant2 === undefined ? undefined : r.tenant2 === null ? null : personId.get(r.tenant2.hash)!;
    if (!ex) {
      writes.lejere.create.push({
        id: opts.newId(),
        lejemaalId: lejemaalId.get(lk)!,
        nr: r.lejer,
        moveInDate: r.moveInDate,
        noticeRuleId: r.noticeRuleId ?? null,
        renovationDays: r.renovationDays ?? null,
        terminatedOn: r.terminatedOn ?? null,
        nonTerminableUntil: r.nonTerminableUntil ?? null,
        terminableInPeriodFrom: r.terminableInPeriodFrom ?? null,
        legalTenant1Id: t1,
        legalTenant2Id: t2 ?? null,
      });
      report.push({ line: r.line, key, outcome: "created", reasons: [] });
      continue;
    }
    const data: Partial<LejerData> = {};
    const changed: string[] = [];
    const set = <K extends keyof LejerData>(k: K, v: LejerData[K] | undefined, label: string) => {
      if (v === undefined || v === ex[k as keyof typeof ex]) return;
      data[k] = v;
      changed.push(label);
    };
    set("moveInDate", r.moveInDate, "IndflytDato");
    set("noticeRuleId", r.noticeRuleId, "FraflytOpsigVarsel");
    set("renovationDays", r.renovationDays, "FraflytIstandPeriode");
    set("terminatedOn", r.terminatedOn, "OpsagtDato");
    set("nonTerminableUntil", r.nonTerminableUntil, "UopsigeligtIndtil");
    set("terminableInPeriodFrom", r.terminableInPeriodFrom, "KanOpsigesFra");
    set("legalTenant1Id", t1, "Lejer1");
    set("legalTenant2Id", t2, "Lejer2");
    if (Object.keys(data).length > 0) writes.lejere.update.push({ id: ex.id, data });
    if (changedEntities.has(`S${r.s}`)) changed.push("SelskabNavn");
    if (changedEntities.has(`E${r.s}/${r.e}`)) changed.push("EjendomNavn");
    if (changedEntities.has(`L${lk}`)) changed.push("lejemålet");
    if (changedEntities.has(`P${r.tenant1.hash}`)) changed.push("Lejer1s data");
    if (r.tenant2 && changedEntities.has(`P${r.tenant2.hash}`)) changed.push("Lejer2s data");
    report.push({ line: r.line, key, outcome: changed.length > 0 ? "changed" : "unchanged", reasons: changed.length > 0 ? [`Ændres: ${changed.join(", ")}`] : [] });
  }
  void changedSelskab;

  report.sort((a, b) => a.line - b.line);
  const counts: Record<Outcome, number> = { created: 0, changed: 0, unchanged: 0, refused: 0 };
  for (const r of report) counts[r.outcome]++;
  opts.onProgress?.(table.rows.length);
  return { rows: report, counts, writes };
}

/** The report as stored in ImportRun.report: every refused row up to `cap`, and the first `cap` rows of each other outcome. */
export function reportOf(plan: Pick<Plan, "rows" | "counts">, cap = 2000): { rows: ReportRow[]; truncated: boolean } {
  const taken: Record<Outcome, number> = { created: 0, changed: 0, unchanged: 0, refused: 0 };
  const rows: ReportRow[] = [];
  for (const r of plan.rows) {
    if (taken[r.outcome] >= cap) continue;
    taken[r.outcome]++;
    rows.push(r);
  }
  return { rows, truncated: rows.length < plan.rows.length };
}
