// Runs `prisma generate` at postinstall. Prisma 6's CLI in JS-engine mode wants a DATABASE_URL
// even to generate (without one it tries to download a query engine), so give it a placeholder.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync("prisma/schema.prisma")) process.exit(0);
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.DATABASE_URL ||= "postgresql://placeholder@127.0.0.1:5432/placeholder";
const bin = process.platform === "win32" ? "node_modules/.bin/prisma.cmd" : "node_modules/.bin/prisma";
const r = spawnSync(bin, ["generate"], { stdio: "inherit", env });
process.exit(r.status ?? 1);
