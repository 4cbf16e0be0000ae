/**
 * The decisions `npm start` and `npm run db:seed` take from their environment, as pure functions
 * (table-driven tests in tests/unit/start-config.test.ts).
 */

export interface DemoGate {
  /** Seed the demo organisations, people and tenancies. */
  seed: boolean;
  /** Start the local test identity provider (scripts/idp.ts, fake MitID). */
  idp: boolean;
  /** One sentence for the log: why. */
  reason: string;
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

function flag(name: string, value: string | undefined, on: readonly string[], off: readonly string[]): boolean | undefined {
  if (value === undefined || value === "") return undefined;
  const v = value.toLowerCase();
  if (on.includes(v)) return true;
  if (off.includes(v)) return false;
  throw new Error(`${name} must be one of ${[...on, ...off].join(", ")}, not ${JSON.stringify(value)}`);
}

/**
 * Demo data and the test identity provider never reach production. They run
 * - by default only when the public URL is http on localhost, 127.0.0.1 or [::1]
 *   (FRAFLYT_DEMO=0 / FRAFLYT_IDP=off turn them off there);
 * - on another http URL only when explicitly enabled (FRAFLYT_DEMO=1 / FRAFLYT_IDP=on);
 * - never when the public URL is https (or not http at all), whatever the flags say.
 */
export function demoGate(env: { publicUrl: string; FRAFLYT_DEMO?: string; FRAFLYT_IDP?: string }): DemoGate {
  const demoFlag = flag("FRAFLYT_DEMO", env.FRAFLYT_DEMO, ["1", "on", "true"], ["0", "off", "false"]);
  const idpFlag = flag("FRAFLYT_IDP", env.FRAFLYT_IDP, ["on", "1", "true"], ["off", "0", "false"]);
  let url: URL;
  try {
    url = new URL(env.publicUrl);
  } catch {
    return { seed: false, idp: false, reason: `the public URL ${JSON.stringify(env.publicUrl)} is not a URL: no demo data, no test identity provider` };
  }
  if (url.protocol === "https:") {
    const ignored = demoFlag || idpFlag ? " (FRAFLYT_DEMO/FRAFLYT_IDP are ignored for an https URL)" : "";
    return { seed: false, idp: false, reason: `the public URL ${url.origin} is https: no demo data, no test identity provider${ignored}` };
  }
  if (url.protocol !== "http:") {
    return { seed: false, idp: false, reason: `the public URL ${url.origin} is not http: no demo data, no test identity provider` };
  }
  if (LOCAL_HOSTS.has(url.hostname)) {
    const seed = demoFlag ?? true;
    const idp = idpFlag ?? true;
    return { seed, idp, reason: `the public URL ${url.origin} is local: demo data ${seed ? "on" : "off (FRAFLYT_DEMO)"}, test identity provider ${idp ? "on" : "off (FRAFLYT_IDP)"}` };
  }
  const seed = demoFlag ?? false;
  const idp = idpFlag ?? false;
  return {
    seed,
    idp,
    reason: `the public URL ${url.origin} is not local: demo data ${seed ? "on (FRAFLYT_DEMO=1)" : "off (FRAFLYT_DEMO=1 turns it on)"}, test identity provider ${idp ? "on (FRAFLYT_IDP=on)" : "off (FRAFLYT_IDP=on turns it on)"}`,
  };
}

/** The address `next start` listens on: HOST, else loopback only. */
export function appListenHost(env: { HOST?: string }): string {
  return env.HOST && env.HOST.trim() !== "" ? env.HOST.trim() : "127.0.0.1";
}

/** The public URL: NEXTAUTH_URL without a trailing slash, else http://localhost:PORT. */
export function publicUrl(env: { NEXTAUTH_URL?: string }, port: number): string {
  return (env.NEXTAUTH_URL || `http://localhost:${port}`).replace(/\/$/, "");
}

export interface MailCatcherDecision {
  /** Start the local SMTP catcher (lib/mail/catcher.ts) and point SMTP_URL at it. */
  start: boolean;
  smtpPort: number;
  httpPort: number;
  /** One sentence for the log: why. */
  reason: string;
}

function port(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, not ${JSON.stringify(value)}`);
  return n;
}

/** The catcher's ports: MAIL_CATCHER_SMTP_PORT (1025) and MAIL_CATCHER_HTTP_PORT (1080). */
export function mailCatcherPorts(env: Readonly<Record<string, string | undefined>>): { smtpPort: number; httpPort: number } {
  return { smtpPort: port("MAIL_CATCHER_SMTP_PORT", env.MAIL_CATCHER_SMTP_PORT, 1025), httpPort: port("MAIL_CATCHER_HTTP_PORT", env.MAIL_CATCHER_HTTP_PORT, 1080) };
}

/**
 * The local SMTP catcher runs like the other demo services: only where demoGate allows demo data or
 * the test identity provider (never for an https public URL), and never when SMTP_URL names a real
 * server. Without either, mails wait in the job queue (retried) until SMTP_URL is set.
 * Ports: MAIL_CATCHER_SMTP_PORT (1025) and MAIL_CATCHER_HTTP_PORT (1080), on loopback.
 */
export function mailCatcherDecision(gate: DemoGate, env: Readonly<Record<string, string | undefined>>): MailCatcherDecision {
  const { smtpPort, httpPort } = mailCatcherPorts(env);
  if (env.SMTP_URL && env.SMTP_URL.trim() !== "") return { start: false, smtpPort, httpPort, reason: "SMTP_URL is set: mails go to that server, no local mail catcher" };
  if (gate.seed || gate.idp) return { start: true, smtpPort, httpPort, reason: `local mail catcher: SMTP on 127.0.0.1:${smtpPort}, mails readable at http://127.0.0.1:${httpPort}` };
  return { start: false, smtpPort, httpPort, reason: "SMTP_URL is not set and demo services are off: mails wait in the job queue until SMTP_URL is set" };
}
