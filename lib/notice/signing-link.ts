/**
 * Sign later: instead of signing in the same window, a legal tenant of the notice sends the
 * co-signer of another unsigned slot a single-use link (e-mail, or SMS when the slot has only a
 * mobile number). The co-signer opens it (app/[organisation]/underskriv/[token]), sees the notice
 * read-only and signs by the same OIDC flow; the link is marked used in the signature's
 * transaction (lib/notice/sign.ts).
 *
 *   - the token is 32 bytes (lib/crypto.ts signingLinkToken), only its SHA-256 is stored;
 *   - it expires after settings.signingLinkExpiryDays (default 14) days;
 *   - one live link per slot: sending again cancels the previous one;
 *   - reminders after 3 and 10 days while unused and unexpired (remindersSent 0 → 1 → 2), each
 *     enqueued once (job key per link and reminder).
 *
 * Texts: catalogue namespace `signLater.mail` / `signLater.sms` (plain Danish).
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { createTranslator } from "use-intl/core";
import da from "@/messages/da.json";
import type { OrgDb, OrgTx } from "@/lib/db/scoped";
import { writeAudit } from "@/lib/audit/write";
import { SYSTEM_ACTOR, type Actor, type RequestMeta } from "@/lib/audit/events";
import { signingLinkToken, tokenHash } from "@/lib/crypto";
import { enqueue } from "@/lib/jobs/enqueue";
import { sendMailJob } from "@/lib/jobs/send-mail";
import { sendSmsJob } from "@/lib/jobs/send-sms";
import type { OrganisationSettings } from "@/lib/organisation/settings";
import { formatLongDate } from "@/lib/text/dates";
import { todayInDenmark } from "@/lib/time";
import type { SignerRole } from "./content";
import { loadSigningState, type SignerSlot, type SigningState } from "./signing-content";

export const REMINDER_DAYS = [3, 10] as const;
const DAY_MS = 86_400_000;

export const signingLinkPaths = {
  page: (slug: string, token: string) => `/${slug}/underskriv/${token}`,
  done: (slug: string) => `/${slug}/underskriv/tak`,
};

export type SigningOrg = { slug: string; name: string; settings: OrganisationSettings };

export type SendLinkRefusal = "not-found" | "not-signable" | "incomplete" | "no-slot" | "already-signed" | "own-slot" | "no-contact";
export type SendLinkResult = { ok: true; linkId: string; channel: "email" | "sms"; expiresAt: Date } | { ok: false; reason: SendLinkRefusal };

/** The e-mail address and mobile number a slot's link goes to: the answers of step 3 first, then the person's own. */
export function slotContact(state: SigningState, slot: SignerSlot): { email: string | null; mobile: string | null } {
  const person = slot.role === "tenant1" ? state.tenancy.legalTenant1 : slot.role === "tenant2" ? state.tenancy.legalTenant2 : null;
  const email = (slot.email ?? person?.email ?? "").trim().toLowerCase() || null;
  const mobile = (slot.mobile ?? person?.mobile ?? "").replace(/[\s-]/g, "") || null;
  return { email, mobile };
}

