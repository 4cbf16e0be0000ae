/**
 * After submission (lib/notice/letter-jobs.ts, lib/jobs/notice-letter.ts), both lanes, the clock
 * injected: the letter job stores one PDF/A-2b Document in the organisation's folder with every date,
 * then a receipt e-mail goes to every signer through SMTP (the local catcher) with the documents
 * link and without the letter; re-runs and re-enqueues store and send nothing twice; a failing SMTP
 * server leaves the notice submitted and the mail retried with backoff until it is sent; a job that
 * keeps failing is listed for staff.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { orgDb, type OrgDb } from "@/lib/db/scoped";
import { createOrganisation } from "@/lib/db/platform";
import { SYSTEM_ACTOR } from "@/lib/audit/events";
import { organisationSettingsSchema } from "@/lib/organisation/settings";
import { enqueueNoticeJobs } from "@/lib/notice/letter-jobs";
import { noticeDocumentId, renderNoticeLetterJob } from "@/lib/jobs/notice-letter";
import { jobRegistry } from "@/lib/jobs/registry";
import { createWorker, type JobOutcome } from "@/lib/jobs/worker";
import { listFailedJobs } from "@/lib/jobs/failed";
import { startMailCatcher, type MailCatcher } from "@/lib/mail/catcher";
import { smtpTransport, type Mail, type MailTransport } from "@/lib/mail/mail";
import { verificationCode } from "@/lib/crypto";
import { resetDatabase, testDbLane, testPrisma } from "../support/db";
import { submittedNotice, type SubmittedFixture } from "../support/submitted-notice";

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

const PUBLIC_URL = "https://fraflyt.example";
let prisma: PrismaClient;
let catcher: MailCatcher;
let db: OrgDb;

function clock(start = Date.now() + 86_400_000) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

function recording(): MailTransport & { sent: Mail[] } {
  const sent: Mail[] = [];
  return { sent, send: async (m) => void sent.push(m) };
}

function worker(mail: MailTransport, c = clock()) {
  return createWorker({ db: prisma, registry: jobRegistry(), services: { mail, publicUrl: PUBLIC_URL }, now: c.now, batch: 20 });
}

/** Ticks until no job is due (moving the clock past any backoff between rounds); returns every outcome. */
async function drain(w: ReturnType<typeof worker>, c?: { advance: (ms: number) => void }): Promise<JobOutcome[]> {
  const all: JobOutcome[] = [];
  for (let i = 0; i < 30; i++) {
    const r = await w.tick();
    all.push(...r.jobs);
    if (r.jobs.length === 0) return all;
    c?.advance(3_600_000);
  }
  throw new Error("jobs never drained");
}

async function submit(f: SubmittedFixture) {
  await db.$transaction((tx) => enqueueNoticeJobs(tx, { noticeId: f.noticeId, organisationId: db.organisationId }));
}

async function pdfText(pdf: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ("str" in it ? it.str + (it.hasEOL ? "\n" : " ") : "")).join(""));
  }
  await doc.destroy();
  return pages.join("\n").replace(/\s+/g, " ");
}

beforeAll(async () => {
  prisma = testPrisma();
  catcher = await startMailCatcher();
});
afterAll(async () => {
  await catcher?.close();
  await prisma?.$disconnect();
});
beforeEach(async () => {
  await resetDatabase(prisma);
  catcher.clear();
  const settings = organisationSettingsSchema.parse({ documentFolder: "Opsigelse – Fraflytning", contact: { phone: "66 12 34 56", email: "udlejning@havnely.dk" } });
  const org = await createOrganisation(prisma, { slug: "havnely", name: "Boligselskabet Havnely", settings }, { actor: SYSTEM_ACTOR });
  db = orgDb(org.id, prisma);
});

