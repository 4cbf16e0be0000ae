/**
 * Every typed audit event has a plain label in the audit log, in Danish and English (the log's
 * fallback to the raw code is for rows of events that no longer exist, not for new ones).
 */
import { describe, expect, it } from "vitest";
import { AUDIT_EVENT_DEFS } from "@/lib/audit/events";
import da from "@/messages/da.json";
import en from "@/messages/en.json";

describe("audit event labels", () => {
  for (const [locale, messages] of [["da", da], ["en", en]] as const) {
    it(`every event type has a ${locale} label`, () => {
      const labels = (messages as { adminAudit: { events: Record<string, string> } }).adminAudit.events;
      expect(Object.keys(AUDIT_EVENT_DEFS).filter((type) => !labels[type])).toEqual([]);
    });
  }
});
