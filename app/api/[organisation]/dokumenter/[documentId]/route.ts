import { z } from "zod";
import { defineRoute } from "@/lib/http/wrappers";
import { NotFound } from "@/lib/http/errors";
import { tenantDocumentFile } from "@/lib/tenancy/documents";
import { contentDisposition } from "@/lib/http/files";

const slug = z.string().min(1).max(50);

/**
 * GET /api/{organisation}/dokumenter/{documentId} — one of the signed-in tenant's documents (the
 * confirmation letter as PDF), inline, never cached. Another tenant's or organisation's document,
 * or no such id: 404.
 */
export const GET = defineRoute(
  {
    kind: "tenant",
    name: "getTenantDocument",
    path: "/api/{organisation}/dokumenter/{documentId}",
    summary: "One of the signed-in tenant's documents (PDF)",
    params: z.object({ organisation: slug, documentId: z.string().max(100) }),
  },
  async (ctx, { params }) => {
    const doc = await tenantDocumentFile(ctx.db, ctx.session.uid, params.documentId);
    if (!doc || !doc.content) throw new NotFound("document");
    const bytes = new Uint8Array(doc.content);
    const pdf = doc.contentType === "application/pdf";
    return new Response(bytes, {
      status: 200,
      headers: {
        "Content-Type": pdf ? "application/pdf" : "application/octet-stream",
        "Content-Length": String(bytes.byteLength),
        "Content-Disposition": contentDisposition(pdf ? "inline" : "attachment", doc.title, doc.createdAt, pdf ? "pdf" : "bin"),
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
);
