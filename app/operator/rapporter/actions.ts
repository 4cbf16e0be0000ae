"use server";
/** The operator answers an organisation's report of possibly wrong automation data (lib/automation/reports.ts). */
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { defineAction, type ActionResult, type ActionState } from "@/lib/http/wrappers";
import { requestNow } from "@/lib/clock";
import { answerReport, answerReportInput } from "@/lib/automation/reports";

export const answerReportAction = defineAction(
  { kind: "operator", name: "answerAutomationReport", input: answerReportInput, messages: { answer: "operatorReports.errors.answer" } },
  async (ctx, input) => {
    await answerReport(ctx, input, requestNow(await headers()));
    redirect("/operator/rapporter?besvaret=1");
  },
);

export async function submitAnswer(state: ActionState<never>, data: FormData): Promise<ActionResult<never>> {
  return (await answerReportAction(state, data)) as ActionResult<never>;
}
