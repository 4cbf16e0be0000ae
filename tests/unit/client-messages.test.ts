/**
 * The root layout hands client components only the namespaces in i18n/client-messages.ts. Every
 * namespace a client component (a "use client" file, or a component one imports from
 * components/dkfds) uses must be listed, and exist in both catalogues.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import da from "@/messages/da.json";
import en from "@/messages/en.json";
import { CLIENT_MESSAGE_NAMESPACES, clientMessages } from "@/i18n/client-messages";

const root = path.resolve(__dirname, "../..");
function files(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((f) => {
    const rel = path.join(dir, f);
    return statSync(path.join(root, rel)).isDirectory() ? files(rel) : /\.tsx?$/.test(f) ? [rel] : [];
  });
}
const all = [...files("components"), ...files("app")];
const isClient = (src: string) => /^["']use client["'];?/m.test(src);
// Shared DKFDS parts render inside client components too (RadioGroup in a client form).
const clientFiles = all.filter((f) => isClient(readFileSync(path.join(root, f), "utf8")) || f.startsWith("components/dkfds/"));

describe("client message namespaces", () => {
  it.each(clientFiles)("%s uses only listed namespaces", (f) => {
    const src = readFileSync(path.join(root, f), "utf8");
    for (const m of src.matchAll(/useTranslations\(\s*"([^".]+)/g)) expect(CLIENT_MESSAGE_NAMESPACES, `${f}: ${m[1]}`).toContain(m[1]);
    expect(src, `${f} calls useTranslations() without a namespace`).not.toMatch(/useTranslations\(\s*\)/);
  });

  it("every listed namespace exists in both catalogues, and only those are passed on", () => {
    for (const ns of CLIENT_MESSAGE_NAMESPACES) {
      expect(da).toHaveProperty(ns);
      expect(en).toHaveProperty(ns);
    }
    expect(Object.keys(clientMessages(da as Record<string, unknown>)).sort()).toEqual([...CLIENT_MESSAGE_NAMESPACES].sort());
  });
});
