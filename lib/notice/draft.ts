/**
 * The notice draft as the wizard sees it, and what the services share.
 */
import "server-only";
import type { Prisma } from "@/lib/db/scoped";
import type { NoticeAnswers } from "./steps";

export const DRAFT_SELECT = {
  id: true,
  lejerId: true,
  status: true,
  version: true,
  answers: true,
  startedByPersonId: true,
  createdAt: true,
  lastSavedAt: true,
} as const satisfies Prisma.OpsigelseSelect;

export type NoticeDraft = {
  id: string;
  lejerId: string;
  status: "DRAFT" | "AWAITING_SIGNATURES" | "SUBMITTED" | "CONFIRMED" | "CANCELLED";
  /** Pass it back as `expectedVersion` to saveStep / discardNotice. */
  version: number;
  answers: NoticeAnswers;
  startedByPersonId: string | null;
  createdAt: Date;
  lastSavedAt: Date | null;
};

/** The notice's `answers` JSON column as the steps' answers ({} when it holds anything but an object). */
export function answersOf(json: unknown): NoticeAnswers {
  return json && typeof json === "object" && !Array.isArray(json) ? (json as NoticeAnswers) : {};
}

export function toDraft(row: Prisma.OpsigelseGetPayload<{ select: typeof DRAFT_SELECT }>): NoticeDraft {
  return { ...row, answers: answersOf(row.answers) };
}

/** Prisma's unique-constraint error, duck-typed (the generated client stays inside lib/db). */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}
