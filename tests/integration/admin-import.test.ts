/**
 * Import of tenancies (app/[organisation]/admin/import, lib/import) against this lane's database:
 * upload → the dry run (job) reports bad rows row by row → apply creates companies, properties,
 * lease units with sub-leases, persons with cprHash and tenancies, one IMPORT_APPLIED audit row →
 * the same file again changes nothing; all or nothing when the write fails midway; no CPR number in
 * clear in the ImportRun row, the audit rows, the report or the job rows; another organisation's
 * staff get not-found and read-only staff are refused, nothing changed; an XLSX file works too.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { current, form, jar, redirects, staffSessionOf } from "../support/action-harness";
import type { AppSession } from "@/lib/auth/types";

vi.mock("@/lib/auth/session", async () => (await import("../support/action-harness")).sessionMock());
vi.mock("next/headers", async () => (await import("../support/action-harness")).headersMock({ ip: "192.0.2.9", cookieJar: true }));
vi.mock("next/navigation", async (orig) => (await import("../support/action-harness")).navigationMock(orig));

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

const { createPrismaClient } = await import("@/lib/db/client");
const { createOrganisation } = await import("@/lib/db/platform");
const { orgDb } = await import("@/lib/db/scoped");
const { organisationSettingsSchema } = await import("@/lib/organisation/settings");
const { SYSTEM_ACTOR } = await import("@/lib/audit/events");
const { cprHash } = await import("@/lib/crypto");
const { importTenanciesJob } = await import("@/lib/import/job");
const { planRun, writeRun } = await import("@/lib/import/phases");
const { uploadTenancyImport, saveTenancyImportMapping, applyTenancyImport } = await import("@/app/[organisation]/admin/import/actions");
const { testDatabaseUrl } = await import("../support/db");
const writeXlsx = (await import("write-excel-file/node")).default;
const { logger } = await import("@/lib/logger");
/** Everything the code under test logs (checked for CPR numbers at the end). */
const logged: string[] = [];
for (const level of ["fatal", "error", "warn", "info", "debug"] as const) {
  vi.spyOn(logger, level).mockImplementation(((...args: unknown[]) => {
    logged.push(JSON.stringify(args, (_k, v) => (v instanceof Error ? `${v.name}: ${v.message}` : v)));
  }) as never);
}

let prisma: ReturnType<typeof createPrismaClient>;
const tag = `${process.pid}${Date.now().toString(36)}`.slice(-10);
const slugA = `imp-a-${tag}`;
const slugB = `imp-b-${tag}`;
let orgA: { id: string };
const sessions: Record<"caseworker" | "reader" | "stranger", AppSession> = {} as never;

const CPR = { anna: "0101851234", bent: "0203701235", carl: "2107901237", dorte: "0311651238", bad: "3213851234" };

const HEADER = "SelskabNr;SelskabNavn;EjendomNr;EjendomNavn;LejemaalNr;HovedLejemaalNr;Adresse1;Postnr;By;Boligtype;LejerNr;IndflytDato;FraflytOpsigVarsel;FraflytIstandPeriode;Lejer1Navn;Lejer1Cpr;Lejer1Email;Lejer2Navn;Lejer2Cpr";
const GOOD = [
  `1;Boligselskabet Test;1;Afd. Havnen;10;;Havnegade 1, 1. tv;2100;København Ø;FAM;2;01-08-2019;3M;14;Anna Jensen;${CPR.anna};anna@example.dk;;`,
  `1;Boligselskabet Test;1;Afd. Havnen;11;10;Havnegade 1, garage 3;2100;København Ø;GAR;2;2019-08-01;3M;7;Anna Jensen;${CPR.anna};;;`,
  `1;Boligselskabet Test;1;Afd. Havnen;12;;Havnegade 3, st.;2100;København Ø;FAM;4;43678;3M;21;Bent Hansen;${CPR.bent.slice(0, 6)}-${CPR.bent.slice(6)};;Carl Nielsen;${CPR.carl}`,
];
const BAD = [
  `1;Boligselskabet Test;1;Afd. Havnen;13;;Havnegade 5;2100;København Ø;FAM;2;31-02-2020;3M;14;Dorte Larsen;${CPR.dorte};;;`,
  `1;Boligselskabet Test;1;Afd. Havnen;14;;Havnegade 7;2100;København Ø;FAM;2;01-01-2020;9X;14;Dorte Larsen;${CPR.dorte};;;`,
  `;Boligselskabet Test;1;Afd. Havnen;15;;Havnegade 9;2100;København Ø;FAM;2;01-01-2020;3M;14;Dorte Larsen;${CPR.dorte};;;`,
  `1;Boligselskabet Test;1;Afd. Havnen;16;;Havnegade 11;2100;København Ø;FAM;2;01-01-2020;3M;14;Ukendt Person;${CPR.bad};;;`,
];
const csv = (lines: string[], encoding: BufferEncoding = "utf8") => Buffer.from([HEADER, ...lines].join("\r\n") + "\r\n", encoding);
const fileForm = (bytes: Uint8Array, name = "eksport.csv", type = "text/csv") => {
  const fd = new FormData();
  fd.set("file", new File([new Uint8Array(bytes)], name, { type }));
  return fd;
};
const dbA = () => orgDb(orgA.id, prisma);

