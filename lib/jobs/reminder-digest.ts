/**
 * The daily reminder e-mail (issue 12): each morning at 07:00 Danish time one job per organisation
 * that, when the organisation has dailyReminderMail on, sends each caseworker one e-mail listing the
 * OPEN reminders due on or before today — those assigned to them, and the unassigned ones to every
 * active, non-automation user who may manage notices — each with the address, the title, the due
 * date in words and a link to the case. Idempotent per day: the schedule's job key names the slot,
 * and each mail's key names the Danish day and the recipient, so a second run the same day sends
 * nothing new.
 */
import "server-only";
import { z } from "zod";
import type { OrgDb } from "@/lib/db/scoped";
import { enqueue } from "./enqueue";
import { defineJob } from "./define";
import { dailyAt, defineSchedule } from "./schedule";
import { sendMailJob } from "./send-mail";
import { publicBaseUrl } from "./notice-letter";
import { openRemindersDue, type DueReminder } from "@/lib/casework/reminders";
import { caseworkerOptions } from "@/lib/casework/move-out-case";
import { formatLongDate } from "@/lib/text/dates";
import { todayInDenmark } from "@/lib/time";
import type { ISODate } from "@/lib/rules";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** One recipient's mail (pure: for the job and its tests). */
export function reminderDigestMail(a: { name: string; organisation: string; today: ISODate; reminders: DueReminder[]; caseUrl: (noticeId: string) => string }): { subject: string; text: string; html: string } {
  const n = a.reminders.length;
  const subject = n === 1 ? `1 erindring forfalder – ${formatLongDate(a.today, "da")}` : `${n} erindringer forfalder – ${formatLongDate(a.today, "da")}`;
  const lines = a.reminders.map((r) => {
    const due = r.dueDate ? formatLongDate(r.dueDate, "da") : "–";
    return { r, due, url: r.opsigelseId ? a.caseUrl(r.opsigelseId) : null };
  });
  const text = [
    `Kære ${a.name}`,
    "",
    n === 1 ? "Denne erindring forfalder i dag eller er forfaldet:" : `Disse ${n} erindringer forfalder i dag eller er forfaldet:`,
    "",
    ...lines.flatMap(({ r, due, url }) => [`- ${r.address ?? "Ukendt adresse"}: ${r.title}, forfald ${due}`, ...(url ? [`  ${url}`] : [])]),
    "",
    "Luk en erindring på sagen, når den er klaret.",
    "",
    `Venlig hilsen\n${a.organisation}`,
  ].join("\n");
  const html = [
    `<p>Kære ${escapeHtml(a.name)}</p>`,
    `<p>${n === 1 ? "Denne erindring forfalder i dag eller er forfaldet:" : `Disse ${n} erindringer forfalder i dag eller er forfaldet:`}</p>`,
    "<ul>",
    ...lines.map(({ r, due, url }) => `<li>${url ? `<a href="${escapeHtml(url)}">${escapeHtml(r.address ?? "Ukendt adresse")}</a>` : escapeHtml(r.address ?? "Ukendt adresse")}: ${escapeHtml(r.title)}, forfald ${escapeHtml(due)}</li>`),
    "</ul>",
    "<p>Luk en erindring på sagen, når den er klaret.</p>",
    `<p>Venlig hilsen<br>${escapeHtml(a.organisation)}</p>`,
  ].join("\n");
  return { subject, text, html };
}

/**
 * Enqueues today's reminder mails of one organisation (one per recipient, key
 * `reminder-digest:<day>:<userId>`). Returns how many were enqueued now.
 */
export async function sendReminderDigest(a: { db: OrgDb; org: { slug: string; name: string }; baseUrl: string; now: Date }): Promise<number> {
  const today = todayInDenmark(a.now);
  return a.db.$transaction(async (tx) => {
    const due = await openRemindersDue(tx, today, { take: 5000 });
    if (due.length === 0) return 0;
    const staff = await caseworkerOptions(tx);
    const byUser = new Map<string, DueReminder[]>();
    const known = new Set(staff.map((u) => u.id));
    for (const r of due) {
      // Assigned to someone who can no longer take it (left, paused): it goes to everyone, like an unassigned one.
      const to = r.assignedToId && known.has(r.assignedToId) ? [r.assignedToId] : staff.map((u) => u.id);
      for (const id of to) byUser.set(id, [...(byUser.get(id) ?? []), r]);
    }
    let sent = 0;
    for (const u of staff) {
      const list = byUser.get(u.id);
      if (!list || list.length === 0) continue;
      const mail = reminderDigestMail({ name: u.name, organisation: a.org.name, today, reminders: list.slice(0, 200), caseUrl: (id) => `${a.baseUrl}/${a.org.slug}/admin/opsigelser/${id}/sag` });
      const r = await enqueue(tx, sendMailJob, { to: [u.email], ...mail }, { key: `reminder-digest:${today}:${u.id}` });
      if (r.enqueued) sent++;
    }
    return sent;
  });
}

export const reminderDigestJob = defineJob({
  name: "reminder-digest",
  version: 1,
  payload: z.object({}).strict(),
  maxAttempts: 5,
  async run(_payload, { db, now, settings, organisation, services }) {
    const [s, org] = await Promise.all([settings(), organisation()]);
    // A suspended organisation's staff get no mail whose links open the "temporarily closed" page.
    if (!s.casework.dailyReminderMail || org.suspendedAt) return;
    await sendReminderDigest({ db, org: { slug: org.slug, name: org.name }, baseUrl: publicBaseUrl(services.publicUrl), now });
  },
});

export const reminderDigestSchedule = defineSchedule({
  name: "reminder-digest",
  next: dailyAt(7, 0),
  async run({ slot, enqueueForEach }) {
    await enqueueForEach(reminderDigestJob, () => ({}), `reminder-digest:${todayInDenmark(slot)}`);
  },
});
