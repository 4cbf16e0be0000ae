/**
 * The organisation-bound accessor: the ONLY way code reads or writes organisation data.
 *
 *   const db = orgDb(organisationId);
 *   await db.lejer.findMany({ where: { … } });       // WHERE organisationId = … is added
 *   await db.kode.create({ data: { organisationId: db.organisationId, … } });
 *
 * Every query of an organisation-owned model gets `organisationId` forced into its filter; every
 * create must carry this organisation's id (a different one throws); an update may not move a row
 * to another organisation. Relations between organisation rows are composite foreign keys
 * (organisationId, id), so `include` cannot reach another organisation's rows either.
 * Platform models (Organisation, Operator) are not reachable from here: see lib/db/platform.ts.
 */
import { Prisma } from "../generated/prisma/client";
import { prisma, type Db } from "./client";

export const ORG_MODELS = [
  "Selskab",
  "Ejendom",
  "Lejemaal",
  "Lejer",
  "Person",
  "Kode",
  "Opsigelse",
  "Signature",
  "Document",
  "Todo",
  "User",
  "AuditLog",
] as const satisfies readonly Prisma.ModelName[];
export type OrgModel = (typeof ORG_MODELS)[number];
const ORG_MODEL_SET = new Set<string>(ORG_MODELS);

export class ScopeViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScopeViolation";
  }
}

type Args = Record<string, unknown> & { where?: Record<string, unknown>; data?: unknown; create?: unknown };

function scopeData(model: string, data: unknown, organisationId: string, mode: "create" | "update"): unknown {
  if (Array.isArray(data)) return data.map((d) => scopeData(model, d, organisationId, mode));
  if (!data || typeof data !== "object") return data;
  const row = data as Record<string, unknown>;
  if ("organisation" in row) throw new ScopeViolation(`${model}: set organisationId, not the organisation relation`);
  if (mode === "create") {
    if (row.organisationId !== undefined && row.organisationId !== organisationId) {
      throw new ScopeViolation(`${model}: cannot create a row for another organisation`);
    }
    return { ...row, organisationId };
  }
  if (row.organisationId !== undefined && row.organisationId !== organisationId) {
    throw new ScopeViolation(`${model}: cannot move a row to another organisation`);
  }
  return row;
}

/** For filters (findMany, count, updateMany …): the caller's filter AND this organisation. */
function andScope(where: Record<string, unknown> | undefined, organisationId: string) {
  return where && Object.keys(where).length > 0 ? { AND: [where, { organisationId }] } : { organisationId };
}

/** For unique lookups (findUnique, update, delete, upsert): Prisma needs the unique field on top. */
function uniqueScope(model: string, where: Record<string, unknown> | undefined, organisationId: string) {
  if (where && typeof where.organisationId === "string" && where.organisationId !== organisationId) {
    throw new ScopeViolation(`${model}: cannot reach a row of another organisation`);
  }
  return { ...where, organisationId };
}

function scopeExtension(organisationId: string) {
  return Prisma.defineExtension({
    name: "organisation-scope",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (!ORG_MODEL_SET.has(model)) {
            throw new ScopeViolation(`${model} is not organisation data; use lib/db/platform.ts`);
          }
          const a = { ...(args as Args) };
          switch (operation) {
            case "create":
              a.data = scopeData(model, a.data, organisationId, "create");
              break;
            case "createMany":
            case "createManyAndReturn":
              a.data = scopeData(model, a.data, organisationId, "create");
              break;
            case "upsert":
              a.where = uniqueScope(model, a.where, organisationId);
              a.create = scopeData(model, a.create, organisationId, "create");
              a.update = scopeData(model, a.update, organisationId, "update");
              break;
            case "update":
              a.where = uniqueScope(model, a.where, organisationId);
              a.data = scopeData(model, a.data, organisationId, "update");
              break;
            case "updateMany":
            case "updateManyAndReturn":
              a.where = andScope(a.where, organisationId);
              a.data = scopeData(model, a.data, organisationId, "update");
              break;
            case "findUnique":
            case "findUniqueOrThrow":
            case "delete":
              a.where = uniqueScope(model, a.where, organisationId);
              break;
            case "findFirst":
            case "findFirstOrThrow":
            case "findMany":
            case "count":
            case "aggregate":
            case "groupBy":
            case "deleteMany":
              a.where = andScope(a.where, organisationId);
              break;
            default:
              throw new ScopeViolation(`${model}.${operation} is not allowed through the organisation accessor`);
          }
          return query(a as typeof args);
        },
      },
    },
  });
}

function extend(base: Db, organisationId: string) {
  return base.$extends(scopeExtension(organisationId));
}
type Extended = ReturnType<typeof extend>;
type Delegates = Pick<
  Extended,
  "selskab" | "ejendom" | "lejemaal" | "lejer" | "person" | "kode" | "opsigelse" | "signature" | "document" | "todo" | "user" | "auditLog"
>;

export type OrgTx = Delegates & { readonly organisationId: string };
export type OrgDb = OrgTx & {
  /** Runs `fn` in one database transaction; inside it use only the `tx` it is given. */
  $transaction<T>(fn: (tx: OrgTx) => Promise<T>, options?: { timeout?: number; maxWait?: number; isolationLevel?: Prisma.TransactionIsolationLevel }): Promise<T>;
};

function delegates(client: Extended | Parameters<Parameters<Extended["$transaction"]>[0]>[0], organisationId: string): OrgTx {
  return {
    organisationId,
    selskab: client.selskab,
    ejendom: client.ejendom,
    lejemaal: client.lejemaal,
    lejer: client.lejer,
    person: client.person,
    kode: client.kode,
    opsigelse: client.opsigelse,
    signature: client.signature,
    document: client.document,
    todo: client.todo,
    user: client.user,
    auditLog: client.auditLog,
  } as OrgTx;
}

/** The accessor bound to one organisation. `base` is for tests that bring their own client. */
export function orgDb(organisationId: string, base: Db = prisma()): OrgDb {
  if (!/^[0-9a-f-]{36}$/i.test(organisationId)) throw new ScopeViolation("orgDb needs an organisation id");
  const ext = extend(base, organisationId);
  return {
    ...delegates(ext, organisationId),
    $transaction: (fn, options) =>
      ext.$transaction((tx) => fn(delegates(tx, organisationId)), { timeout: 15_000, maxWait: 10_000, ...options }),
  };
}
