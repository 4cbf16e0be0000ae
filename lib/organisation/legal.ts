/**
 * The organisation's privacy notice and accessibility statement: where the tenant footer links to
 * (the organisation's own page when its settings give a URL, else our page under /{organisation}/…),
 * and the text our page shows (the organisation's text, else a default that names the organisation).
 */
import type { OrganisationRecord } from "@/lib/db/platform";
import type { LegalPage } from "./settings";

export type LegalKind = "privacy" | "accessibility";

/** Our pages' path segments, in Danish like the rest of the tenant URLs. */
export const LEGAL_SEGMENT: Record<LegalKind, string> = {
  privacy: "privatlivspolitik",
  accessibility: "tilgaengelighedserklaering",
};

export function legalSetting(org: Pick<OrganisationRecord, "settings">, kind: LegalKind): LegalPage {
  return kind === "privacy" ? org.settings.privacyNotice : org.settings.accessibilityStatement;
}

export function legalHref(org: Pick<OrganisationRecord, "slug" | "settings">, kind: LegalKind): { href: string; external: boolean } {
  const url = legalSetting(org, kind).url;
  return url ? { href: url, external: true } : { href: `/${org.slug}/${LEGAL_SEGMENT[kind]}`, external: false };
}

export type TextBlock = { kind: "heading"; text: string } | { kind: "paragraph"; text: string } | { kind: "list"; items: string[] };

/**
 * Plain text as the organisation writes it (no HTML): blocks are separated by blank lines; a line
 * that starts with "## " is a heading (the lines after it, up to the next blank line, are a block of
 * their own); a block whose lines all start with "- " is a bulleted list; anything else is a
 * paragraph (its line breaks become spaces).
 */
export function textBlocks(text: string): TextBlock[] {
  const out: TextBlock[] = [];
  const body = (lines: string[]) => {
    if (lines.length === 0) return;
    if (lines.every((l) => l.startsWith("- "))) out.push({ kind: "list", items: lines.map((l) => l.slice(2).trim()) });
    else out.push({ kind: "paragraph", text: lines.join(" ") });
  };
  for (const block of text.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    let lines = block.split("\n").map((l) => l.trim()).filter((l) => l !== "");
    while (lines[0]?.startsWith("## ")) {
      out.push({ kind: "heading", text: lines[0].slice(3).trim() });
      lines = lines.slice(1);
    }
    body(lines);
  }
  return out;
}
