import { defineRoute } from "@/lib/http/wrappers";
import { translator } from "@/lib/http/messages";
import { auditCsvStream, auditFilterSchema } from "@/lib/admin/audit-log";
import { eventLabel } from "@/lib/admin/audit-labels";
import { todayInDenmark } from "@/lib/time";

/**
 * The organisation's audit log as CSV for Danish Excel (UTF-8 with BOM, `;`, CRLF), with the same
 * filters as /{organisation}/admin/log, streamed page by page. Staff with audit.read of this
 * organisation only: another organisation's staff get 404.
 */
export const GET = defineRoute(
  { kind: "staff", permission: "audit.read", name: "auditLogCsv", path: "/api/{organisation}/admin/log/csv", query: auditFilterSchema.strict(), summary: "The audit log as CSV" },
  async (ctx, { query }) => {
    const t = translator("da");
    const label = (type: string) => eventLabel((k) => t(`adminAudit.${k}`), null, type);
    const stream = auditCsvStream(ctx.db, query, label);
    return new Response(stream, {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="log-${ctx.org.slug}-${todayInDenmark()}.csv"`,
      },
    });
  },
);
