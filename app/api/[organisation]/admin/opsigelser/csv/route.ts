import { defineRoute } from "@/lib/http/wrappers";
import { inboxCsvQuerySchema, inboxCsvStream, inboxFiltersOf } from "@/lib/casework/inbox";
import { todayInDenmark } from "@/lib/time";

/**
 * The notices inbox as CSV for Danish Excel (UTF-8 with BOM, `;`, CRLF, formula-safe cells), with
 * the same filters and order as /{organisation}/admin/opsigelser, streamed page by keyset page.
 * Staff with notices.read of this organisation only: another organisation's staff get 404; an
 * unknown or bad filter gets 400 naming it. Rate-limited per client address like the audit CSV.
 */
export const GET = defineRoute(
  { kind: "staff", permission: "notices.read", name: "noticesInboxCsv", path: "/api/{organisation}/admin/opsigelser/csv", query: inboxCsvQuerySchema, summary: "The notices inbox as CSV" },
  async (ctx, { query }) => {
    const stream = inboxCsvStream(ctx.db, inboxFiltersOf(query));
    return new Response(stream, {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="opsigelser-${ctx.org.slug}-${todayInDenmark()}.csv"`,
      },
    });
  },
);
