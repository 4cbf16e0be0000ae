/**
 * The organisation-bound accessor: the ONLY way code reads or writes organisation data.
 *
 *   const db = orgDb(organisationId);
 *   await db.lejer.findMany({ where: { … } });       // WHERE organisationId = … is added
 *   await db.kode.create({ data: { organisationId: db.organisationId, … } });
 *
 * Which models are organisation data, and which of their fields are relations, comes from Prisma's
 * own schema metadata (ORG_MODELS: every model with an `organisationId` field; the relations: the
 * client's runtime data model), never from a hand-kept list. A new model with `organisationId` is
 * scoped the moment the client is generated.
 *
 * What the accessor does to every query of an organisation model (a query extension):
 *  - filters (find, count, aggregate, groupBy, updateMany, deleteMany) get `AND organisationId = …`;
 *    unique lookups (findUnique, update, delete, upsert) get `organisationId` added to the unique
 *    where (Prisma ≥ 5 accepts extra filters there). Naming another organisation throws.
 *  - a `cursor` (a unique where that Prisma looks up in its own sub-select, outside the query's
 *    where) gets `organisationId` added, at the top and in every nested include/select list;
 *  - a create gets this organisation's id forced (naming another one throws);
 *  - an update may set `organisationId` only to its current value;
 *  - every NESTED write, on every relation, at any depth, is rewritten or refused:
 *      connect / set / connectOrCreate.where / nested update|upsert|delete|disconnect where /
 *      updateMany / deleteMany filters  →  `organisationId` of this organisation is added, so they
 *        cannot match another organisation's row (Prisma then answers "record not found");
 *      nested create / createMany / connectOrCreate.create / upsert.create  →  the new row must
 *        name this organisation (organisationId or `organisation: { connect: { id } }`) or inherit
 *        it through the composite foreign key of its parent;
 *      the `organisation` relation (and any relation to a platform model) accepts nothing but
 *        `{ connect: { id: <this organisation> } }`;
 *      an unknown nested operation is refused (fail closed).
 * Foreign-key scalars (lejerId, …) need no check: every relation between organisation rows is a
 * composite foreign key (organisationId, id) — tests/integration/isolation.test.ts checks that for
 * every foreign key — so the database refuses a row of A pointing at B's row. Reads through
 * relations (include/select with nested where, some/every/none/is filters) stay inside the
 * organisation for the same reason. The database also refuses changing organisationId of an
 * existing row (trigger organisation_id_immutable, tests/integration/organisation-trigger.test.ts).
 *
 * Platform models (Organisation, Operator, …) are not reachable from here: see lib/db/platform.ts.
 * Inside an organisation, what a signed-in tenant may reach is decided in lib/tenancy/access.ts.
 */
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { prisma, type Db } from "./client";

/** Prisma's generated types (query arguments, payloads) for code outside lib/db, which never imports the client itself. */
export type { Prisma };

// ------------------------------------------------------------------- organisation models (derived)

/** Every model whose scalar fields include `organisationId` (computed by the type checker). */
export type OrgModel = {
  [M in Prisma.ModelName]: "organisationId" extends keyof Prisma.TypeMap["model"][M]["fields"] ? M : never;
}[Prisma.ModelName];

function deriveOrgModels(): readonly OrgModel[] {
  const namespace = Prisma as unknown as Record<string, Record<string, string> | undefined>;
  return Object.values(Prisma.ModelName).filter((model) => {
    const scalars = namespace[`${model}ScalarFieldEnum`];
    if (!scalars) throw new Error(`lib/db/scoped.ts: the generated client has no ${model}ScalarFieldEnum; regenerate it (npm run postinstall)`);
    return Object.values(scalars).includes("organisationId");
  }) as OrgModel[];
}

/** Every organisation-owned model, in schema order, derived from the generated client. */
export const ORG_MODELS: readonly OrgModel[] = Object.freeze(deriveOrgModels());
const ORG_MODEL_SET: ReadonlySet<string> = new Set(ORG_MODELS);

export class ScopeViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScopeViolation";
  }
}

// ------------------------------------------------------------------------ the schema's relations

type RuntimeField = { name: string; kind: string; type: string; relationName?: string };
type RuntimeDataModel = { models: Record<string, { fields: readonly RuntimeField[]; dbName: string | null }> };

export type RelationField = { model: OrgModel; field: string; target: string; relationName: string };
export type OrganisationSchema = {
  /** Relation fields by model, from the client's runtime data model. */
  relations: ReadonlyMap<string, ReadonlyMap<string, RelationField>>;
  /** Every relation field of every organisation model. */
  allRelations: readonly RelationField[];
  /** The table of each organisation model. */
  tables: ReadonlyMap<OrgModel, string>;
};

