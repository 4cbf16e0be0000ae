/** Audit events are typed per event type (entity and data), at compile time and when written. */
import { describe, expect, it } from "vitest";
import { AUDIT_EVENT_DEFS, AUDIT_EVENTS, AuditDataError, checkAuditEntry, SYSTEM_ACTOR, type AuditEntry } from "@/lib/audit/events";
import { auditRow } from "@/lib/audit/write";

const actor = { type: "STAFF" as const, id: "u1", label: "a@b.dk" };

describe("typed audit entries", () => {
  it("accept an entry that fits its event", () => {
    const entry: AuditEntry = { type: "STAFF_SIGN_IN_FAILED", actor, entityType: "User", entityId: "u1", after: { reason: "totp" }, meta: { ip: "127.0.0.1" } };
    expect(auditRow("org", entry)).toMatchObject({ organisationId: "org", type: "STAFF_SIGN_IN_FAILED", entityType: "User", after: { reason: "totp" }, before: undefined, ip: "127.0.0.1" });
  });

  it("refuse, at compile time, data or entities that do not fit the event", () => {
    // @ts-expect-error a reason that does not exist
    const w1: AuditEntry = { type: "STAFF_SIGN_IN_FAILED", actor, entityType: "User", after: { reason: "bored" } };
    // @ts-expect-error the entity of a staff sign-in is a User
    const w2: AuditEntry = { type: "STAFF_SIGN_IN_FAILED", actor, entityType: "Person", after: { reason: "totp" } };
    // @ts-expect-error a sign-in carries no data
    const w3: AuditEntry = { type: "STAFF_SIGNED_IN", actor, entityType: "User", after: { password: "x" } };
    // @ts-expect-error ORGANISATION_CREATED needs its slug and name
    const w4: AuditEntry = { type: "ORGANISATION_CREATED", actor: SYSTEM_ACTOR, entityType: "Organisation" };
    // @ts-expect-error unknown event type
    const w5: AuditEntry = { type: "SOMETHING_HAPPENED", actor, entityType: "User" };
    const wrongs = [w1, w2, w3, w4, w5];
    // …and at run time too, for callers that got past the compiler (casts, JSON):
    for (const w of wrongs) expect(() => checkAuditEntry(w)).toThrow(AuditDataError);
  });

  it("refuse unknown keys in the data at run time (a secret that slipped in fails the write)", () => {
    const sneaky = { type: "STAFF_SIGN_IN_FAILED", actor, entityType: "User", after: { reason: "password", password: "hunter2" } } as unknown as AuditEntry;
    expect(() => auditRow("org", sneaky)).toThrow(/after/);
  });

  it("every event names an entity type", () => {
    for (const type of AUDIT_EVENTS) expect(AUDIT_EVENT_DEFS[type].entityType).toMatch(/^[A-Z][A-Za-z]+$/);
  });
});
