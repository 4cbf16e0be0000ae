/**
 * One to-do as its page shows it (/{org}/admin/opgaver/{todoId}): only what the to-do needs, so
 * the "Complete to-dos" role (no notices.read, no tenancies.read) can do its work — for a
 * confirm-notice the notice's address, tenants and dates and the inspection dates the wizard's rule
 * allows; for a provide-tenancy-details the tenancy and the active notice rules; for a reminder its
 * text, due date and notice. Null when it is not this organisation's (→ 404).
 */
import "server-only";
import type { OrgDb } from "@/lib/db/scoped";
import { allowedInspectionDates } from "@/lib/notice/dates";
import { evaluateFormula } from "@/lib/rules";
import { readSettings } from "@/lib/organisation/settings";
import { leaseNumber } from "@/lib/text/lease";
import { isoDay, UUID_RE } from "./common";

type Base = { id: string; status: "OPEN" | "COMPLETED" | "CANCELLED"; version: number; createdAt: Date; completedAt: Date | null; completedBy: string | null; result: Record<string, unknown> | null };

export type ConfirmNoticeDetail = Base & {
  kind: "CONFIRM_NOTICE";
  notice: {
    id: string;
    status: string;
    address: string;
    postalCity: string;
    leaseNumber: string;
    tenants: string[];
    noticeDate: string | null;
    moveOutDate: string | null;
    terminationDate: string | null;
    vacatingDay: string | null;
    inspectionDate: string | null;
    relettingDate: string | null;
    /** Whether the stored re-letting date passes the organisation's re-letting formula. */
    relettingDateValid: boolean;
    caseReference: string | null;
    /** The inspection dates a correction may choose (the wizard's rule, relative to the notice date). */
    allowedInspectionDates: string[];
  };
};

export type TenancyDetailsDetail = Base & {
  kind: "PROVIDE_TENANCY_DETAILS";
  tenancy: { id: string; leaseNumber: string; address: string; postalCity: string; tenants: string[]; noticeRuleId: string | null; noticeRule: string | null; renovationDays: number | null };
  options: { id: string; text: string }[];
};

export type ReminderDetail = Base & {
  kind: "REMINDER";
  title: string | null;
  category: string | null;
  dueDate: string | null;
  notice: { id: string; address: string; postalCity: string } | null;
};

export type TodoDetail = ConfirmNoticeDetail | TenancyDetailsDetail | ReminderDetail;

const LEASE = { select: { nr: true, address1: true, postalCode: true, city: true, ejendom: { select: { nr: true, selskab: { select: { nr: true } } } } } } as const;
const TENANTS = { legalTenant1: { select: { name: true } }, legalTenant2: { select: { name: true } } } as const;

export async function todoDetail(db: OrgDb, todoId: string): Promise<TodoDetail | null> {
  if (!UUID_RE.test(todoId)) return null;
  const t = await db.todo.findUnique({
    where: { id: todoId },
    select: {
      id: true,
      kind: true,
      status: true,
      version: true,
      createdAt: true,
      completedAt: true,
      result: true,
      title: true,
      category: true,
      dueDate: true,
      completedBy: { select: { name: true } },
      lejer: { select: { id: true, nr: true, noticeRuleId: true, renovationDays: true, noticeRule: { select: { codeText: true } }, lejemaal: LEASE, ...TENANTS } },
      opsigelse: {
        select: {
          id: true,
          status: true,
          noticeDate: true,
          moveOutDate: true,
          terminationDate: true,
          vacatingDay: true,
          inspectionDate: true,
          relettingDate: true,
          caseReference: true,
          organisation: { select: { settings: true } },
          lejer: { select: { nr: true, lejemaal: LEASE, ...TENANTS } },
        },
      },
    },
  });
  if (!t) return null;
  const base: Base = {
    id: t.id,
    status: t.status,
    version: t.version,
    createdAt: t.createdAt,
    completedAt: t.completedAt,
    completedBy: t.completedBy?.name ?? null,
    result: t.result && typeof t.result === "object" && !Array.isArray(t.result) ? (t.result as Record<string, unknown>) : null,
  };
  const names = (l: { legalTenant1: { name: string }; legalTenant2: { name: string } | null }) => [l.legalTenant1.name, l.legalTenant2?.name].filter((n): n is string => !!n);
  if (t.kind === "CONFIRM_NOTICE" && t.opsigelse) {
    const n = t.opsigelse;
    const lm = n.lejer.lejemaal;
    const settings = readSettings(n.organisation.settings);
    const noticeDate = isoDay(n.noticeDate);
    const moveOutDate = isoDay(n.moveOutDate);
    const relettingDate = isoDay(n.relettingDate);
    let relettingDateValid = true;
    if (noticeDate && relettingDate && settings.relettingFormula.trim() !== "") {
      try {
        relettingDateValid = evaluateFormula(settings.relettingFormula, { today: noticeDate, value: relettingDate });
      } catch {
        relettingDateValid = false;
      }
    }
    return {
      ...base,
      kind: "CONFIRM_NOTICE",
      notice: {
        id: n.id,
        status: n.status,
        address: lm.address1,
        postalCity: `${lm.postalCode} ${lm.city}`,
        leaseNumber: leaseNumber(lm),
        tenants: names(n.lejer),
        noticeDate,
        moveOutDate,
        terminationDate: isoDay(n.terminationDate),
        vacatingDay: isoDay(n.vacatingDay),
        inspectionDate: isoDay(n.inspectionDate),
        relettingDate,
        relettingDateValid,
        caseReference: n.caseReference,
        allowedInspectionDates: noticeDate && moveOutDate ? allowedInspectionDates({ today: noticeDate, moveOut: moveOutDate, settings }).allowed : [],
      },
    };
  }
  if (t.kind === "PROVIDE_TENANCY_DETAILS" && t.lejer) {
    const l = t.lejer;
    const codes = await db.kode.findMany({ where: { type: "OPSIGELSESVARSEL", active: true }, orderBy: [{ sortOrder: "asc" }, { value: "asc" }], select: { id: true, codeText: true } });
    return {
      ...base,
      kind: "PROVIDE_TENANCY_DETAILS",
      tenancy: {
        id: l.id,
        leaseNumber: leaseNumber(l.lejemaal),
        address: l.lejemaal.address1,
        postalCity: `${l.lejemaal.postalCode} ${l.lejemaal.city}`,
        tenants: names(l),
        noticeRuleId: l.noticeRuleId,
        noticeRule: l.noticeRule?.codeText ?? null,
        renovationDays: l.renovationDays,
      },
      options: codes.map((c) => ({ id: c.id, text: c.codeText })),
    };
  }
  if (t.kind === "REMINDER") {
    const lm = t.opsigelse?.lejer.lejemaal ?? t.lejer?.lejemaal ?? null;
    return {
      ...base,
      kind: "REMINDER",
      title: t.title,
      category: t.category,
      dueDate: isoDay(t.dueDate),
      notice: t.opsigelse && lm ? { id: t.opsigelse.id, address: lm.address1, postalCity: `${lm.postalCode} ${lm.city}` } : null,
    };
  }
  return null;
}
