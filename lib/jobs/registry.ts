/**
 * Every job definition and schedule the worker runs. Add a new job here (and keep an old version's
 * definition until its jobs are gone).
 */
import "server-only";
import { JobRegistry } from "./define";
import type { ScheduleDefinition } from "./schedule";
import { sendMailJob } from "./send-mail";
import { discardExpiredDraftsJob, discardExpiredDraftsSchedule } from "./discard-expired-drafts";
import { renderNoticeLetterJob } from "./notice-letter";
import { sendSmsJob } from "./send-sms";
import { signingLinkRemindersJob, signingLinkRemindersSchedule } from "./signing-link-reminders";
import { importTenanciesJob } from "@/lib/import/job";
import { reminderDigestJob, reminderDigestSchedule } from "./reminder-digest";
import { deliverWebhookJob } from "@/lib/webhooks/deliver"; // ---- webhooks

export const JOBS = [sendMailJob, sendSmsJob, discardExpiredDraftsJob, renderNoticeLetterJob, signingLinkRemindersJob, importTenanciesJob, reminderDigestJob, deliverWebhookJob /* webhooks */] as const;

/** Scheduled jobs (the drafts clean-up of issue 10, the reminders of issue 12 register here). */
export const SCHEDULES: readonly ScheduleDefinition[] = [discardExpiredDraftsSchedule, signingLinkRemindersSchedule, reminderDigestSchedule];

export function jobRegistry(): JobRegistry {
  return new JobRegistry(JOBS);
}