/** Runs the pending import jobs of organisation A the way the worker does (the definition's run), and marks them done. */
async function runImportJobs(): Promise<number> {
  const jobs = await dbA().job.findMany({ where: { name: "import-tenancies", status: "pending" }, orderBy: { createdAt: "asc" } });
  for (const j of jobs) {
    const payload = importTenanciesJob.payload.parse(j.payload);
    await importTenanciesJob.run(payload, { db: dbA() } as never);
    await dbA().job.update({ where: { id: j.id }, data: { status: "done", finishedAt: new Date() } });
  }
  return jobs.length;
}

/** Uploads through the action as the caseworker and returns the new run's id (from the redirect). */
async function upload(bytes: Uint8Array, name?: string, type?: string): Promise<string> {
  redirects.length = 0;
  await expect(uploadTenancyImport(slugA, fileForm(bytes, name, type))).rejects.toThrow("NEXT_REDIRECT");
  const to = redirects[0]!;
  const id = to.split("/").pop()!;
  expect(to).toBe(`/${slugA}/admin/import/${id}`);
  return id;
}

async function counts() {
  const db = dbA();
  return { selskab: await db.selskab.count(), ejendom: await db.ejendom.count(), lejemaal: await db.lejemaal.count(), lejer: await db.lejer.count(), person: await db.person.count() };
}

beforeAll(async () => {
  process.env.DATABASE_URL = testDatabaseUrl();
  prisma = createPrismaClient(testDatabaseUrl());
  const settings = organisationSettingsSchema.parse({});
  orgA = await createOrganisation(prisma, { slug: slugA, name: "Import A", settings }, { actor: SYSTEM_ACTOR });
  const orgB = await createOrganisation(prisma, { slug: slugB, name: "Import B", settings }, { actor: SYSTEM_ACTOR });
  const a = orgDb(orgA.id, prisma);
  await a.kode.createMany({
    data: [
      { organisationId: orgA.id, type: "OPSIGELSESVARSEL", value: "3M", codeText: "3 måneder", rule: { months: 3, anchor: "first" } },
      { organisationId: orgA.id, type: "BOLIGTYPE", value: "FAM", codeText: "Familiebolig" },
      { organisationId: orgA.id, type: "BOLIGTYPE", value: "GAR", codeText: "Garage" },
    ],
  });
  const cw = await a.user.create({ data: { organisationId: orgA.id, email: `sag-${tag}@a.example`, name: "Sag", roles: ["CASEWORKER"] } });
  const rd = await a.user.create({ data: { organisationId: orgA.id, email: `laeser-${tag}@a.example`, name: "Læser", roles: ["READ_ONLY"] } });
  const st = await orgDb(orgB.id, prisma).user.create({ data: { organisationId: orgB.id, email: `admin-${tag}@b.example`, name: "B", roles: ["MANAGE_USERS", "CASEWORKER"] } });
  sessions.caseworker = staffSessionOf(cw, { id: orgA.id, slug: slugA });
  sessions.reader = staffSessionOf(rd, { id: orgA.id, slug: slugA });
  sessions.stranger = staffSessionOf(st, { id: orgB.id, slug: slugB });
});
afterAll(async () => {
  await prisma?.$disconnect();
});
beforeEach(() => {
  current.session = sessions.caseworker;
  redirects.length = 0;
  jar.clear();
});

