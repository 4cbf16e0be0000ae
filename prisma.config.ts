import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// Prisma 6.19 with the JS engine: the CLI never downloads an engine binary (no network here).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    // allowExitOnIdle: the CLI exits as soon as it is done instead of waiting for idle connections to time out.
    return new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "", allowExitOnIdle: true });
  },
});
