/**
 * The layering rules of docs/architecture.md, checked on the source tree: routes and components
 * never touch the Prisma client; only lib/db creates or imports it; rules stay pure.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

function files(dir: string): string[] {
  const abs = path.join(root, dir);
  return readdirSync(abs).flatMap((name) => {
    const rel = path.join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    return statSync(path.join(root, rel)).isDirectory() ? files(rel) : /\.(ts|tsx)$/.test(name) ? [rel] : [];
  });
}

const PRISMA_IMPORT = /from\s+["'](@prisma\/client|[^"']*generated\/prisma[^"']*|@\/lib\/db\/client|[^"']*lib\/db\/client)["']|new PrismaClient/;

describe("layering", () => {
  it("app/ and components/ never import the Prisma client", () => {
    const offenders = [...files("app"), ...files("components")].filter((f) => PRISMA_IMPORT.test(readFileSync(path.join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("only lib/db, the seed and scripts import the Prisma client", () => {
    const allowed = /^(lib\/db\/|lib\/demo\/seed\.ts$)/;
    const offenders = files("lib").filter((f) => !allowed.test(f) && PRISMA_IMPORT.test(readFileSync(path.join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("app/ and components/ never call the organisation accessor's unscoped parts or raw SQL", () => {
    const offenders = [...files("app"), ...files("components")].filter((f) => /\$queryRaw|\$executeRaw|\.organisationId\s*[:=]/.test(readFileSync(path.join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the rules are pure: no I/O, no clock, no database", () => {
    const offenders = files("lib/rules").filter((f) => {
      const src = readFileSync(path.join(root, f), "utf8");
      return /from\s+["'](node:fs|fs|node:net|pg|next\/|@\/lib\/db)|Date\.now\(|new Date\(\)/.test(src);
    });
    expect(offenders).toEqual([]);
  });

  it("the identity provider is never imported by the app", () => {
    const offenders = [...files("app"), ...files("components")].filter((f) => /lib\/idp/.test(readFileSync(path.join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("app/ and components/ reach platform data only through the wrapper (type imports aside)", () => {
    const offenders = [...files("app"), ...files("components")].filter((f) =>
      /^import\s+(?!type\b)[^;]*from\s+["']@\/lib\/db\/platform["']/m.test(readFileSync(path.join(root, f), "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  // Modules that must never reach a browser bundle: the database, secrets, sessions, the request
  // context, tenant data, demo data and the test identity provider. Pure modules (rules, texts,
  // paths, permission names, the CSP builder the proxy uses) stay importable anywhere.
  const SERVER_ONLY_DIRS = ["lib/db", "lib/sms", "lib/auth", "lib/http", "lib/security", "lib/tenancy", "lib/demo", "lib/idp", "lib/operator", "lib/letter", "lib/address", "lib/jobs", "lib/mail", "lib/notice"];
  const SHAREABLE = new Set([
    "lib/db/migrate.ts", // scripts only, plain pg
    "lib/db/scratch.ts", // tests and benchmarks only
    "lib/auth/types.ts",
    "lib/auth/permissions.ts",
    "lib/auth/provider-id.ts",
    "lib/auth/errors.ts",
    "lib/http/paths.ts",
    "lib/http/security-headers.ts", // imported by proxy.ts
    "lib/auth/totp.ts", // RFC 6238 arithmetic, also used by the end-to-end tests' sign-ins
    "lib/demo/staff.ts", // the README's demo accounts, also used by the end-to-end tests
    "lib/mail/catcher.ts", // development and test tool, run by scripts/mail-catcher.ts
    "lib/notice/steps.ts", // the step schemas, also for the wizard's forms
    "lib/notice/dates.ts", // pure date computations (rules + settings), for pages and tests alike
    "lib/notice/forms.ts", // pure form ↔ answers mapping
    "lib/notice/paths.ts", // link builders
    "lib/notice/wizard-steps.ts", // the pages as data, pure
  ]);
  const mustBeServerOnly = [
    ...SERVER_ONLY_DIRS.flatMap((d) => files(d)).filter((f) => !f.startsWith("lib/db/embedded/") && !SHAREABLE.has(f)),
    "lib/crypto.ts",
    "lib/audit/write.ts",
    "lib/logger.ts",
  ];

  it.each(mustBeServerOnly)("%s imports server-only", (f) => {
    expect(readFileSync(path.join(root, f), "utf8")).toMatch(/^import "server-only";$/m);
  });
});
