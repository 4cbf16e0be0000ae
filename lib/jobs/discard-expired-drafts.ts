/**
 * The nightly clean-up of abandoned notice drafts: at 03:15 Danish time one job per organisation,
 * which discards the drafts untouched for the organisation's `draftExpiryDays` (default 30).
 */
import "server-only";
import { z } from "zod";
import { discardExpiredDrafts } from "@/lib/notice/discard-expired-drafts";
import { defineJob } from "./define";
import { dailyAt, defineSchedule } from "./schedule";

export const discardExpiredDraftsJob = defineJob({
  name: "discard-expired-drafts",
  version: 1,
  payload: z.object({}).strict(),
  maxAttempts: 5,
  async run(_payload, { db, now, settings }) {
    const { draftExpiryDays } = await settings();
    await discardExpiredDrafts({ db, now, expiryDays: draftExpiryDays });
  },
});

export const discardExpiredDraftsSchedule = defineSchedule({
  name: "discard-expired-drafts",
  next: dailyAt(3, 15),
  async run({ slot, enqueueForEach }) {
    await enqueueForEach(discardExpiredDraftsJob, () => ({}), `drafts:${slot.toISOString()}`);
  },
});
