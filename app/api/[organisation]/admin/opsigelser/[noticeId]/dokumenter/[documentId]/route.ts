import { z } from "zod";
import { defineRoute } from "@/lib/http/wrappers";
import { NotFound } from "@/lib/http/errors";
import { contentDisposition } from "@/lib/http/files";
import { noticeDocumentFile } from "@/lib/casework/notice-detail";

const slug = z.string().min(1).max(50);

/**
 * GET /api/{organisation}/admin/opsigelser/{noticeId}/dokumenter/{documentId} — one document of
 * one notice (the confirmation letter as PDF) for staff with notices.read, inline, never cached.
 * Another organisation's notice, another notice's document, a draft or no such id: 404.
 */
export const GET = defineRoute(
  {
    kind: "staff",
    permission: "notices.read",
    name: "getNoticeDocumentForStaff",
    path: "/api/{organisation}/admin/opsigelser/{noticeId}/dokumenter/{documentId}",
    summary: "One document of a notice (PDF), for staff",
    params: z.object({ organisation: slug, noticeId: z.string().max(100), documentId: z.string().max(100) }),
  },
  async (ctx, { params }) => {
    const doc = await noticeDocumentFile(ctx.db, params.noticeId, params.documentId);
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
