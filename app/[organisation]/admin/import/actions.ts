"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { setFormFlash } from "@/lib/http/form-flash";
import { FIELD_KEYS } from "@/lib/import/fields";
import { ImportFileError, ImportStateConflict, MappingRefused, MAX_UPLOAD_BYTES, requestApply, saveImportMapping, uploadImport } from "@/lib/import/runs";
import type { Mapping } from "@/lib/import/mapping";

/**
 * The import page's forms (plain forms posting to server actions: they work without JavaScript).
 * Each redirects to the run's page on success; a refused file or mapping is stored as the form
 * flash (lib/http/form-flash.ts) and the page shows it after the redirect (Post/Redirect/Get).
 * The upload action takes up to 50 MB (the wrapper's cap; next.config.js raises Next's own limits).
 */
export const uploadTenancyImport = defineAction(
  { kind: "staff", permission: "tenancies.manage", name: "uploadTenancyImport", input: z.object({ file: z.unknown() }).strict(), maxBodyBytes: MAX_UPLOAD_BYTES + 64 * 1024 },
  async (ctx, input) => {
    const page = adminHref(ctx.org.slug, "import");
    const file = input.file;
    let message: string | null = null;
    let id: string | null = null;
    if (!(file instanceof Blob) || file.size === 0) message = "Vælg en fil.";
    else {
      try {
        const r = await uploadImport(ctx.db, {
          fileName: (file as File).name || "import",
          contentType: file.type,
          bytes: new Uint8Array(await file.arrayBuffer()),
          actor: ctx.actor,
          meta: ctx.meta,
          userId: ctx.session.uid,
        });
        id = r.id;
      } catch (e) {
        if (!(e instanceof ImportFileError)) throw e;
        message = e.message;
      }
    }
    if (!id) {
      await setFormFlash({ form: "import-upload", values: {}, errors: { file: ["refused"] }, message: message ?? "" });
      redirect(page);
    }
    redirect(adminHref(ctx.org.slug, "import", id));
  },
);

const mappingInput = z
  .object({ runId: z.uuid() })
  .catchall(z.string().max(200));

export const saveTenancyImportMapping = defineAction(
  { kind: "staff", permission: "tenancies.manage", name: "saveTenancyImportMapping", input: mappingInput },
  async (ctx, input) => {
    const mapping: Mapping = {};
    for (const k of FIELD_KEYS) {
      const v = input[`m_${k}`];
      if (typeof v === "string" && v !== "") mapping[k] = v;
    }
    const page = adminHref(ctx.org.slug, "import", input.runId);
    try {
      await saveImportMapping(ctx.db, { runId: input.runId, mapping, actor: ctx.actor, meta: ctx.meta, userId: ctx.session.uid });
    } catch (e) {
      if (e instanceof MappingRefused) {
        const errors: Record<string, string[]> = {};
        for (const p of e.problems) (errors[p.field ? `m_${p.field}` : ""] ??= []).push(p.message);
        const values: Record<string, string> = {};
        for (const [k, v] of Object.entries(input)) if (k.startsWith("m_") && typeof v === "string") values[k] = v;
        await setFormFlash({ form: `import-mapping/${input.runId}`, values, errors });
        redirect(page);
      }
      if (e instanceof ImportStateConflict) {
        await setFormFlash({ form: `import-mapping/${input.runId}`, values: {}, errors: {}, stale: true });
        redirect(page);
      }
      throw e;
    }
    redirect(page);
  },
);

export const applyTenancyImport = defineAction(
  { kind: "staff", permission: "tenancies.manage", name: "applyTenancyImport", input: z.object({ runId: z.uuid() }).strict() },
  async (ctx, input) => {
    const page = adminHref(ctx.org.slug, "import", input.runId);
    try {
      await requestApply(ctx.db, { runId: input.runId, actor: ctx.actor, meta: ctx.meta, userId: ctx.session.uid });
    } catch (e) {
      if (!(e instanceof ImportStateConflict)) throw e;
      await setFormFlash({ form: `import-apply/${input.runId}`, values: {}, errors: {}, stale: true });
    }
    redirect(page);
  },
);