/** "b•••••@example.dk": enough for the sender to recognise the address, not more. */
export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}${"•".repeat(Math.max(3, local.length - 1))}@${domain}`;
}

export function maskMobile(mobile: string): string {
  return `${"•".repeat(Math.max(0, mobile.length - 2))}${mobile.slice(-2)}`;
}

const liveWhere = (now: Date) => ({ usedAt: null, cancelledAt: null, expiresAt: { gt: now } });

type LinkMailInput = { kind: "link" | "reminder"; toName: string; fromName: string; organisation: string; address: string; url: string; expiresAt: Date; latestNoticeDate: string | null; terminationDate: string | null };

/** The e-mail (and the SMS text) of a link or a reminder: plain Danish. Pure. */
export function signingLinkMessages(m: LinkMailInput): { subject: string; text: string; sms: string } {
  const t = createTranslator({ locale: "da", messages: da, namespace: "signLater" });
  const date = (iso: string) => formatLongDate(iso, "da").replace("\u00a0", " ");
  const vars = { name: m.toName, from: m.fromName, organisation: m.organisation, address: m.address, expires: date(todayInDenmark(m.expiresAt)) };
  const lines = [
    t("mail.greeting", vars),
    t(m.kind === "link" ? "mail.intro" : "mail.reminderIntro", vars),
    m.latestNoticeDate && m.terminationDate
      ? t("mail.deadline", { deadline: date(m.latestNoticeDate), termination: date(m.terminationDate) })
      : null,
    t("mail.how", vars),
    m.url,
    t("mail.expires", vars),
    t("mail.notYou", vars),
    t("mail.closing", vars),
  ].filter((l): l is string => !!l);
  return {
    subject: t(m.kind === "link" ? "mail.subject" : "mail.reminderSubject", vars),
    text: lines.join("\n\n"),
    sms: t("sms", { ...vars, url: m.url }),
  };
}

async function deliver(
  tx: OrgTx,
  a: { linkId: string; channel: "email" | "sms"; email: string | null; mobile: string | null; key: string; messages: { subject: string; text: string; sms: string } },
) {
  if (a.channel === "email") await enqueue(tx, sendMailJob, { to: [a.email!], subject: a.messages.subject, text: a.messages.text }, { key: a.key });
  else await enqueue(tx, sendSmsJob, { to: a.mobile!, text: a.messages.sms }, { key: a.key });
}

/**
 * Sends (or sends again) a signing link for the unsigned slot `role` of the tenant's notice. The
 * sender is a legal tenant of the notice (read through lib/tenancy/access.ts): a notice that is not
 * theirs is "not-found". Their own slot they sign themselves ("own-slot").
 */
export async function sendSigningLink({
  db,
  org,
  baseUrl,
  personId,
  noticeId,
  role,
  now = new Date(),
  actor,
  meta,
}: {
  db: OrgDb;
  org: SigningOrg;
  /** The app's public URL, no trailing slash. */
  baseUrl: string;
  personId: string;
  noticeId: string;
  role: SignerRole;
  now?: Date;
  actor: Actor;
  meta?: RequestMeta;
}): Promise<SendLinkResult> {
  return db.$transaction(async (tx) => {
    let state: SigningState;
    try {
      state = await loadSigningState(tx, { personId, noticeId, now, settings: org.settings });
    } catch (e) {
      if (e instanceof Error && e.name === "NotFound") return { ok: false, reason: "not-found" as const };
      throw e;
    }
    const { notice } = state;
    if (notice.status !== "DRAFT" && notice.status !== "AWAITING_SIGNATURES") return { ok: false, reason: "not-signable" };
    if (state.incomplete || !state.contentHash || !state.dates) return { ok: false, reason: "incomplete" };
    const slot = state.slots.find((s) => s.role === role);
    if (!slot) return { ok: false, reason: "no-slot" };
    if (slot.signature) return { ok: false, reason: "already-signed" };
    if (slot.personId && slot.personId.toLowerCase() === personId.toLowerCase()) return { ok: false, reason: "own-slot" };
    const { email, mobile } = slotContact(state, slot);
    const channel = email ? ("email" as const) : mobile ? ("sms" as const) : null;
    if (!channel) return { ok: false, reason: "no-contact" };

    // One live link per slot: any earlier one (live or not yet cancelled) is cancelled first.
    const { count: replaced } = await tx.signingLink.updateMany({
      where: { opsigelseId: notice.id, signerRole: role, usedAt: null, cancelledAt: null },
      data: { cancelledAt: now },
    });
    const id = randomUUID();
    const token = signingLinkToken(id);
    const expiresAt = new Date(now.getTime() + org.settings.signingLinkExpiryDays * DAY_MS);
    await tx.signingLink.create({
      data: {
        id,
        organisationId: tx.organisationId,
        opsigelseId: notice.id,
        signerRole: role,
        tokenHash: tokenHash(token),
        email,
        mobile,
        createdByPersonId: personId,
        expiresAt,
        createdAt: now,
      },
    });
    const sender = state.slots.find((s) => s.personId?.toLowerCase() === personId.toLowerCase());
    const messages = signingLinkMessages({
      kind: "link",
      toName: slot.name,
      fromName: sender?.name ?? actor.label,
      organisation: org.name,
      address: state.tenancy.address1,
      url: `${baseUrl}${signingLinkPaths.page(org.slug, token)}`,
      expiresAt,
      latestNoticeDate: state.dates.latestNoticeDate,
      terminationDate: state.dates.terminationDate,
    });
    await deliver(tx, { linkId: id, channel, email, mobile, key: `signing-link:${id}`, messages });
    await writeAudit(tx, {
      type: "SIGNING_LINK_SENT",
      actor,
      entityType: "Opsigelse",
      entityId: notice.id,
      after: { linkId: id, role, channel, expiresAt: expiresAt.toISOString(), replaced },
      meta,
    });
    return { ok: true, linkId: id, channel, expiresAt };
  });
}

/** Cancels the live link of a slot of the tenant's notice. False when there is none (or the notice is not theirs). */
export async function cancelSigningLink({
  db,
  org,
  personId,
  noticeId,
  role,
  now = new Date(),
  actor,
  meta,
}: {
  db: OrgDb;
  org: SigningOrg;
  personId: string;
  noticeId: string;
  role: SignerRole;
  now?: Date;
  actor: Actor;
  meta?: RequestMeta;
}): Promise<boolean> {
  return db.$transaction(async (tx) => {
    try {
      await loadSigningState(tx, { personId, noticeId, now, settings: org.settings });
    } catch (e) {
      if (e instanceof Error && e.name === "NotFound") return false;
      throw e;
    }
    const live = await tx.signingLink.findMany({ where: { opsigelseId: noticeId, signerRole: role, usedAt: null, cancelledAt: null }, select: { id: true } });
    if (live.length === 0) return false;
    await tx.signingLink.updateMany({ where: { id: { in: live.map((l) => l.id) }, usedAt: null, cancelledAt: null }, data: { cancelledAt: now } });
    for (const l of live) {
      await writeAudit(tx, { type: "SIGNING_LINK_CANCELLED", actor, entityType: "Opsigelse", entityId: noticeId, after: { linkId: l.id, role }, meta });
    }
    return true;
  });
}

export type LinkStatus = { role: SignerRole; sentAt: Date; expiresAt: Date; channel: "email" | "sms"; to: string; remindersSent: number };

/**
 * The live link of each slot of a notice the caller has already authorised (the signing page reads
 * the notice through loadSigningState with the tenant's personId first).
 */
export async function liveSigningLinks(tx: OrgTx, noticeId: string, now: Date): Promise<LinkStatus[]> {
  const rows = await tx.signingLink.findMany({
    where: { opsigelseId: noticeId, ...liveWhere(now) },
    orderBy: { createdAt: "desc" },
    select: { signerRole: true, createdAt: true, expiresAt: true, email: true, mobile: true, remindersSent: true },
  });
  const out = new Map<string, LinkStatus>();
  for (const r of rows) {
    if (out.has(r.signerRole)) continue;
    out.set(r.signerRole, {
      role: r.signerRole as SignerRole,
      sentAt: r.createdAt,
      expiresAt: r.expiresAt,
      channel: r.email ? "email" : "sms",
      to: r.email ? maskEmail(r.email) : maskMobile(r.mobile ?? ""),
      remindersSent: r.remindersSent,
    });
  }
  return [...out.values()];
}

export type ResolvedLink =
  | { ok: true; link: { id: string; role: SignerRole; expiresAt: Date }; state: SigningState; slot: SignerSlot }
  | { ok: false };

const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/**
 * What a token authorises: exactly one notice and one unsigned slot, while the link is unused,
 * not cancelled, not expired, and the notice can still be signed. Anything else → { ok: false }
 * (the page says only "Linket kan ikke bruges": it never tells why, nor shows another notice).
 */
export async function resolveSigningLink(tx: OrgTx, { token, now, settings }: { token: unknown; now: Date; settings: OrganisationSettings }): Promise<ResolvedLink> {
  if (typeof token !== "string" || !TOKEN_RE.test(token)) return { ok: false };
  const link = await tx.signingLink.findFirst({ where: { tokenHash: tokenHash(token), ...liveWhere(now) }, select: { id: true, opsigelseId: true, signerRole: true, expiresAt: true } });
  if (!link) return { ok: false };
  const state = await loadSigningState(tx, { noticeId: link.opsigelseId, now, settings });
  if (state.notice.status !== "DRAFT" && state.notice.status !== "AWAITING_SIGNATURES") return { ok: false };
  const slot = state.slots.find((s) => s.role === link.signerRole);
  if (!slot || slot.signature) return { ok: false };
  return { ok: true, link: { id: link.id, role: link.signerRole as SignerRole, expiresAt: link.expiresAt }, state, slot };
}

/**
 * Marks a link used inside the signature's transaction: only a live link of this notice and slot.
 * False → the signature must not be recorded (used meanwhile, cancelled, expired, or another slot's).
 */
export async function consumeSigningLink(tx: OrgTx, { linkId, noticeId, role, now }: { linkId: string; noticeId: string; role: SignerRole; now: Date }): Promise<boolean> {
  const { count } = await tx.signingLink.updateMany({ where: { id: linkId, opsigelseId: noticeId, signerRole: role, ...liveWhere(now) }, data: { usedAt: now } });
  return count === 1;
}

/**
 * The reminders of one organisation at `now`: for every live link of a notice still awaiting
 * signatures, reminder n (1 at day 3, 2 at day 10 after sending) once it is due and not yet sent.
 * Each is claimed by a conditional update of remindersSent and enqueued with the key
 * `signing-link-reminder:<link>:<n>`, so a second run (or a second worker) sends nothing again.
 * A run that missed a day sends only the latest due reminder. Returns the reminders enqueued.
 */
export async function sendSigningLinkReminders({ db, org, baseUrl, now }: { db: OrgDb; org: SigningOrg; baseUrl: string; now: Date }): Promise<number> {
  return db.$transaction(async (tx) => {
    const links = await tx.signingLink.findMany({
      where: {
        ...liveWhere(now),
        remindersSent: { lt: REMINDER_DAYS.length },
        createdAt: { lte: new Date(now.getTime() - REMINDER_DAYS[0] * DAY_MS) },
        opsigelse: { status: { in: ["DRAFT", "AWAITING_SIGNATURES"] } },
      },
      select: { id: true, opsigelseId: true, signerRole: true, email: true, mobile: true, createdAt: true, expiresAt: true, remindersSent: true, createdByPersonId: true },
      orderBy: { createdAt: "asc" },
      take: 500,
    });
    let sent = 0;
    for (const l of links) {
      const ageDays = (now.getTime() - l.createdAt.getTime()) / DAY_MS;
      const due = REMINDER_DAYS.filter((d) => ageDays >= d).length;
      if (due <= l.remindersSent) continue;
      const { count } = await tx.signingLink.updateMany({ where: { id: l.id, remindersSent: l.remindersSent }, data: { remindersSent: due } });
      if (count === 0) continue;
      const state = await loadSigningState(tx, { noticeId: l.opsigelseId, now, settings: org.settings });
      const slot = state.slots.find((s) => s.role === l.signerRole);
      if (!slot || slot.signature) continue;
      const sender = state.slots.find((s) => s.personId && s.personId === l.createdByPersonId);
      const messages = signingLinkMessages({
        kind: "reminder",
        toName: slot.name,
        fromName: sender?.name ?? "",
        organisation: org.name,
        address: state.tenancy.address1,
        url: `${baseUrl}${signingLinkPaths.page(org.slug, signingLinkToken(l.id))}`,
        expiresAt: l.expiresAt,
        latestNoticeDate: state.dates?.latestNoticeDate ?? null,
        terminationDate: state.dates?.terminationDate ?? null,
      });
      const channel = l.email ? ("email" as const) : ("sms" as const);
      await deliver(tx, { linkId: l.id, channel, email: l.email, mobile: l.mobile, key: `signing-link-reminder:${l.id}:${due}`, messages });
      await writeAudit(tx, { type: "SIGNING_LINK_REMINDED", actor: SYSTEM_ACTOR, entityType: "Opsigelse", entityId: l.opsigelseId, after: { linkId: l.id, reminder: due, channel } });
      sent++;
    }
    return sent;
  });
}
