/**
 * Dates in running text: "1. marts 2027" in Danish, "1 March 2027" in English (British order, as
 * the product is Danish). Takes the rules' ISO calendar dates, so no time zone can shift the day.
 * Day and month are joined by a no-break space, so a line never breaks inside "2. | oktober".
 */
const FORMATS = {
  da: new Intl.DateTimeFormat("da-DK", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
};

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function formatLongDate(iso: string, locale: string): string {
  const m = ISO_RE.exec(iso);
  if (!m) throw new Error(`formatLongDate: not an ISO date: ${JSON.stringify(iso)}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCDate() !== Number(m[3])) throw new Error(`formatLongDate: not a calendar date: ${iso}`);
  return (locale === "en" ? FORMATS.en : FORMATS.da).format(d).replace(" ", "\u00a0");
}

const WEEKDAY_FORMATS = {
  da: new Intl.DateTimeFormat("da-DK", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
};

/** With the weekday: "mandag den 1. marts 2027" in Danish, "Monday 1 March 2027" in English. */
export function formatWeekdayDate(iso: string, locale: string): string {
  formatLongDate(iso, locale); // validates
  const m = ISO_RE.exec(iso) as RegExpExecArray;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (locale === "en") return WEEKDAY_FORMATS.en.format(d).replace(",", "");
  const parts = WEEKDAY_FORMATS.da.formatToParts(d);
  const weekday = parts.find((p) => p.type === "weekday")?.value ?? "";
  return `${weekday} den ${formatLongDate(iso, "da")}`;
}
