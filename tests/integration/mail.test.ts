/**
 * E-mail through the send-mail job: nodemailer → the local SMTP catcher (lib/mail/catcher.ts), and
 * a failing SMTP server (451, then a closed connection) leaves the notice submitted and the job
 * retried until the server accepts. Both lanes; the clock is injected, nothing sleeps.
 */
import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { orgDb, type OrgDb } from "@/lib/db/scoped";
import { enqueue } from "@/lib/jobs/enqueue";
import { sendMailJob } from "@/lib/jobs/send-mail";
import { jobRegistry } from "@/lib/jobs/registry";
import { createWorker } from "@/lib/jobs/worker";
import { startMailCatcher, type CaughtMail, type MailCatcher } from "@/lib/mail/catcher";
import { mailTransportFromEnv, smtpTransport } from "@/lib/mail/mail";
import { createOrganisation } from "@/lib/db/platform";
import { SYSTEM_ACTOR } from "@/lib/audit/events";
import { organisationSettingsSchema } from "@/lib/organisation/settings";
import { resetDatabase, testDbLane, testPrisma } from "../support/db";
import { populate, type Ids } from "../support/org-fixtures";

let prisma: PrismaClient;
let catcher: MailCatcher;
let db: OrgDb;
let ids: Ids;

const future = () => {
  let t = Date.now() + 86_400_000;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
};

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
  const org = await createOrganisation(prisma, { slug: "mail-a", name: "A", settings: organisationSettingsSchema.parse({}) }, { actor: SYSTEM_ACTOR });
  db = orgDb(org.id, prisma);
  ids = await db.$transaction((tx) => populate(tx, "m"));
  await db.job.deleteMany({}); // the fixture's own job row
});

const receipt = { to: ["anna@example.dk"], subject: "Kvittering for din opsigelse – Havnegade 1", text: "Kære Anna\n\nVi har modtaget din opsigelse. Læs den under Mine dokumenter.\n\nÆrø Øst Ålborg", html: "<p>Kære Anna</p>" };

/** The use case's shape: the notice becomes SUBMITTED and its receipt is enqueued in one transaction. */
async function submitWithReceipt() {
  await db.$transaction(async (tx) => {
    await tx.opsigelse.update({ where: { id: ids.Opsigelse }, data: { status: "SUBMITTED", submittedAt: new Date() } });
    await enqueue(tx, sendMailJob, receipt, { key: `receipt:${ids.Opsigelse}:anna` });
  });
}