/** Keys that tell a to-one `update: { where?, data }` from `update: <data>`; no organisation model may have a field of that name. */
const STRUCTURAL_KEYS = ["where", "data"] as const;

const schemas = new WeakMap<object, OrganisationSchema>();

/**
 * The organisation part of the schema as the Prisma client itself knows it (its runtime data
 * model). Fails loudly when the client does not expose it, or disagrees with ORG_MODELS.
 */
export function organisationSchema(client: Db): OrganisationSchema {
  const cached = schemas.get(client);
  if (cached) return cached;
  const dm = (client as unknown as { _runtimeDataModel?: RuntimeDataModel })._runtimeDataModel;
  if (!dm?.models || typeof dm.models !== "object") {
    throw new Error("lib/db/scoped.ts: the Prisma client exposes no runtime data model; the organisation scope cannot be enforced");
  }
  const withOrgId = Object.entries(dm.models)
    .filter(([, m]) => m.fields.some((f) => f.name === "organisationId" && f.kind === "scalar"))
    .map(([name]) => name);
  if (withOrgId.join() !== ORG_MODELS.join()) {
    throw new Error(`lib/db/scoped.ts: the runtime data model's organisation models (${withOrgId.join()}) differ from ORG_MODELS (${ORG_MODELS.join()})`);
  }
  const relations = new Map<string, Map<string, RelationField>>();
  const tables = new Map<OrgModel, string>();
  for (const model of ORG_MODELS) {
    const m = dm.models[model];
    if (!m) throw new Error(`lib/db/scoped.ts: the runtime data model has no model ${model}`);
    for (const key of STRUCTURAL_KEYS) {
      if (m.fields.some((f) => f.name === key)) throw new Error(`lib/db/scoped.ts: ${model}.${key} clashes with a nested-write key; rename the field`);
    }
    const byField = new Map<string, RelationField>();
    for (const f of m.fields) {
      if (f.kind === "object") byField.set(f.name, { model, field: f.name, target: f.type, relationName: f.relationName ?? "" });
    }
    relations.set(model, byField);
    tables.set(model, m.dbName ?? model);
  }
  const schema: OrganisationSchema = { relations, allRelations: [...relations.values()].flatMap((m) => [...m.values()]), tables };
  schemas.set(client, schema);
  return schema;
}

// ----------------------------------------------------------------------------- rewriting queries

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array);

/** `fn` over a value that Prisma accepts as one item or an array of items. */
function each(v: unknown, fn: (item: unknown) => unknown): unknown {
  return Array.isArray(v) ? v.map(fn) : fn(v);
}

class Scoper {
  constructor(
    private readonly schema: OrganisationSchema,
    private readonly organisationId: string,
  ) {}

  private fail(message: string): never {
    throw new ScopeViolation(message);
  }

  /** A filter or unique where of `model`, narrowed to this organisation. */
  where(model: string, w: unknown, what: string): Obj {
    if (!isObj(w)) this.fail(`${model}: ${what} needs a where object`);
    if (w.organisationId !== undefined && w.organisationId !== this.organisationId) {
      this.fail(`${model}: ${what} cannot reach a row of another organisation`);
    }
    return { ...w, organisationId: this.organisationId };
  }

  /** The caller's filter AND this organisation (top-level findMany, count, updateMany …). */
  andWhere(w: unknown): Obj {
    return isObj(w) && Object.keys(w).length > 0 ? { AND: [w, { organisationId: this.organisationId }] } : { organisationId: this.organisationId };
  }

  /**
   * Read arguments (findMany … and the include/select of any query): a `cursor` is a unique where
   * that Prisma looks up in a sub-select of its own, outside the query's where, so it is narrowed
   * to this organisation too — at the top and in every nested relation list.
   */
  readArgs(model: string, args: Obj): Obj {
    const out: Obj = { ...args };
    if (out.cursor !== undefined) out.cursor = this.where(model, out.cursor, "cursor");
    const fields = this.schema.relations.get(model);
    for (const key of ["include", "select"] as const) {
      const shape = out[key];
      if (!isObj(shape) || !fields) continue;
      const next: Obj = { ...shape };
      for (const [name, value] of Object.entries(shape)) {
        const rel = fields.get(name);
        if (rel && ORG_MODEL_SET.has(rel.target) && isObj(value)) next[name] = this.readArgs(rel.target, value);
      }
      out[key] = next;
    }
    return out;
  }

