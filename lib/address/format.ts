/** How a Danish address is written, and the folding that makes search forgive case and diacritics. */
import "server-only";

/** "st" → "st.", "1" → "1.", "kl" → "kl." (floors are written with a full stop). */
export function floorText(floor: string): string {
  return floor.endsWith(".") ? floor : `${floor}.`;
}

/** "Åboulevarden 12, 1. tv, 8000 Aarhus C"; "Havnegade 3, st., 2150 Nordhavn"; "Torvet 1, 9400 Nørresundby". */
export function addressText(a: { street: string; houseNumber: string; floor: string | null; door: string | null; postalCode: string; town: string }): string {
  const unit = [a.floor ? floorText(a.floor) : null, a.door].filter(Boolean).join(" ");
  return `${a.street} ${a.houseNumber}${unit ? `, ${unit}` : ""}, ${a.postalCode} ${a.town}`;
}

/**
 * Folds text for matching: lower case; å → a, æ → ae, ø → o; other accents dropped (é → e); then
 * "aa" → "a" and "oe" → "o", so "Åboulevarden", "Aaboulevarden" and "aboulevarden" are one word,
 * as are "Østerbrogade", "Oesterbrogade" and "Osterbrogade".
 */
export function fold(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/å/g, "a")
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/aa/g, "a")
    .replace(/oe/g, "o");
}

/** The folded words of a text (letters and digits; punctuation separates). */
export function words(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