describe(`the confirmation letter and the e-mail receipts (${testDbLane()} lane)`, { timeout: 120_000 }, () => {
  it("stores one PDF/A-2b letter with every date in the tenant's documents, then mails every signer the documents link, not the letter", async () => {
    const f = await submittedNotice(db, { tenants: 2 });
    await submit(f);
    const transport = smtpTransport(`smtp://127.0.0.1:${catcher.smtpPort}`, "Boligselskabet Havnely <no-reply@havnely.example>");
    try {
      const outcomes = await drain(worker(transport));
      expect(outcomes.map((o) => `${o.name}:${o.outcome}`).sort()).toEqual(["render-notice-letter:done", "send-mail:done", "send-mail:done"]);
    } finally {
      transport.close();
    }

    const docs = await db.document.findMany({ where: { opsigelseId: f.noticeId } });
    expect(docs).toHaveLength(1);
    const doc = docs[0]!;
    expect(doc).toMatchObject({
      id: noticeDocumentId(f.noticeId),
      lejerId: f.lejerId,
      folder: "Opsigelse – Fraflytning",
      title: "Bekræftelse på opsigelse",
      kind: "notice-confirmation",
      contentType: "application/pdf",
    });
    const pdf = Buffer.from(doc.content!);
    const raw = pdf.toString("latin1");
    expect(raw.startsWith("%PDF-")).toBe(true);
    expect(raw).toContain("<pdfaid:part>2</pdfaid:part>");
    expect(raw).toContain("<pdfaid:conformance>B</pdfaid:conformance>");
    const text = await pdfText(pdf);
    const code = verificationCode(f.noticeId, f.hash);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    for (const s of [
      "Boligselskabet Havnely",
      f.content.people[0]!.name,
      f.content.people[1]!.name,
      f.content.lease.addressLines[0]!,
      "Du skal være fraflyttet senest kl. 12.00 den 26. februar 2027.",
      "Opsigelsen er givet 1. december 2026",
      "Lejemålet ophører 1. marts 2027",
      "fra 1. december 2026 til og med 28. februar 2027",
      "Flyttesyn 1. marts 2027",
      "15. marts 2027",
      "Køb af egen bolig",
      "Åboulevarden 7, 3. th",
      "8000 Aarhus C",
      "Garage",
      "MitID via Fraflyt test-IdP",
      f.hash.slice(0, 32),
      code,
    ]) {
      expect(text).toContain(s);
    }

    const mails = catcher.messages();
    expect(mails.map((m) => m.to[0]).sort()).toEqual(f.content.people.map((p) => p.email).sort());
    for (const m of mails) {
      expect(m.subject).toBe(`Vi har modtaget din opsigelse af ${f.content.lease.addressLines.join(", ")}`);
      expect(m.from).toBe("no-reply@havnely.example");
      expect(m.text).toContain(`${PUBLIC_URL}/havnely/beboer/dokumenter`);
      expect(m.text).toContain("Du skal være fraflyttet senest kl. 12.00 den 26. februar 2027.");
      expect(m.text).toContain("Lejemålet ophører: 1. marts 2027");
      expect(m.text).toContain("Flyttesyn: 1. marts 2027");
      expect(m.text).toContain("66 12 34 56");
      expect(m.html).toContain(`href="${PUBLIC_URL}/havnely/beboer/dokumenter"`);
      // The letter itself is never in the mail.
      expect(m.text).not.toContain("%PDF");
      expect(m.html ?? "").not.toContain("%PDF");
    }
    const greetings = mails.map((m) => m.text.split("\n")[0]).sort();
    expect(greetings).toEqual(f.content.people.map((p) => `Kære ${p.name}`).sort());
    // The notice itself is left as the submission made it.
    expect((await db.opsigelse.findUniqueOrThrow({ where: { id: f.noticeId } })).status).toBe("SUBMITTED");
  });

  it("is idempotent: enqueued twice, run twice, or re-run after a crash before 'done' — one document, one mail per signer", async () => {
    const f = await submittedNotice(db, { tenants: 2 });
    await submit(f);
    await submit(f); // a retried submission: the key is the notice's
    expect(await db.job.count({ where: { name: "render-notice-letter" } })).toBe(1);

    const mail = recording();
    const c = clock();
    const w = worker(mail, c);
    await drain(w, c);
    // A crash between storing and marking done: the worker claims the job again (here: made due again).
    const job = await db.job.findFirstOrThrow({ where: { name: "render-notice-letter" } });
    await db.job.update({ where: { id: job.id }, data: { status: "pending", runAt: c.now(), finishedAt: null } });
    // And a second run of the same payload straight through the definition (a second worker after an expired lease).
    const again = await drain(w, c);
    expect(again.map((o) => `${o.name}:${o.outcome}`)).toEqual(["render-notice-letter:done"]);
    const org = await prisma.organisation.findUniqueOrThrow({ where: { id: db.organisationId } });
    await renderNoticeLetterJob.run(
      { noticeId: f.noticeId },
      {
        job: { id: job.id, organisationId: db.organisationId, name: job.name, version: 1, key: job.key, attempt: 9, maxAttempts: 10 },
        db,
        now: c.now(),
        settings: async () => organisationSettingsSchema.parse(org.settings),
        organisation: async () => ({ id: org.id, slug: org.slug, name: org.name }),
        services: { mail, publicUrl: PUBLIC_URL },
      },
    );
    await drain(w, c);
    expect(await db.document.count({ where: { opsigelseId: f.noticeId } })).toBe(1);
    expect(await db.job.count({ where: { name: "send-mail" } })).toBe(2);
    expect(mail.sent.map((m) => m.to[0]).sort()).toEqual(f.content.people.map((p) => p.email).sort());
  });

  it("a failing SMTP server leaves the notice submitted and the job retried with backoff until it succeeds", async () => {
    const f = await submittedNotice(db, { tenants: 1 });
    await submit(f);
    let calls = 0;
    const sent: Mail[] = [];
    const flaky: MailTransport = {
      async send(m) {
        calls++;
        if (calls <= 2) throw new Error("451 4.3.0 Mailbox temporarily unavailable");
        sent.push(m);
      },
    };
    const c = clock();
    const w = worker(flaky, c);
    // Tick 1: the letter is stored and the receipt enqueued; tick 2: the mail's first attempt fails.
    expect((await w.tick()).jobs.map((j) => `${j.name}:${j.outcome}`)).toEqual(["render-notice-letter:done"]);
    const first = (await w.tick()).jobs;
    expect(first.map((j) => `${j.name}:${j.outcome}`)).toEqual(["send-mail:retry"]);
    expect(first[0]!.retryAt!.getTime() - c.now().getTime()).toBe(30_000);
    // Not due before its backoff.
    c.advance(29_000);
    expect((await w.tick()).jobs).toEqual([]);
    c.advance(1_000);
    const second = (await w.tick()).jobs;
    expect(second.map((j) => `${j.name}:${j.outcome}`)).toEqual(["send-mail:retry"]);
    expect(second[0]!.retryAt!.getTime() - c.now().getTime()).toBe(60_000);
    let mailJob = await db.job.findFirstOrThrow({ where: { name: "send-mail" } });
    expect(mailJob).toMatchObject({ status: "pending", attempts: 2 });
    expect(mailJob.lastError).toContain("451");
    expect((await db.opsigelse.findUniqueOrThrow({ where: { id: f.noticeId } })).status).toBe("SUBMITTED");
    expect(await db.document.count({ where: { opsigelseId: f.noticeId } })).toBe(1);
    expect(sent).toEqual([]);

    c.advance(60_000);
    expect((await w.tick()).jobs.map((j) => `${j.name}:${j.outcome}`)).toEqual(["send-mail:done"]);
    mailJob = await db.job.findFirstOrThrow({ where: { name: "send-mail" } });
    expect(mailJob).toMatchObject({ status: "done", attempts: 3 });
    expect(sent.map((m) => m.to)).toEqual([[f.content.people[0]!.email]]);
    expect((await db.opsigelse.findUniqueOrThrow({ where: { id: f.noticeId } })).status).toBe("SUBMITTED");
    expect(await listFailedJobs(db)).toEqual([]);
  });

  it("a letter job that keeps failing is listed for staff, and the notice stays submitted", async () => {
    const f = await submittedNotice(db, { tenants: 1 });
    // Broken stored content: the render cannot succeed however often it is tried.
    await db.opsigelse.update({ where: { id: f.noticeId }, data: { submittedContent: { v: 1, broken: true } } });
    await submit(f);
    const c = clock();
    const outcomes = await drain(worker(recording(), c), c);
    expect(outcomes.filter((o) => o.outcome === "retry")).toHaveLength(9);
    expect(outcomes.at(-1)).toMatchObject({ name: "render-notice-letter", outcome: "failed", attempt: 10 });
    const failed = await listFailedJobs(db);
    expect(failed).toMatchObject([{ name: "render-notice-letter", key: `notice-letter:${f.noticeId}`, attempts: 10 }]);
    expect((await db.opsigelse.findUniqueOrThrow({ where: { id: f.noticeId } })).status).toBe("SUBMITTED");
    expect(await db.document.count()).toBe(0);
  });

  it("sends no mail to a signer without an e-mail address, and nothing for a notice cancelled before the letter", async () => {
    const noEmail = await submittedNotice(db, { tenants: 2, emails: false });
    const cancelled = await submittedNotice(db, { tenants: 1, status: "CANCELLED" });
    await submit(noEmail);
    await submit(cancelled);
    const mail = recording();
    const outcomes = await drain(worker(mail));
    expect(outcomes.map((o) => `${o.name}:${o.outcome}`)).toEqual(["render-notice-letter:done", "render-notice-letter:done"]);
    expect(mail.sent).toEqual([]);
    expect(await db.document.count({ where: { opsigelseId: noEmail.noticeId } })).toBe(1);
    expect(await db.document.count({ where: { opsigelseId: cancelled.noticeId } })).toBe(0);
  });

  it("refuses a transaction of another organisation", async () => {
    const f = await submittedNotice(db, { tenants: 1 });
    await expect(db.$transaction((tx) => enqueueNoticeJobs(tx, { noticeId: f.noticeId, organisationId: "00000000-0000-4000-8000-000000000000" }))).rejects.toThrow(/another organisation/);
    expect(await db.job.count()).toBe(0);
  });
});