  /** Data of a new row (top level or nested). `top`: force this organisation's id onto it. */
  createData(model: string, data: unknown, top: boolean): Obj {
    if (!isObj(data)) this.fail(`${model}: create needs a data object`);
    if (data.organisationId !== undefined && data.organisationId !== this.organisationId) {
      this.fail(`${model}: cannot create a row for another organisation`);
    }
    const row = this.relationsIn(model, data);
    // Checked input names the organisation through the relation (checked by relationsIn); otherwise
    // the scalar. A nested row without either inherits it through its parent's composite key.
    if (top && row.organisation === undefined) row.organisationId = this.organisationId;
    return row;
  }

  /** Data of a change to an existing row (top level or nested). */
  updateData(model: string, data: unknown): Obj {
    if (!isObj(data)) this.fail(`${model}: update needs a data object`);
    if (data.organisationId !== undefined && data.organisationId !== this.organisationId) {
      this.fail(`${model}: cannot move a row to another organisation`);
    }
    return this.relationsIn(model, data);
  }

  /** Rewrites every relation field of a data object; scalar (and Json) values are left alone. */
  private relationsIn(model: string, data: Obj): Obj {
    const fields = this.schema.relations.get(model);
    if (!fields) this.fail(`${model} is not organisation data`);
    const out: Obj = { ...data };
    for (const [key, value] of Object.entries(data)) {
      const rel = fields.get(key);
      if (rel && value !== undefined) out[key] = this.nestedWrite(rel, value);
    }
    return out;
  }

  private nestedWrite(rel: RelationField, value: unknown): unknown {
    const at = `${rel.model}.${rel.field}`;
    if (!ORG_MODEL_SET.has(rel.target)) {
      // The organisation relation (or another platform model): only "this organisation".
      const ok =
        rel.target === "Organisation" &&
        isObj(value) &&
        Object.keys(value).length === 1 &&
        isObj(value.connect) &&
        Object.keys(value.connect).length === 1 &&
        value.connect.id === this.organisationId;
      if (!ok) this.fail(`${at}: only { connect: { id: <this organisation> } } is allowed; set organisationId instead`);
      return value;
    }
    if (!isObj(value)) this.fail(`${at}: a nested write must be an object`);
    const t = rel.target;
    const out: Obj = {};
    for (const [op, v] of Object.entries(value)) {
      if (v === undefined) continue;
      switch (op) {
        case "create":
          out.create = each(v, (d) => this.createData(t, d, false));
          break;
        case "createMany":
          if (!isObj(v)) this.fail(`${at}.createMany needs { data }`);
          out.createMany = { ...v, data: each(v.data, (d) => this.createData(t, d, false)) };
          break;
        case "connect":
        case "set":
          out[op] = each(v, (w) => this.where(t, w, `${at}.${op}`));
          break;
        case "connectOrCreate":
          out.connectOrCreate = each(v, (x) => {
            if (!isObj(x)) this.fail(`${at}.connectOrCreate needs { where, create }`);
            return { ...x, where: this.where(t, x.where, `${at}.connectOrCreate`), create: this.createData(t, x.create, false) };
          });
          break;
        case "disconnect":
        case "delete":
          out[op] = typeof v === "boolean" ? v : each(v, (w) => this.where(t, w, `${at}.${op}`));
          break;
        case "deleteMany":
          out.deleteMany = each(v, (w) => this.where(t, w, `${at}.deleteMany`));
          break;
        case "update":
          out.update = each(v, (x) => {
            if (!isObj(x)) this.fail(`${at}.update needs an object`);
            // { where?, data } (to-many, or to-one with a filter); otherwise the to-one data itself.
            // Unambiguous: no organisation model has a field called `data` or `where` (checked).
            const withWhere = "data" in x && Object.keys(x).every((k) => k === "where" || k === "data");
            if (!withWhere) return this.updateData(t, x);
            return { ...x, ...(x.where !== undefined ? { where: this.where(t, x.where, `${at}.update`) } : {}), data: this.updateData(t, x.data) };
          });
          break;
        case "updateMany":
          out.updateMany = each(v, (x) => {
            if (!isObj(x)) this.fail(`${at}.updateMany needs { where, data }`);
            return { ...x, where: this.where(t, x.where ?? {}, `${at}.updateMany`), data: this.updateData(t, x.data) };
          });
          break;
        case "upsert":
          out.upsert = each(v, (x) => {
            if (!isObj(x)) this.fail(`${at}.upsert needs { where?, create, update }`);
            return {
              ...x,
              ...(x.where !== undefined ? { where: this.where(t, x.where, `${at}.upsert`) } : {}),
              create: this.createData(t, x.create, false),
              update: this.updateData(t, x.update),
            };
          });
          break;
        default:
          this.fail(`${at}: nested operation "${op}" is not allowed through the organisation accessor`);
      }
    }
    return out;
  }
}

