/**
 * The production HTTP server: Next.js's request handler behind a plain Node HTTP server that first
 * stamps the socket's address into X-Forwarded-For (scripts/forwarded-for.ts), so that the address
 * the rate limits and the audit log use cannot be chosen by the client. Otherwise what `next start`
 * does: the built app (.next) on HOST:PORT.
 *
 *   tsx scripts/serve.ts --port 3000 --host 127.0.0.1
 */
import { createServer } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { stampPeerAddress } from "./forwarded-for";

async function main() {
  const { values } = parseArgs({ options: { port: { type: "string" }, host: { type: "string" } } });
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  const hostname = values.host ?? "127.0.0.1";
  (process.env as Record<string, string>).NODE_ENV = "production";
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: path.resolve(__dirname, ".."), hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req, res) => {
    stampPeerAddress(req);
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000; // longer than a typical load balancer's idle timeout
  const stop = () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  server.listen(port, hostname, () => process.stdout.write(`▲ Fraflyt ready on http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}\n`));
}

main().catch((e: unknown) => {
  process.stderr.write(`[serve] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
