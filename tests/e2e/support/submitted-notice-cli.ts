/**
 * Writes submitted notices (and enqueues their letter jobs) straight into the e2e server's database (tests/support/submitted-notice.ts)
 * and prints their ids as JSON — run by tests/e2e/documents.spec.ts as a child process under
 * `tsx --conditions=react-server` (server modules refuse to load in Playwright's own process).
 *
 * Input (argv[2], JSON): { url, dataKey, slug, notices: [{ tag, people: [{ name, email, cpr }] }] }
 */
import { createPrismaClient } from "../../../lib/db/client";
import { orgDb } from "../../../lib/db/scoped";
import { enqueueNoticeJobs } from "../../../lib/notice/letter-jobs";
import { submittedNotice } from "../../support/submitted-notice";

type Input = { url: string; dataKey: string; slug: string; notices: { tag: string; people: { name: string; email: string; cpr: string }[] }[] };

async function main() {
  const input = JSON.parse(process.argv[2] ?? "{}") as Input;
  process.env.DATA_KEY = input.dataKey;
  const { cprHash } = await import("../../../lib/crypto");
  const prisma = createPrismaClient(input.url);
  try {
    const org = await prisma.organisation.findUniqueOrThrow({ where: { slug: input.slug }, select: { id: true } });
    const db = orgDb(org.id, prisma);
    const out = [];
    for (const n of input.notices) {
      const f = await submittedNotice(db, { tag: n.tag, people: n.people.map((p) => ({ name: p.name, email: p.email, cprHash: cprHash(p.cpr) })) });
      // As the submission does, in a transaction of its own here: the letter job (then the receipts).
      await db.$transaction((tx) => enqueueNoticeJobs(tx, { noticeId: f.noticeId, organisationId: org.id }));
      out.push({ noticeId: f.noticeId, lejerId: f.lejerId, address: f.content.lease.addressLines.join(", ") });
    }
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
