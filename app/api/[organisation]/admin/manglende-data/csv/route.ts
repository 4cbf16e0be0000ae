import { defineRoute } from "@/lib/http/wrappers";
import { missingDataCsvStream, missingDataFilterSchema } from "@/lib/casework/missing-data";
import { todayInDenmark } from "@/lib/time";

/**
 * The missing-data report as CSV for Danish Excel (UTF-8 with BOM, `;`, CRLF, formula-safe cells),
 * the guide's columns, with the same filters as /{organisation}/admin/manglende-data, streamed in
 * keyset pages. Staff with reports.read of this organisation (read-only staff too); another
 * organisation's staff get 404. Rate-limited per client address (jsonRoutePerIp, as the log's CSV).
 */
export const GET = defineRoute(
  {
    kind: "staff",
    permission: "reports.read",
    name: "missingDataCsv",
    path: "/api/{organisation}/admin/manglende-data/csv",
    query: missingDataFilterSchema.strict(),
    rateLimit: "jsonRoutePerIp",
    summary: "The missing-data report as CSV",
    messages: { selskab: "adminMissingData.errors.selskab", ejendom: "adminMissingData.errors.ejendom" },
  },
  async (ctx, { query }) => {
    const stream = missingDataCsvStream(ctx.db, query);
    return new Response(stream, {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="manglende-data-${ctx.org.slug}-${todayInDenmark()}.csv"`,
      },
    });
  },
);
