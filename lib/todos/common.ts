/**
 * What the to-do services (lib/todos) share: the result shape that the admin pages and the
 * automation API adapt (issue 13), the error codes (catalogue keys, so the page can say them in the
 * user's language and the API can hand them on as stable codes), and the optimistic version check.
 */
import type { Actor, RequestMeta } from "@/lib/audit/events";

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Options of every to-do completion. validateOnly: run every check, store nothing (no row, no job, no audit entry). */
export type TodoCompletionOptions = { actor: Actor; now: Date; meta?: RequestMeta; validateOnly?: boolean };

/**
 * Field errors as catalogue keys ("adminTodos.errors.<code>"), per input field; "" is the to-do as a
 * whole (e.g. its notice was cancelled). The pages translate them; the API can answer them as codes.
 */
export type TodoFieldErrors = Record<string, string[]>;

export type TodoInvalid = { kind: "invalid"; fieldErrors: TodoFieldErrors };
/** The to-do changed since it was read (another version, or no longer open): nothing was stored. */
export type TodoConflict = { kind: "conflict"; reason: "version" | "closed" };
export type TodoNotFound = { kind: "not-found" };

export const err = (code: string): string => `adminTodos.errors.${code}`;

/** Thrown inside a completion's transaction when a conditional write matched no row: rolls everything back. */
export class TodoConflictError extends Error {
  constructor(readonly reason: "version" | "closed") {
    super(`to-do conflict (${reason})`);
    this.name = "TodoConflictError";
  }
}

/** The user behind the actor (staff or an automation account), or null for the system. */
export function actorUserId(actor: Actor): string | null {
  return (actor.type === "STAFF" || actor.type === "AUTOMATION") && actor.id ? actor.id : null;
}

/** Whether a whole number given as a number or numeric string. */
export function wholeNumber(v: unknown): number | null {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "string" && /^\s*\d{1,9}\s*$/.test(v)) return Number(v);
  return null;
}

export function isoDay(d: Date | null | undefined): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

export function dayDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}
