/**
 * The local SMTP catcher (lib/mail/catcher.ts) as a process, for development, demo and tests:
 * `npm start` runs it when scripts/start-config.ts's mailCatcherDecision allows (demo services on,
 * no SMTP_URL). Loopback only. Prints `READY smtp://127.0.0.1:<port> http://127.0.0.1:<port>`.
 *
 * Environment: MAIL_CATCHER_SMTP_PORT (1025), MAIL_CATCHER_HTTP_PORT (1080).
 */
import { startMailCatcher } from "../lib/mail/catcher";
import { mailCatcherPorts } from "./start-config";

async function main() {
  const catcher = await startMailCatcher(mailCatcherPorts(process.env));
  process.stdout.write(`READY smtp://127.0.0.1:${catcher.smtpPort} http://127.0.0.1:${catcher.httpPort}\n`);
  const stop = () => void catcher.close().finally(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`[mail] ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
