/**
 * The sign-in throttle holds against concurrent attempts: the delays are earned per failure, so
 * attempts that are looked at in parallel — all passing the "is this account waiting?" check before
 * any of them has recorded its failure — would each get a free guess (a burst of N requests = N
 * guesses at a password or TOTP code, every time the current delay ends). One attempt per account
 * is looked at at a time, on every app instance (the gate lives in the shared rate-limit table).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { operatorSignIn, staffSignIn } from "@/lib/auth/credentials";
import { SIGN_IN_THROTTLE } from "@/lib/auth/throttle";
import { organisationBySlug } from "@/lib/db/platform";
import { demoDatabase } from "../support/db";
import { demoOperator, demoStaff, DEMO_PASSWORD } from "@/lib/demo/staff";
import { currentTotp } from "@/lib/auth/totp";

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

let prisma: Db;
let ip = 0;
const meta = () => ({ ip: `10.77.${(ip >> 8) & 255}.${ip++ & 255}`, userAgent: "vitest" });

beforeAll(async () => {
  prisma = await demoDatabase();
});

afterAll(async () => {
  await prisma?.$disconnect();
});

const BURST = 12;

describe("concurrent sign-in attempts on one account", () => {
  it("staff: a burst of wrong passwords gets no more guesses than the free failures", async () => {
    const email = `race-${randomUUID()}@nordhavn.example`;
    const results = await Promise.all(
      Array.from({ length: BURST }, () => staffSignIn({ organisation: "nordhavn", email, password: "wrong-password", code: "123456" }, meta())),
    );
    const lookedAt = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(lookedAt).toBeGreaterThanOrEqual(1);
    expect(lookedAt, `looked at ${lookedAt} of ${BURST} parallel attempts`).toBeLessThanOrEqual(SIGN_IN_THROTTLE.accountFree);
    expect(results.every((r) => !r.ok && (r.reason === "invalid" || r.reason === "throttled"))).toBe(true);
  });

  it("operator: the same", async () => {
    const email = `race-${randomUUID()}@platform.example`;
    const results = await Promise.all(Array.from({ length: BURST }, () => operatorSignIn({ email, password: "wrong-password", code: "123456" }, meta())));
    const lookedAt = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(lookedAt).toBeGreaterThanOrEqual(1);
    expect(lookedAt).toBeLessThanOrEqual(SIGN_IN_THROTTLE.accountFree);
  });

  it("one attempt after another is unaffected: the right credentials work right after a wrong password", async () => {
    const s = demoStaff.find((x) => x.organisationSlug === "nordhavn")!;
    await prisma.user.updateMany({ where: { email: s.email }, data: { totpLastStep: null } });
    const wrong = await staffSignIn({ organisation: "nordhavn", email: s.email, password: "wrong-password", code: currentTotp(s.totpSecret) }, meta());
    expect(wrong.ok).toBe(false);
    const right = await staffSignIn({ organisation: "nordhavn", email: s.email, password: DEMO_PASSWORD, code: currentTotp(s.totpSecret) }, meta());
    expect(right.ok).toBe(true);
    await prisma.operator.updateMany({ data: { totpLastStep: null } });
    const op = await operatorSignIn({ email: demoOperator.email, password: DEMO_PASSWORD, code: currentTotp(demoOperator.totpSecret) }, meta());
    expect(op.ok).toBe(true);
  });
});
