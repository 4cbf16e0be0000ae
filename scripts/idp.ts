/**
 * Local OpenID Connect identity provider (MitID test stand-in) for development, demos and tests.
 *
 *   IDP_PORT   port to listen on (default 4000)
 *   IDP_HOST   interface to listen on (default 127.0.0.1)
 *   IDP_ISSUER issuer identifier, exactly as the app is configured (default http://localhost:<port>)
 *   APP_URLS   comma-separated base URLs of the Fraflyt app(s) (default http://localhost:3000)
 *
 * Prints `READY <issuer>` on stdout once it accepts connections; stops on SIGINT/SIGTERM.
 */
import { startIdentityProvider } from "../lib/idp/provider";

async function main(): Promise<void> {
  const port = Number(process.env.IDP_PORT ?? "4000");
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`IDP_PORT is not a valid port: ${process.env.IDP_PORT}`);
  const host = process.env.IDP_HOST || "127.0.0.1";
  const issuer = process.env.IDP_ISSUER || `http://localhost:${port}`;
  const appUrls = (process.env.APP_URLS || "http://localhost:3000")
    .split(",")
    .map((u) => u.trim())
    .filter(Boolean);

  const idp = await startIdentityProvider({ port, host, issuer, redirectUris: appUrls });
  process.stdout.write(`READY ${idp.issuer}\n`);
  process.stderr.write(`[idp] listening on ${host}:${idp.port}; relying parties: ${appUrls.join(", ")}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`[idp] ${signal}, stopping\n`);
    idp.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error("[idp] close failed:", err);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error("[idp] failed to start:", err);
  process.exit(1);
});
