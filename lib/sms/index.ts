/**
 * Text messages (sign later: the link to a co-signer who has a mobile number but no e-mail). A
 * provider sends one message; the default logs it (development, demo, tests) — a real gateway
 * implements `SmsProvider` and is chosen by `setSmsProvider` at start-up. Sending happens in the
 * `send-sms` job (lib/jobs/send-sms.ts), never inside a request's transaction.
 */
import "server-only";
import { logger } from "@/lib/logger";

export interface SmsProvider {
  readonly name: string;
  send(to: string, text: string): Promise<void>;
}

/** Writes the message to the log (the number masked) and keeps the last ones in memory for tests. */
export class LoggingSmsProvider implements SmsProvider {
  readonly name = "logging";
  readonly sent: { to: string; text: string }[] = [];
  async send(to: string, text: string): Promise<void> {
    this.sent.push({ to, text });
    if (this.sent.length > 100) this.sent.shift();
    logger.info({ to: `${to.slice(0, -4).replace(/\d/g, "•")}${to.slice(-4)}`, length: text.length }, "sms (logging provider)");
  }
}

const holder = globalThis as unknown as { __fraflytSms?: SmsProvider };

export function smsProvider(): SmsProvider {
  holder.__fraflytSms ??= new LoggingSmsProvider();
  return holder.__fraflytSms;
}

export function setSmsProvider(p: SmsProvider): void {
  holder.__fraflytSms = p;
}
