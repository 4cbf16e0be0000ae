/**
 * The `send-mail` job: one e-mail through the worker's mail transport. Enqueue it in the use
 * case's transaction with a key that names what the mail is for, e.g.
 *
 *   await enqueue(tx, sendMailJob, { to: [signer.email], subject, text, html }, { key: `receipt:${notice.id}:${signer.id}` });
 *
 * The Message-ID is derived from the job id, so a mail sent again after a crash mid-send carries
 * the same Message-ID (mail clients show it once).
 */
import "server-only";
import { z } from "zod";
import { formatMailSender } from "@/lib/organisation/settings";
import { defineJob } from "./define";

export const sendMailPayload = z.object({
  to: z.array(z.email()).min(1).max(20),
  subject: z.string().min(1).max(300),
  text: z.string().min(1).max(200_000),
  html: z.string().max(500_000).optional(),
});

export const sendMailJob = defineJob({
  name: "send-mail",
  version: 1,
  payload: sendMailPayload,
  maxAttempts: 10,
  async run(mail, { job, services, settings }) {
    // The organisation's own sender (admin: website settings), else the transport's MAIL_FROM.
    const sender = (await settings()).mailSender;
    await services.mail.send({ ...mail, ...(sender ? { from: formatMailSender(sender) } : {}), messageId: `${job.id}@fraflyt.jobs` });
  },
});
