"use server";
/**
 * The code tables' server actions. Every form is a plain form (works without JavaScript) posting
 * to one of the submit… functions: success redirects to the page that shows the result; a refused
 * form is kept in the flash cookie (lib/http/form-flash.ts) with its field errors (catalogue keys)
 * and the page is shown again with the typed values. The …Action exports are the wrapped actions
 * (permission codes.manage, rate limit, organisation scope) that the submit functions — and the
 * integration tests — call.
 */
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, type ActionResult } from "@/lib/http/wrappers";
import { clearFormFlash, setFormFlash } from "@/lib/http/form-flash";
import { adminHref } from "@/lib/admin/nav";
import { CODE_TABLES, codeFormKey, codeTable, hasRule, newFlashRef, parseCodeForm, type CodeTableSlug } from "@/lib/admin/code-form";
import { createCode, deleteCode, moveCode, setCodeActive, updateCode } from "@/lib/admin/codes";

const tableSlug = z.enum(CODE_TABLES.map((t) => t.slug) as [CodeTableSlug, ...CodeTableSlug[]]);
const CONTROL = new Set(["table", "id", "intent", "organisation"]);

/** The form's own fields (strings only). */
function fieldsOf(input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) if (!CONTROL.has(k) && typeof v === "string") out[k] = v.slice(0, 2000);
  return out;
}

const codesHref = (slug: string, table?: string, sub?: string) => adminHref(slug, "codes", [table, sub].filter(Boolean).join("/") || undefined);

export const saveCodeAction = defineAction(
  {
    kind: "staff",
    permission: "codes.manage",
    name: "saveCode",
    input: z.looseObject({ table: tableSlug, id: z.union([z.uuid(), z.literal("")]).optional(), intent: z.enum(["save", "preview"]).optional() }),
  },
  async (ctx, input) => {
    const table = codeTable(input.table)!;
    const id = input.id ? input.id : null;
    const values = fieldsOf(input);
    const ref = newFlashRef();
    const form = codeFormKey(table.slug, id, "edit", ref);
    const page = id ? codesHref(ctx.org.slug, table.slug, id) : codesHref(ctx.org.slug, table.slug, "ny");
    if (input.intent === "preview" && hasRule(table.type)) {
      // The preview of the typed rule, without saving: the page computes it from the kept values.
      const parsed = parseCodeForm(table.type, values);
      await setFormFlash({ form, values, errors: parsed.ok ? {} : parsed.errors });
      redirect(`${page}?eksempel=1&f=${ref}#eksempel`);
    }
    const common = { db: ctx.db, type: table.type, values, actor: ctx.actor, meta: ctx.meta };
    const r = id ? await updateCode({ ...common, id }) : await createCode(common);
    if (!r.ok) {
      await setFormFlash({ form, values, errors: r.errors });
      redirect(`${page}?f=${ref}`);
    }
    await clearFormFlash();
    redirect(`${codesHref(ctx.org.slug, table.slug, r.id)}?gemt=1`);
  },
);

const codeRef = z.object({ table: tableSlug, id: z.uuid() });

export const setCodeActiveAction = defineAction(
  {
    kind: "staff",
    permission: "codes.manage",
    name: "setCodeActive",
    input: codeRef.extend({ active: z.enum(["true", "false"]), from: z.enum(["list", "edit"]).optional() }),
  },
  async (ctx, input) => {
    const table = codeTable(input.table)!;
    await setCodeActive({ db: ctx.db, type: table.type, id: input.id, active: input.active === "true", actor: ctx.actor, meta: ctx.meta });
    const status = input.active === "true" ? "aktiveret" : "deaktiveret";
    redirect(input.from === "list" ? `${codesHref(ctx.org.slug, table.slug)}?${status}=${input.id}` : `${codesHref(ctx.org.slug, table.slug, input.id)}?${status}=1`);
  },
);

export const moveCodeAction = defineAction(
  { kind: "staff", permission: "codes.manage", name: "moveCode", input: codeRef.extend({ direction: z.enum(["up", "down"]) }) },
  async (ctx, input) => {
    const table = codeTable(input.table)!;
    await moveCode({ db: ctx.db, type: table.type, id: input.id, direction: input.direction, actor: ctx.actor, meta: ctx.meta });
    redirect(`${codesHref(ctx.org.slug, table.slug)}?flyttet=${input.id}#kode-${input.id}`);
  },
);

export const deleteCodeAction = defineAction({ kind: "staff", permission: "codes.manage", name: "deleteCode", input: codeRef }, async (ctx, input) => {
  const table = codeTable(input.table)!;
  const r = await deleteCode({ db: ctx.db, type: table.type, id: input.id, actor: ctx.actor, meta: ctx.meta });
  if (!r.ok) {
    const ref = newFlashRef();
    await setFormFlash({ form: codeFormKey(table.slug, input.id, "delete", ref), values: {}, errors: r.errors });
    redirect(`${codesHref(ctx.org.slug, table.slug, input.id)}?f=${ref}#slet`);
  }
  redirect(`${codesHref(ctx.org.slug, table.slug)}?slettet=1`);
});

// ------------------------------------------------------------------------------- plain forms

/** Where a refused plain form goes back to: the page it came from (addressed by its own hidden fields). */
function backOf(formData: FormData): { slug: string; page: string; id: string | null } | null {
  const slug = String(formData.get("organisation") ?? "");
  const table = String(formData.get("table") ?? "");
  const id = String(formData.get("id") ?? "");
  if (!/^[a-z0-9-]{1,60}$/.test(slug) || !codeTable(table)) return null;
  const okId = z.uuid().safeParse(id).success ? id : null;
  return { slug, page: okId ? codesHref(slug, table, okId) : codesHref(slug, table, "ny"), id: okId };
}

async function refused(r: ActionResult<unknown>, formData: FormData, fallback?: "list"): Promise<void> {
  if (r.ok) return;
  const back = backOf(formData);
  if (!back) redirect("/");
  if (r.status === 401) redirect(`/${back.slug}/admin/login?callbackUrl=${encodeURIComponent(back.page)}`);
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && !CONTROL.has(k) && !k.startsWith("$ACTION")) values[k] = v;
  const table = String(formData.get("table"));
  const ref = newFlashRef();
  await setFormFlash({ form: fallback === "list" ? codeFormKey(table, null, "list", ref) : codeFormKey(table, back.id, "edit", ref), values, errors: r.fieldErrors ?? {}, message: r.message });
  redirect(`${fallback === "list" ? codesHref(back.slug, table) : back.page}?f=${ref}`);
}

export async function submitSaveCode(formData: FormData): Promise<void> {
  await refused(await saveCodeAction(formData), formData);
}

export async function submitSetCodeActive(formData: FormData): Promise<void> {
  await refused(await setCodeActiveAction(formData), formData, formData.get("from") === "list" ? "list" : undefined);
}

export async function submitMoveCode(formData: FormData): Promise<void> {
  await refused(await moveCodeAction(formData), formData, "list");
}

export async function submitDeleteCode(formData: FormData): Promise<void> {
  await refused(await deleteCodeAction(formData), formData);
}
