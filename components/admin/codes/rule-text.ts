import type { NoticeRule } from "@/lib/rules";

type T = (key: string, values?: Record<string, string | number>) => string;

/** A notice rule in words for the list: "3 måneder til den 1.", "løbende måned + 3 måneder", "14 dage". */
export function ruleText(rule: NoticeRule | null, t: T): string {
  if (!rule) return t("rule.missing");
  const parts: string[] = [];
  if (rule.runningMonth) parts.push(t("rule.running", { months: rule.months }));
  else if (rule.months > 0) parts.push(t("rule.months", { months: rule.months }));
  if (rule.days) parts.push(t("rule.days", { days: rule.days }));
  return `${parts.join(" + ")} ${t(`rule.${rule.anchor}`)}`;
}
