/**
 * Reports of possibly wrong data (issue 13 §10): an organisation's staff report to the operator
 * that an automation account may have written wrong data (optionally naming the to-do), and the
 * operator answers. Each in one transaction with its audit row in the organisation's log.
 */
import "server-only";
import { z } from "zod";
import type { OperatorContext, StaffContext } from "@/lib/http/context";
import { listOrganisations, organisationBySlug, platformClient } from "@/lib/db/platform";
import { orgDb } from "@/lib/db/scoped";
import { writeAudit } from "@/lib/audit/write";
import { NotFound } from "@/lib/http/errors";
import { UUID_RE } from "@/lib/todos/common";

export const REPORT_TEXT_MAX = 2000;
export const ANSWER_MAX = 4000;

const uuid = z.string().regex(UUID_RE);
export const createReportInput = z
  .object({
    accountId: uuid,
    todoId: z.union([uuid, z.literal("")]).optional(),
    text: z.string().trim().min(5).max(REPORT_TEXT_MAX),
  })
  .strict();

/** Staff report possibly wrong data of `accountId` (one of this organisation's automation accounts); the to-do, when named, must be of this organisation. */
export async function createReport(ctx: StaffContext, input: z.output<typeof createReportInput>, now: Date): Promise<{ id: string }> {
  const todoId = input.todoId ? input.todoId : null;
  return ctx.db.$transaction(async (tx) => {
    const account = await tx.user.findFirst({ where: { id: input.accountId, automation: true }, select: { id: true } });
    if (!account) throw new NotFound("account");
    if (todoId && !(await tx.todo.findFirst({ where: { id: todoId }, select: { id: true } }))) throw new NotFound("todo");
    const reporter = await tx.user.findUniqueOrThrow({ where: { id: ctx.actor.id! }, select: { id: true, name: true } });
    const r = await tx.automationReport.create({
      data: { organisationId: tx.organisationId, accountId: account.id, todoId, text: input.text, reportedById: reporter.id, reportedByName: reporter.name, reportedAt: now },
    });
    await writeAudit(tx, { type: "AUTOMATION_REPORT_CREATED", actor: ctx.actor, entityType: "AutomationReport", entityId: r.id, after: { accountId: account.id, todoId, text: input.text }, meta: ctx.meta });
    return { id: r.id };
  });
}

export type OperatorReportRow = {
  id: string;
  organisation: { slug: string; name: string };
  accountName: string;
  todoId: string | null;
  text: string;
  reportedByName: string;
  reportedAt: Date;
  answer: string | null;
  answeredAt: Date | null;
  answeredBy: string | null;
};

/** Every organisation's reports for the operator: unanswered first, then newest first. One query per organisation (each through its own accessor). */
export async function reportsForOperator(_ctx: OperatorContext): Promise<OperatorReportRow[]> {
  const orgs = await listOrganisations(platformClient());
  const per = await Promise.all(
    orgs.map(async (o) => {
      const rows = await orgDb(o.id).automationReport.findMany({ orderBy: { reportedAt: "desc" }, take: 200, include: { account: { select: { name: true } } } });
      return rows.map((r) => ({
        id: r.id,
        organisation: { slug: o.slug, name: o.name },
        accountName: r.account.name,
        todoId: r.todoId,
        text: r.text,
        reportedByName: r.reportedByName,
        reportedAt: r.reportedAt,
        answer: r.answer,
        answeredAt: r.answeredAt,
        answeredBy: r.answeredBy,
      }));
    }),
  );
  return per.flat().sort((a, b) => Number(a.answer !== null) - Number(b.answer !== null) || b.reportedAt.getTime() - a.reportedAt.getTime());
}

export const answerReportInput = z
  .object({ orgSlug: z.string().min(1).max(60), reportId: uuid, answer: z.string().trim().min(2).max(ANSWER_MAX) })
  .strict();

/** The operator answers a report (a later answer replaces the earlier one); audited in the organisation's log. */
export async function answerReport(ctx: OperatorContext, input: z.output<typeof answerReportInput>, now: Date): Promise<void> {
  const org = await organisationBySlug(platformClient(), input.orgSlug);
  if (!org) throw new NotFound("organisation");
  await orgDb(org.id).$transaction(async (tx) => {
    const r = await tx.automationReport.updateMany({ where: { id: input.reportId }, data: { answer: input.answer, answeredAt: now, answeredBy: ctx.operator.name } });
    if (r.count !== 1) throw new NotFound("report");
    await writeAudit(tx, { type: "AUTOMATION_REPORT_ANSWERED", actor: ctx.actor, entityType: "AutomationReport", entityId: input.reportId, after: { answer: input.answer }, meta: ctx.meta });
  });
}
