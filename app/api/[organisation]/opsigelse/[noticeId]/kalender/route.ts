import { z } from "zod";
import { defineRoute } from "@/lib/http/wrappers";
import { NotFound } from "@/lib/http/errors";
import { contentDisposition } from "@/lib/http/files";
import { CALENDAR_CONTENT_TYPE, noticeCalendar } from "@/lib/letter";
import { tenantNoticeLetterView } from "@/lib/tenancy/documents";

const slug = z.string().min(1).max(50);

/**
 * GET /api/{organisation}/opsigelse/{noticeId}/kalender — the calendar file (.ics) of the signed-in
 * tenant's own submitted notice: the vacating deadline (12:00 Danish time) and the inspection date.
 * Anyone else's notice, or one not yet submitted: 404.
 */
export const GET = defineRoute(
  {
    kind: "tenant",
    name: "getNoticeCalendar",
    path: "/api/{organisation}/opsigelse/{noticeId}/kalender",
    summary: "The calendar file of the tenant's submitted notice",
    params: z.object({ organisation: slug, noticeId: z.string().max(100) }),
  },
  async (ctx, { params }, req) => {
    const view = await tenantNoticeLetterView(ctx.db, ctx.session.uid, params.noticeId, { name: ctx.org.name, settings: ctx.org.settings });
    if (!view) throw new NotFound("notice");
    const locale = req.cookies.get("NEXT_LOCALE")?.value === "en" ? "en" : "da";
    const ics = noticeCalendar(view, { locale });
    return new Response(ics, {
      status: 200,
      headers: {
        "Content-Type": CALENDAR_CONTENT_TYPE,
        "Content-Disposition": contentDisposition("attachment", locale === "en" ? "Notice" : "Opsigelse", new Date(view.submittedAt), "ics"),
        "Cache-Control": "no-store",
      },
    });
  },
);
