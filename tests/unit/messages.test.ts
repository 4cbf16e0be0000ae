/** Every text is in both catalogues, and every code the UI renders has a text. */
import { describe, expect, it } from "vitest";
import da from "@/messages/da.json";
import en from "@/messages/en.json";
import { PERMISSIONS, ROLES } from "@/lib/auth/permissions";

type Tree = { [k: string]: string | Tree };

function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

function get(tree: Tree, path: string): unknown {
  return path.split(".").reduce<unknown>((t, k) => (t && typeof t === "object" ? (t as Tree)[k] : undefined), tree);
}

const TILE_REASONS = ["no-notice-rule", "no-renovation-period", "already-terminated", "stopped", "non-terminable"];

describe("message catalogues", () => {
  it("Danish and English have the same keys", () => {
    expect(keys(en as Tree).sort()).toEqual(keys(da as Tree).sort());
  });

  it("no text is empty", () => {
    for (const cat of [da, en] as Tree[]) for (const k of keys(cat)) expect(String(get(cat, k)).trim(), k).not.toBe("");
  });

  it.each([
    ...ROLES.map((r) => `roles.${r}`),
    ...PERMISSIONS.map((p) => `permissions.${p}`),
    ...TILE_REASONS.map((r) => `tenant.reasons.${r}`),
  ])("%s has a Danish and an English text", (key) => {
    expect(typeof get(da as Tree, key)).toBe("string");
    expect(typeof get(en as Tree, key)).toBe("string");
  });
});
