/**
 * Headers for files a route hands out (the tenant's PDF documents, calendar files).
 */
import "server-only";

/** An ASCII file name from a title and a date: "Bekraeftelse-paa-opsigelse-2026-12-01.pdf" (letters, digits, dashes only). */
export function safeFileName(title: string, date: Date, ext: string): string {
  const ascii = title
    .replace(/[Ææ]/g, (c) => (c === "Æ" ? "Ae" : "ae"))
    .replace(/[Øø]/g, (c) => (c === "Ø" ? "Oe" : "oe"))
    .replace(/[Åå]/g, (c) => (c === "Å" ? "Aa" : "aa"))
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  const day = date.toISOString().slice(0, 10);
  const safeExt = ext.replace(/[^a-z0-9]/gi, "").slice(0, 8) || "bin";
  return `${ascii || "dokument"}-${day}.${safeExt}`;
}

/**
 * Content-Disposition with an ASCII `filename` (no quotes, slashes or control characters can get
 * in) and the same name UTF-8 encoded in `filename*` (RFC 6266 / 8187) for the Danish letters.
 */
export function contentDisposition(kind: "inline" | "attachment", title: string, date: Date, ext: string): string {
  const ascii = safeFileName(title, date, ext);
  const day = date.toISOString().slice(0, 10);
  const utf8 = `${title.replace(/[\u0000-\u001f\u007f/\\"]/g, " ").trim().slice(0, 80) || "dokument"} ${day}.${ascii.split(".").pop()}`;
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(utf8).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
