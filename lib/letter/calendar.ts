/**
 * The calendar file offered after submission (RFC 5545): two events, the vacating deadline at 12:00
 * Danish time on `vacatingDay` and the move-out inspection as an all-day event on `inspectionDate`.
 *
 * - The deadline is written in local time with `TZID=Europe/Copenhagen` and a VTIMEZONE giving the
 *   EU rules (CET/CEST, switching on the last Sundays of March and October), so 12:00 stays 12:00 on
 *   either side of a DST change in any client. DTSTAMP is UTC (the submission instant).
 * - UIDs are derived from the notice id, so importing the file twice updates instead of duplicating.
 * - TEXT values are escaped (\\ ; , newline) and lines folded at 75 octets without splitting a UTF-8
 *   character; lines end with CRLF.
 * A small writer of our own rather than the `ics` package: that one writes UTC or floating times
 * only and has no VTIMEZONE, and pulls in three dependencies.
 */
import "server-only";
import { letterTranslator, longDate, type LetterLocale } from "./texts";
import { noticeLetterViewSchema, type NoticeLetterViewInput } from "./view";

export const CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8";

export type CalendarOptions = { locale?: LetterLocale };

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Folds a content line into pieces of at most 75 octets, continuation lines starting with a space (§3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, "utf8");
    const limit = out.length === 0 ? 75 : 74; // a continuation line's leading space counts
    if (octets + n > limit) {
      out.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join("\r\n ");
}

const basic = (iso: string) => iso.replace(/-/g, "");

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function utcStamp(instant: string): string {
  return new Date(instant).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** Europe/Copenhagen since 1996 (EU rules). */
const VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Copenhagen",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

export function noticeCalendar(input: NoticeLetterViewInput, opts: CalendarOptions = {}): string {
  const view = noticeLetterViewSchema.parse(input);
  const locale: LetterLocale = opts.locale === "en" ? "en" : "da";
  const t = letterTranslator(locale);
  const street = view.lease.addressLines[0]!;
  const address = view.lease.addressLines.join(", ");
  const organisation = view.organisation.name;
  const code = view.verificationCode;
  const stamp = utcStamp(view.submittedAt);
  const uid = (what: string) => `notice-${view.noticeId.replace(/[^A-Za-z0-9._-]/g, "-")}-${what}@fraflyt`;
  const text = (name: string, value: string) => `${name}:${escapeText(value)}`;

  const vacatingSummary = t("calendar.vacatingSummary", { address: street });
  const inspectionSummary = t("calendar.inspectionSummary", { address: street });
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Fraflyt//Opsigelse//DA",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    ...VTIMEZONE,
    "BEGIN:VEVENT",
    `UID:${uid("vacating")}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;TZID=Europe/Copenhagen:${basic(view.dates.vacatingDay)}T120000`,
    text("SUMMARY", vacatingSummary),
    text("DESCRIPTION", t("calendar.vacatingDescription", { address, date: longDate(view.dates.vacatingDay, locale), organisation, code })),
    text("LOCATION", address),
    "TRANSP:TRANSPARENT",
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    text("DESCRIPTION", t("calendar.reminder", { summary: vacatingSummary })),
    "TRIGGER:-P1D",
    "END:VALARM",
    "END:VEVENT",
    "BEGIN:VEVENT",
    `UID:${uid("inspection")}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${basic(view.dates.inspectionDate)}`,
    `DTEND;VALUE=DATE:${basic(nextDay(view.dates.inspectionDate))}`,
    text("SUMMARY", inspectionSummary),
    text("DESCRIPTION", t("calendar.inspectionDescription", { address, date: longDate(view.dates.inspectionDate, locale), organisation })),
    text("LOCATION", address),
    "TRANSP:TRANSPARENT",
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    text("DESCRIPTION", t("calendar.reminder", { summary: inspectionSummary })),
    "TRIGGER:-PT6H",
    "END:VALARM",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
