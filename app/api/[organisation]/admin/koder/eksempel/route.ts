import { z } from "zod";
import { defineRoute } from "@/lib/http/wrappers";
import { ruleFromForm } from "@/lib/admin/code-form";
import { noticeRulePreview } from "@/lib/admin/previews";
import { todayInDenmark } from "@/lib/time";

const field = z.string().max(20).optional();
const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * The notice-rule preview while staff type (components/admin/codes/LiveRulePreview.tsx): the rule
 * fields of the code form in, the same preview the page shows after "Vis eksempel" out (notice given
 * today ends on …, the vacating day, the latest notice dates for the next termination dates) —
 * computed here by lib/admin/previews.ts, so the browser carries no rule code. A rule the parser
 * refuses answers { ok: false } (200: a half-typed rule is not an error of the request).
 */
export const GET = defineRoute(
  {
    kind: "staff",
    permission: "codes.read",
    name: "noticeRulePreview",
    path: "/api/{organisation}/admin/koder/eksempel",
    summary: "Preview of a notice rule as typed",
    query: z.object({ ruleMonths: field, ruleDays: field, ruleAnchor: field, ruleRunningMonth: field }).strict(),
    response: z.union([
      z.object({ ok: z.literal(true), today: iso, terminationDate: iso, vacatingDay: iso, upcoming: z.array(z.object({ terminationDate: iso, latestNoticeDate: iso })) }),
      z.object({ ok: z.literal(false) }),
    ]),
  },
  async (_ctx, { query }) => {
    const rule = ruleFromForm(query);
    if (!rule.ok) return { ok: false as const };
    const p = noticeRulePreview(rule.rule, todayInDenmark());
    return { ok: true as const, today: p.today, terminationDate: p.terminationDate, vacatingDay: p.vacatingDay, upcoming: p.upcoming };
  },
);