describe("importing a CSV export", () => {
  let runId: string;

  it("upload stores hashed, normalised rows and enqueues the dry run in the same transaction; the dry run reports the bad rows with their reasons", async () => {
    runId = await upload(csv([...GOOD, ...BAD]));
    const run = await dbA().importRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe("validating");
    expect(run.totalRows).toBe(7);
    expect(await dbA().job.count({ where: { name: "import-tenancies", key: { startsWith: `${runId}:dry-run` } } })).toBe(1);
    expect(await dbA().auditLog.count({ where: { type: "IMPORT_UPLOADED", entityId: runId } })).toBe(1);

    expect(await runImportJobs()).toBe(1);
    const done = await dbA().importRun.findUniqueOrThrow({ where: { id: runId } });
    expect(done.status).toBe("validated");
    expect({ created: done.created, changed: done.changed, unchanged: done.unchanged, refused: done.refused, processed: done.processedRows }).toEqual({ created: 3, changed: 0, unchanged: 0, refused: 4, processed: 7 });
    const rows = (done.report as { rows: { line: number; outcome: string; reasons: string[] }[] }).rows;
    const refused = Object.fromEntries(rows.filter((r) => r.outcome === "refused").map((r) => [r.line, r.reasons.join(" ")]));
    expect(refused[5]).toMatch(/IndflytDato er ikke en gyldig dato/);
    expect(refused[6]).toMatch(/Ukendt kode for opsigelsesvarsel "9X"/);
    expect(refused[7]).toMatch(/SelskabNr mangler/);
    expect(refused[8]).toMatch(/Lejer1Cpr er ikke et gyldigt CPR-nummer/);
    // The dry run wrote nothing.
    expect(await counts()).toEqual({ selskab: 0, ejendom: 0, lejemaal: 0, lejer: 0, person: 0 });
  });

  it("apply creates the tenancies, lease units with the sub-lease, persons with cprHash; one IMPORT_APPLIED audit row with the counts", async () => {
    await expect(applyTenancyImport(slugA, form({ runId }))).rejects.toThrow("NEXT_REDIRECT");
    expect((await dbA().importRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("applying");
    await runImportJobs();
    const run = await dbA().importRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe("applied");
    expect(await counts()).toEqual({ selskab: 1, ejendom: 1, lejemaal: 3, lejer: 3, person: 3 });
    const garage = await dbA().lejemaal.findFirstOrThrow({ where: { nr: 11 }, include: { mainLejemaal: true, boligtype: true } });
    expect(garage.mainLejemaal?.nr).toBe(10);
    expect(garage.boligtype?.value).toBe("GAR");
    const anna = await dbA().person.findFirstOrThrow({ where: { cprHash: cprHash(CPR.anna) } });
    expect(anna).toMatchObject({ name: "Anna Jensen", email: "anna@example.dk" });
    const bents = await dbA().lejer.findFirstOrThrow({ where: { nr: 4 }, include: { legalTenant1: true, legalTenant2: true, noticeRule: true } });
    expect(bents.legalTenant1.cprHash).toBe(cprHash(CPR.bent));
    expect(bents.legalTenant2?.name).toBe("Carl Nielsen");
    expect(bents.moveInDate.toISOString().slice(0, 10)).toBe("2019-08-01");
    expect(bents.noticeRule?.value).toBe("3M");
    expect(bents.renovationDays).toBe(21);
    const audits = await dbA().auditLog.findMany({ where: { type: "IMPORT_APPLIED" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toEqual({ rows: 7, created: 3, changed: 0, unchanged: 0, refused: 4 });
  });

  it("the same file again changes nothing: 0 created, 0 changed", async () => {
    const again = await upload(csv([...GOOD, ...BAD]));
    await runImportJobs();
    await expect(applyTenancyImport(slugA, form({ runId: again }))).rejects.toThrow("NEXT_REDIRECT");
    await runImportJobs();
    const run = await dbA().importRun.findUniqueOrThrow({ where: { id: again } });
    expect(run.status).toBe("applied");
    expect({ created: run.created, changed: run.changed, unchanged: run.unchanged, refused: run.refused }).toEqual({ created: 0, changed: 0, unchanged: 3, refused: 4 });
    expect(await counts()).toEqual({ selskab: 1, ejendom: 1, lejemaal: 3, lejer: 3, person: 3 });
  });

  it("a Windows-1252 file with a changed move-in date is one change", async () => {
    const changed = [...GOOD];
    changed[0] = changed[0]!.replace("01-08-2019", "02-08-2019");
    const id = await upload(csv(changed, "latin1"));
    await runImportJobs();
    const run = await dbA().importRun.findUniqueOrThrow({ where: { id } });
    expect({ created: run.created, changed: run.changed, unchanged: run.unchanged, refused: run.refused }).toEqual({ created: 0, changed: 1, unchanged: 2, refused: 0 });
  });

  it("all or nothing: when the write fails midway (a person created meanwhile), nothing of the file is written", async () => {
    const fresh = [
      `2;Selskab To;1;Afd. 1;1;;Vej 1;8000;Aarhus C;FAM;2;01-01-2021;3M;14;Erik Poulsen;1208881239;;;`,
      `2;Selskab To;1;Afd. 1;2;;Vej 2;8000;Aarhus C;FAM;2;01-01-2021;3M;14;Frida Madsen;2902961240;;;`,
    ];
    const id = await upload(csv(fresh));
    await runImportJobs();
    await dbA().importRun.update({ where: { id }, data: { status: "applying" } });
    const { plan, totalRows } = await planRun(dbA(), id);
    // Meanwhile, someone else creates Frida: the plan's person create now collides (after the company, property and leases were written).
    await dbA().person.create({ data: { organisationId: orgA.id, name: "Frida M.", cprHash: cprHash("2902961240") } });
    await expect(writeRun(dbA(), id, plan, totalRows, { actor: SYSTEM_ACTOR })).rejects.toThrow();
    expect(await dbA().selskab.count({ where: { nr: 2 } })).toBe(0);
    expect(await dbA().lejemaal.count({ where: { address1: { in: ["Vej 1", "Vej 2"] } } })).toBe(0);
    expect(await dbA().person.count({ where: { cprHash: cprHash("1208881239") } })).toBe(0);
    expect((await dbA().importRun.findUniqueOrThrow({ where: { id } })).status).toBe("applying");
    await dbA().importRun.update({ where: { id }, data: { status: "failed" } });
  });

  it("an XLSX file (dates as spreadsheet dates, CPR as a number that lost its zero) is read the same way", async () => {
    const head = HEADER.split(";");
    const row = (cells: (string | number | Date | null)[]) => cells.map((v) => (v instanceof Date ? { value: v, type: Date, format: "dd-mm-yyyy" } : v === null ? null : { value: v }));
    const data = [
      head.map((h) => ({ value: h })),
      row([3, "Selskab Tre", 1, "Afd. 1", 1, null, "Xvej 1", "5000", "Odense C", "FAM", 2, new Date(Date.UTC(2022, 3, 1)), "3M", 14, "Gustav Berg", 606661241, null, null, null]),
    ];
    const bytes = await writeXlsx(data as never).toBuffer();
    const id = await upload(bytes, "eksport.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    await runImportJobs();
    const run = await dbA().importRun.findUniqueOrThrow({ where: { id } });
    expect(run.status).toBe("validated");
    expect({ created: run.created, refused: run.refused }).toEqual({ created: 1, refused: 0 });
    await expect(applyTenancyImport(slugA, form({ runId: id }))).rejects.toThrow("NEXT_REDIRECT");
    await runImportJobs();
    const gustav = await dbA().lejer.findFirstOrThrow({ where: { legalTenant1: { cprHash: cprHash("0606661241") } } });
    expect(gustav.moveInDate.toISOString().slice(0, 10)).toBe("2022-04-01");
  });

  it("a file whose columns have other names waits for the mapping; a bad mapping is refused; a good one starts the dry run", async () => {
    const other = Buffer.from("Selskab,Afdeling,Lejemål,Lejer nr,Vejnavn,PostNummer,Bynavn,Indflytning,CPR,Navn\n4,1,1,2,Yvej 1,9000,Aalborg,2023-01-01,0808921247,Mette Holm\n", "utf8");
    const id = await upload(other);
    const run = await dbA().importRun.findUniqueOrThrow({ where: { id } });
    expect(run.status).toBe("uploaded");
    expect(await dbA().job.count({ where: { key: { startsWith: `${id}:` } } })).toBe(0);
    redirects.length = 0;
    await expect(saveTenancyImportMapping(slugA, form({ runId: id, m_selskabNr: "Selskab" }))).rejects.toThrow("NEXT_REDIRECT");
    expect(jar.size).toBe(1); // the refused mapping is the form flash
    expect((await dbA().importRun.findUniqueOrThrow({ where: { id } })).status).toBe("uploaded");
    const mapping = { m_selskabNr: "Selskab", m_ejendomNr: "Afdeling", m_lejemaalNr: "Lejemål", m_lejerNr: "Lejer nr", m_adresse1: "Vejnavn", m_postnr: "PostNummer", m_by: "Bynavn", m_indflytDato: "Indflytning", m_lejer1Cpr: "CPR", m_lejer1Navn: "Navn" };
    // The CPR column cannot be used for another field.
    await expect(saveTenancyImportMapping(slugA, form({ runId: id, ...mapping, m_lejer1Navn: "CPR" }))).rejects.toThrow("NEXT_REDIRECT");
    expect((await dbA().importRun.findUniqueOrThrow({ where: { id } })).status).toBe("uploaded");
    await expect(saveTenancyImportMapping(slugA, form({ runId: id, ...mapping }))).rejects.toThrow("NEXT_REDIRECT");
    expect((await dbA().importRun.findUniqueOrThrow({ where: { id } })).status).toBe("validating");
    const mappedAudit = await dbA().auditLog.findMany({ where: { type: "IMPORT_MAPPING_SAVED", entityId: id } });
    expect(mappedAudit.map((a) => a.after)).toEqual([{ fields: 10 }]);
    await runImportJobs();
    const after = await dbA().importRun.findUniqueOrThrow({ where: { id } });
    expect({ status: after.status, created: after.created, refused: after.refused }).toEqual({ status: "validated", created: 1, refused: 0 });
    expect(after.mapping).toMatchObject({ lejer1Cpr: "CPR", selskabNr: "Selskab" });
  });

  it("an unreadable or empty file is refused with a message, nothing stored", async () => {
    const before = await dbA().importRun.count();
    redirects.length = 0;
    await expect(uploadTenancyImport(slugA, fileForm(new Uint8Array(0)))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects).toEqual([`/${slugA}/admin/import`]);
    expect(jar.size).toBe(1);
    await expect(uploadTenancyImport(slugA, fileForm(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "x.xlsx"))).rejects.toThrow("NEXT_REDIRECT");
    expect(await dbA().importRun.count()).toBe(before);
  });

  it("no CPR number in clear anywhere: ImportRun rows (content unzipped), audit rows, reports, job rows", async () => {
    const { gunzipSync } = await import("node:zlib");
    const runs = await dbA().importRun.findMany();
    const everything = [
      ...runs.map((r) => JSON.stringify({ ...r, content: r.content ? gunzipSync(r.content).toString("utf8") : null })),
      ...runs.map((r) => (r.content ? Buffer.from(r.content).toString("latin1") : "")),
      JSON.stringify(await dbA().auditLog.findMany()),
      JSON.stringify(await dbA().job.findMany()),
      ...logged,
    ].join("\n");
    for (const cpr of [...Object.values(CPR), "1208881239", "2902961240", "0606661241", "606661241", "0808921247"]) {
      expect(everything).not.toContain(cpr);
      expect(everything).not.toContain(`${cpr.slice(0, 6)}-${cpr.slice(6)}`);
    }
    expect(everything).toContain(cprHash(CPR.anna));
  });
});

describe("who may import", () => {
  const snapshot = async () => ({ ...(await counts()), runs: await dbA().importRun.count(), jobs: await dbA().job.count() });

  it.each([
    ["another organisation's staff", "stranger", "not-found"],
    ["read-only staff", "reader", "forbidden"],
  ] as const)("%s: every action refused, nothing changed", async (_label, who, error) => {
    const validated = await dbA().importRun.findFirst({ where: { status: "validated" } });
    const before = await snapshot();
    current.session = sessions[who];
    const up = await uploadTenancyImport(slugA, fileForm(csv(GOOD)));
    expect(up).toMatchObject({ ok: false, error });
    const map = await saveTenancyImportMapping(slugA, form({ runId: validated!.id, m_selskabNr: "SelskabNr" }));
    expect(map).toMatchObject({ ok: false, error });
    const ap = await applyTenancyImport(slugA, form({ runId: validated!.id }));
    expect(ap).toMatchObject({ ok: false, error });
    expect(await snapshot()).toEqual(before);
    expect((await dbA().importRun.findUniqueOrThrow({ where: { id: validated!.id } })).status).toBe("validated");
  });

  it("an unknown run id is not found; bad input is a field message", async () => {
    const r = await applyTenancyImport(slugA, form({ runId: "00000000-0000-4000-8000-000000000000" }));
    expect(r).toMatchObject({ ok: false, error: "not-found" });
    const bad = await applyTenancyImport(slugA, form({ runId: "nope" }));
    expect(bad).toMatchObject({ ok: false, error: "invalid-input" });
    expect((bad as { fieldErrors?: Record<string, string[]> }).fieldErrors?.runId?.length).toBeGreaterThan(0);
  });
});
