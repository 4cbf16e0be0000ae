/**
 * The use cases of the import page, each owning its transaction and audit row:
 *  - uploadImport: read the file, hash its CPR numbers at once, store the normalised rows (never
 *    the file) in a new ImportRun with the auto-matched mapping; when every required field has a
 *    column, enqueue the dry run in the same transaction;
 *  - saveImportMapping: store a mapping the user chose and enqueue a new dry run;
 *  - requestApply: move a dry-run run to applying and enqueue the application.
 */
import "server-only";
import { z } from "zod";
import type { OrgDb } from "@/lib/db/scoped";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write";
import { cprHash } from "@/lib/crypto";
import { NotFound } from "@/lib/http/errors";
import { enqueue } from "@/lib/jobs/enqueue";
import { decodeHeader, encodeTable } from "./content";
import { autoMapping, mappingProblems, type Mapping, type MappingProblem } from "./mapping";
import { protectCpr, readImportFile } from "./parse";
import { importTenanciesJob } from "./job";
import { randomUUID } from "node:crypto";

export { ImportFileError } from "./parse";

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export class MappingRefused extends Error {
  constructor(readonly problems: MappingProblem[]) {
    super("mapping refused");
    this.name = "MappingRefused";
  }
}

export class ImportStateConflict extends Error {
  constructor() {
    super("import run is not in a state for this");
    this.name = "StaleDraft"; // answered as 409 conflict by lib/http/errors.ts
  }
}

type Who = { actor: Actor; meta?: RequestMeta; userId: string };

export async function uploadImport(db: OrgDb, input: { fileName: string; contentType: string; bytes: Uint8Array } & Who): Promise<{ id: string; mapped: boolean }> {
  const table = protectCpr(await readImportFile(input.bytes), cprHash);
  const content = encodeTable(table);
  const mapping = autoMapping(table.columns);
  const cprCols = table.cprColumns.map((i) => table.columns[i]!);
  const mapped = mappingProblems(mapping, table.columns, cprCols).length === 0;
  const id = randomUUID();
  await db.$transaction(async (tx) => {
    await tx.importRun.create({
      data: {
        id,
        organisationId: tx.organisationId,
        fileName: input.fileName.slice(0, 200),
        contentType: table.format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv",
        content: new Uint8Array(content),
        mapping,
        status: mapped ? "validating" : "uploaded",
        totalRows: table.rows.length,
        createdById: input.userId,
      },
    });
    await writeAudit(tx, {
      type: "IMPORT_UPLOADED",
      actor: input.actor,
      entityType: "ImportRun",
      entityId: id,
      after: { format: table.format, rows: table.rows.length, columns: table.columns.length, cprColumns: table.cprColumns.length },
      ...(input.meta ? { meta: input.meta } : {}),
    });
    if (mapped) await enqueue(tx, importTenanciesJob, { importRunId: id, phase: "dry-run", requestedBy: { id: input.userId, label: input.actor.label } }, { key: `${id}:dry-run:${randomUUID()}` });
  }, { timeout: 60_000 });
  return { id, mapped };
}

/** The file's columns and which hold CPR hashes (for the mapping form). */
export async function importColumns(db: OrgDb, runId: string): Promise<{ columns: string[]; cprColumns: string[] }> {
  const run = await db.importRun.findUnique({ where: { id: runId }, select: { content: true } });
  if (!run?.content) throw new NotFound("import run");
  const t = decodeHeader(run.content);
  return { columns: t.columns, cprColumns: t.cprColumns.map((i) => t.columns[i]!) };
}

export async function saveImportMapping(db: OrgDb, input: { runId: string; mapping: Mapping } & Who): Promise<void> {
  const run = await db.importRun.findUnique({ where: { id: input.runId }, select: { status: true } });
  if (!run) throw new NotFound("import run");
  const { columns, cprColumns } = await importColumns(db, input.runId);
  const problems = mappingProblems(input.mapping, columns, cprColumns);
  if (problems.length > 0) throw new MappingRefused(problems);
  await db.$transaction(async (tx) => {
    const { count } = await tx.importRun.updateMany({
      where: { id: input.runId, status: { in: ["uploaded", "validated", "failed"] } },
      data: { mapping: input.mapping, status: "validating", processedRows: 0, created: 0, changed: 0, unchanged: 0, refused: 0, error: null, finishedAt: null },
    });
    if (count !== 1) throw new ImportStateConflict();
    await writeAudit(tx, { type: "IMPORT_MAPPING_SAVED", actor: input.actor, entityType: "ImportRun", entityId: input.runId, after: { fields: Object.keys(input.mapping).length }, ...(input.meta ? { meta: input.meta } : {}) });
    await enqueue(tx, importTenanciesJob, { importRunId: input.runId, phase: "dry-run", requestedBy: { id: input.userId, label: input.actor.label } }, { key: `${input.runId}:dry-run:${randomUUID()}` });
  });
}

export async function requestApply(db: OrgDb, input: { runId: string } & Who): Promise<void> {
  const run = await db.importRun.findUnique({ where: { id: input.runId }, select: { status: true } });
  if (!run) throw new NotFound("import run");
  await db.$transaction(async (tx) => {
    const { count } = await tx.importRun.updateMany({ where: { id: input.runId, status: "validated" }, data: { status: "applying", processedRows: 0, error: null, finishedAt: null } });
    if (count !== 1) throw new ImportStateConflict();
    await enqueue(tx, importTenanciesJob, { importRunId: input.runId, phase: "apply", requestedBy: { id: input.userId, label: input.actor.label } }, { key: `${input.runId}:apply` });
  });
}

export type ImportRunView = {
  id: string;
  fileName: string;
  status: "uploaded" | "validating" | "validated" | "applying" | "applied" | "failed";
  totalRows: number;
  processedRows: number;
  created: number;
  changed: number;
  unchanged: number;
  refused: number;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  mapping: Mapping;
  report: { phase: "dry-run" | "apply"; rows: { line: number; key: string; outcome: "created" | "changed" | "unchanged" | "refused"; reasons: string[] }[]; truncated: boolean } | null;
};

const VIEW = { id: true, fileName: true, status: true, totalRows: true, processedRows: true, created: true, changed: true, unchanged: true, refused: true, error: true, createdAt: true, finishedAt: true, mapping: true, report: true } as const;

export async function importRun(db: OrgDb, runId: string): Promise<ImportRunView> {
  if (!z.uuid().safeParse(runId).success) throw new NotFound("import run");
  const run = await db.importRun.findUnique({ where: { id: runId }, select: VIEW });
  if (!run) throw new NotFound("import run");
  return run as unknown as ImportRunView;
}

export async function recentImportRuns(db: OrgDb, take = 20): Promise<Omit<ImportRunView, "report" | "mapping">[]> {
  const { report: _r, mapping: _m, ...select } = VIEW;
  return (await db.importRun.findMany({ orderBy: { createdAt: "desc" }, take, select })) as Omit<ImportRunView, "report" | "mapping">[];
}
