/**
 * Secrets `npm start` creates once and keeps in `<FRAFLYT_DATA_DIR>/secrets.json` (mode 0600):
 * AUTH_SECRET, DATA_KEY and EMBEDDED_DB_PASSWORD (the embedded database server's password). A value
 * in the environment wins over the file.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const SECRET_KEYS = ["AUTH_SECRET", "DATA_KEY", "EMBEDDED_DB_PASSWORD"] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];

export function dataRoot(root = process.cwd()): string {
  return path.resolve(root, process.env.FRAFLYT_DATA_DIR || ".data");
}

export function secretsFile(dir: string): string {
  return path.join(dir, "secrets.json");
}

function readStored(file: string): Record<string, string> {
  if (!fs.existsSync(file)) return {};
  try {
    const v = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, string>;
  } catch {
    /* fall through */
  }
  throw new Error(`${file} is not a JSON object of secrets; fix or remove it`);
}

/**
 * Returns the secrets `keys`: from the environment, else from the file in `dir`, else (when
 * `create`) new random ones written to the file. Does not touch process.env.
 */
export function loadSecrets(dir: string, keys: readonly SecretKey[] = SECRET_KEYS, { create = true } = {}): Partial<Record<SecretKey, string>> {
  const file = secretsFile(dir);
  const stored = readStored(file);
  const out: Partial<Record<SecretKey, string>> = {};
  let changed = false;
  for (const key of keys) {
    const fromEnv = process.env[key];
    if (fromEnv) {
      out[key] = fromEnv;
      continue;
    }
    if (!stored[key] && create) {
      stored[key] = randomBytes(32).toString("base64url");
      changed = true;
    }
    if (stored[key]) out[key] = stored[key];
  }
  if (changed) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify(stored, null, 2) + "\n", { mode: 0o600 });
    fs.renameSync(tmp, file);
  }
  return out;
}

/** The embedded database password for the data root `dir` (created when missing). */
export function embeddedDbPassword(dir: string = dataRoot()): string {
  return loadSecrets(dir, ["EMBEDDED_DB_PASSWORD"]).EMBEDDED_DB_PASSWORD!;
}