describe(`mail (${testDbLane()} lane)`, () => {
  it("a mail enqueued with the notice reaches the catcher once, readable on its page and JSON endpoint", async () => {
    await submitWithReceipt();
    const transport = smtpTransport(`smtp://127.0.0.1:${catcher.smtpPort}`, "Boligselskabet <no-reply@nordhavn.example>");
    const c = future();
    const worker = createWorker({ db: prisma, registry: jobRegistry(), services: { mail: transport }, now: c.now });
    expect((await worker.tick()).jobs.map((j) => j.outcome)).toEqual(["done"]);
    expect((await worker.tick()).jobs).toEqual([]);
    transport.close();

    const res = await fetch(`http://127.0.0.1:${catcher.httpPort}/messages`);
    expect(res.headers.get("content-type")).toContain("application/json");
    const mails = (await res.json()) as CaughtMail[];
    expect(mails).toHaveLength(1);
    const job = await db.job.findFirstOrThrow();
    expect(mails[0]).toMatchObject({
      from: "no-reply@nordhavn.example",
      to: ["anna@example.dk"],
      subject: receipt.subject,
      text: receipt.text,
      html: "<p>Kære Anna</p>",
      messageId: `<${job.id}@fraflyt.jobs>`,
    });
    const page = await (await fetch(`http://127.0.0.1:${catcher.httpPort}/`)).text();
    expect(page).toContain("Kvittering for din opsigelse – Havnegade 1");
    expect(page).toContain("&lt;p&gt;Kære Anna&lt;/p&gt;"); // the HTML is shown as text, never rendered
  });

  it("a failing SMTP server (451, then a dropped connection) leaves the notice submitted and the job retried until it succeeds", async () => {
    // A front port whose behaviour the test switches: a server answering 451, one that drops the
    // connection, then the catcher.
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onMailFrom(_address, _session, cb) {
        cb(Object.assign(new Error("4.3.0 Mailbox temporarily unavailable, try again later"), { responseCode: 451 }));
      },
    });
    await new Promise<void>((r) => refusing.listen(0, "127.0.0.1", () => r()));
    const refusingPort = ((refusing as unknown as { server: Server }).server.address() as AddressInfo).port;
    let mode: "451" | "drop" | "ok" = "451";
    const sockets = new Set<Socket>();
    const front = createServer((client) => {
      sockets.add(client);
      client.on("close", () => sockets.delete(client));
      client.on("error", () => undefined);
      if (mode === "drop") return void client.destroy();
      const upstream = connect(mode === "451" ? refusingPort : catcher.smtpPort, "127.0.0.1");
      upstream.on("error", () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => front.listen(0, "127.0.0.1", () => r()));
    const frontPort = (front.address() as AddressInfo).port;

    try {
      await submitWithReceipt();
      const transport = smtpTransport(`smtp://127.0.0.1:${frontPort}`, "no-reply@nordhavn.example");
      const c = future();
      const worker = createWorker({ db: prisma, registry: jobRegistry(), services: { mail: transport }, now: c.now });
      const step = async () => {
        const r = await worker.tick();
        c.advance(3_600_000); // past any backoff
        return r.jobs.map((j) => j.outcome);
      };

      expect(await step()).toEqual(["retry"]);
      let job = await db.job.findFirstOrThrow();
      expect(job).toMatchObject({ status: "pending", attempts: 1 });
      expect(job.lastError).toContain("451");
      expect((await db.opsigelse.findUniqueOrThrow({ where: { id: ids.Opsigelse } })).status).toBe("SUBMITTED");

      mode = "drop";
      expect(await step()).toEqual(["retry"]);
      job = await db.job.findFirstOrThrow();
      expect(job.attempts).toBe(2);
      expect(job.lastError).not.toContain("451");
      expect(catcher.messages()).toEqual([]);

      mode = "ok";
      expect(await step()).toEqual(["done"]);
      expect(await step()).toEqual([]);
      expect(catcher.messages().map((m) => [m.to, m.subject])).toEqual([[["anna@example.dk"], receipt.subject]]);
      expect(await db.job.findFirstOrThrow()).toMatchObject({ status: "done", attempts: 3, lastError: null });
      expect((await db.opsigelse.findUniqueOrThrow({ where: { id: ids.Opsigelse } })).status).toBe("SUBMITTED");
      transport.close();
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => front.close(() => r()));
      await new Promise<void>((r) => refusing.close(() => r()));
    }
  });

  it("without SMTP_URL the mail waits in the queue (retried), it is not lost", async () => {
    await submitWithReceipt();
    const worker = createWorker({ db: prisma, registry: jobRegistry(), services: { mail: mailTransportFromEnv({}) }, now: future().now });
    expect((await worker.tick()).jobs.map((j) => j.outcome)).toEqual(["retry"]);
    expect((await db.job.findFirstOrThrow()).lastError).toBe("MailNotConfigured: SMTP_URL is not set: mails wait in the job queue until it is");
  });

  it.each([
    ["no recipient", { ...receipt, to: [] }],
    ["a recipient that is not an e-mail address", { ...receipt, to: ["anna"] }],
    ["an empty subject", { ...receipt, subject: "" }],
  ])("send-mail refuses %s at enqueue", async (_label, payload) => {
    await expect(db.$transaction((tx) => enqueue(tx, sendMailJob, payload, { key: "bad" }))).rejects.toThrow();
    expect(await db.job.count()).toBe(0);
  });
});
