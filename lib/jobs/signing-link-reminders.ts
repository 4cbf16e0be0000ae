/**
 * Sign later: the daily reminders (09:00 Danish time, one job per organisation) to co-signers whose
 * link is still unused and unexpired, after 3 and 10 days (lib/notice/signing-link.ts).
 */
import "server-only";
import { z } from "zod";
import { sendSigningLinkReminders } from "@/lib/notice/signing-link";
import { publicBaseUrl } from "./notice-letter";
import { defineJob } from "./define";
import { dailyAt, defineSchedule } from "./schedule";

export const signingLinkRemindersJob = defineJob({
  name: "signing-link-reminders",
  version: 1,
  payload: z.object({}).strict(),
  maxAttempts: 5,
  async run(_payload, { db, now, settings, organisation, services }) {
    const [s, org] = await Promise.all([settings(), organisation()]);
    await sendSigningLinkReminders({ db, org: { slug: org.slug, name: org.name, settings: s }, baseUrl: publicBaseUrl(services.publicUrl), now });
  },
});

export const signingLinkRemindersSchedule = defineSchedule({
  name: "signing-link-reminders",
  next: dailyAt(9, 0),
  async run({ slot, enqueueForEach }) {
    await enqueueForEach(signingLinkRemindersJob, () => ({}), `signing-link-reminders:${slot.toISOString()}`);
  },
});
