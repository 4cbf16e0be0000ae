/**
 * Texts an organisation writes itself (code texts, reason texts, opening hours, its privacy notice):
 * always in Danish, optionally in English. In the English UI the English text is shown where the
 * organisation gave one; otherwise the Danish text, marked with `lang: "da"` so that a screen reader
 * pronounces it as Danish (WCAG 3.1.2). In the Danish UI the Danish text, unmarked.
 * One helper for every place such a text is shown (components/LocalizedText.tsx renders it).
 */
export type UiLocale = "da" | "en";

/** A text to show, and the language to mark it with when it differs from the page's. */
export type ShownText = { text: string; lang?: "da" };

export function pickText(texts: { da: string; en?: string | null | undefined }, locale: string): ShownText {
  if (locale === "en") {
    const en = texts.en?.trim();
    if (en) return { text: en };
    return { text: texts.da, lang: "da" };
  }
  return { text: texts.da };
}

/** A code's text (Kode.codeText / codeTextEn), e.g. the notice rule "3 måneder til den 1.". */
export function codeText(kode: { codeText: string; codeTextEn?: string | null }, locale: string): ShownText {
  return pickText({ da: kode.codeText, en: kode.codeTextEn }, locale);
}

/** A reason code's text for tenants (Kode.tagText / tagTextEn); the code text when no tag text is set. */
export function tagText(
  kode: { codeText: string; codeTextEn?: string | null; tagText?: string | null; tagTextEn?: string | null },
  locale: string,
): ShownText {
  if (kode.tagText?.trim()) return pickText({ da: kode.tagText, en: kode.tagTextEn }, locale);
  return codeText(kode, locale);
}