function scopeExtension(organisationId: string, schema: OrganisationSchema, opts: { createsOrganisation?: boolean } = {}) {
  const s = new Scoper(schema, organisationId);
  return Prisma.defineExtension({
    name: "organisation-scope",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          // orgTransactionWithPlatform: the one platform write allowed — creating THIS organisation.
          if (opts.createsOrganisation && model === "Organisation" && operation === "create" && (args as { data?: { id?: unknown } })?.data?.id === organisationId) {
            return query(args);
          }
          if (!ORG_MODEL_SET.has(model)) {
            throw new ScopeViolation(`${model} is not organisation data; use lib/db/platform.ts`);
          }
          const a = s.readArgs(model, (args ?? {}) as Obj);
          switch (operation) {
            case "create":
              a.data = s.createData(model, a.data, true);
              break;
            case "createMany":
            case "createManyAndReturn":
              a.data = each(a.data, (d) => s.createData(model, d, true));
              break;
            case "upsert":
              a.where = s.where(model, a.where, "upsert");
              a.create = s.createData(model, a.create, true);
              a.update = s.updateData(model, a.update);
              break;
            case "update":
              a.where = s.where(model, a.where, "update");
              a.data = s.updateData(model, a.data);
              break;
            case "updateMany":
            case "updateManyAndReturn":
              a.where = s.andWhere(a.where);
              a.data = s.updateData(model, a.data);
              break;
            case "findUnique":
            case "findUniqueOrThrow":
            case "delete":
              a.where = s.where(model, a.where, operation);
              break;
            case "findFirst":
            case "findFirstOrThrow":
            case "findMany":
            case "count":
            case "aggregate":
            case "groupBy":
            case "deleteMany":
              a.where = s.andWhere(a.where);
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

function extend(base: Db, organisationId: string, opts: { createsOrganisation?: boolean } = {}) {
  return base.$extends(scopeExtension(organisationId, organisationSchema(base), opts));
}
type Extended = ReturnType<typeof extend>;
/** The delegate of each organisation model: `lejer`, `auditLog`, … */
export type OrgDelegateName = Uncapitalize<OrgModel>;
type Delegates = Pick<Extended, OrgDelegateName>;

export const delegateName = <M extends OrgModel>(model: M): Uncapitalize<M> => (model.charAt(0).toLowerCase() + model.slice(1)) as Uncapitalize<M>;

export type OrgTx = Delegates & { readonly organisationId: string };
export type OrgDb = OrgTx & {
  /** Runs `fn` in one database transaction; inside it use only the `tx` it is given. */
  $transaction<T>(fn: (tx: OrgTx) => Promise<T>, options?: { timeout?: number; maxWait?: number; isolationLevel?: Prisma.TransactionIsolationLevel }): Promise<T>;
};

function delegates(client: Extended | Parameters<Parameters<Extended["$transaction"]>[0]>[0], organisationId: string): OrgTx {
  const out: Record<string, unknown> = { organisationId };
  for (const model of ORG_MODELS) {
    const name = delegateName(model);
    out[name] = (client as unknown as Record<string, unknown>)[name];
  }
  return out as OrgTx;
}

/** The accessor bound to one organisation. `base` is for tests that bring their own client. */
export function orgDb(organisationId: string, base: Db = prisma()): OrgDb {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(organisationId)) throw new ScopeViolation("orgDb needs an organisation id");
  const ext = extend(base, organisationId);
  return {
    ...delegates(ext, organisationId),
    $transaction: (fn, options) =>
      ext.$transaction((tx) => fn(delegates(tx, organisationId)), { timeout: 15_000, maxWait: 10_000, ...options }),
  };
}

/**
 * For lib/db/platform.ts only: one transaction that writes a platform row (a new organisation,
 * `platformTx`) and that organisation's own rows through the bound accessor (`tx`) — so that
 * creating an organisation with its first rows is all or nothing.
 */
export function orgTransactionWithPlatform<T>(
  organisationId: string,
  base: Db,
  /** `platformTx.organisation.create({ data: { id: organisationId, … } })` is the only platform query it allows. */
  fn: (platformTx: Pick<Db, "organisation">, tx: OrgTx) => Promise<T>,
  options?: { timeout?: number; maxWait?: number },
): Promise<T> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(organisationId)) throw new ScopeViolation("orgDb needs an organisation id");
  const ext = extend(base, organisationId, { createsOrganisation: true });
  return ext.$transaction((tx) => fn(tx as unknown as Pick<Db, "organisation">, delegates(tx, organisationId)), { timeout: 15_000, maxWait: 10_000, ...options });
}
