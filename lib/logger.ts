/** Structured JSON logs (pino) to stdout; LOG_LEVEL sets the level. Never log a CPR number or secret. */
import "server-only";
import pino from "pino";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { app: "fraflyt" },
  redact: { paths: ["*.password", "*.code", "*.cpr", "*.clientSecret", "*.totpSecret"], censor: "[redacted]" },
});
