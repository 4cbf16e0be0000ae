/**
 * The calendar file: RFC 5545 text with the vacating deadline at 12:00 Danish time (TZID with a
 * VTIMEZONE that agrees with the time zone database on both sides of every DST change) and the
 * inspection as an all-day event; stable UIDs per notice; escaping and folding.
 */
import { describe, expect, it } from "vitest";
import { tzOffset } from "@date-fns/tz";
import { noticeCalendar } from "@/lib/letter";
import { escapeText, foldLine } from "@/lib/letter/calendar";
import { letterView } from "../support/letter-view";

const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");
const lines = (ics: string) => unfold(ics).split("\r\n").filter(Boolean);
const events = (ics: string) => unfold(ics).split("BEGIN:VEVENT").slice(1).map((e) => e.split("END:VEVENT")[0]!.split("\r\n").filter(Boolean));
const prop = (ev: string[], name: string) => ev.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
const withDates = (dates: Partial<ReturnType<typeof letterView>["dates"]>) => letterView({ dates: { ...letterView().dates, ...dates } });

/** The UTC offset (minutes) the file's VTIMEZONE gives a local time: CEST from the last Sunday of March 02:00 to the last Sunday of October 03:00. */
function vtimezoneOffset(ics: string, local: string): number {
  const block = unfold(ics).split("BEGIN:VTIMEZONE")[1]!.split("END:VTIMEZONE")[0]!;
  expect(block).toContain("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
  expect(block).toContain("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
  const [y, m, d, hh] = [local.slice(0, 4), local.slice(4, 6), local.slice(6, 8), local.slice(9, 11)].map(Number) as [number, number, number, number];
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(y, month, 0));
    return last.getUTCDate() - last.getUTCDay();
  };
  const key = m * 10000 + d * 100 + hh;
  const start = 3 * 10000 + lastSunday(3) * 100 + 2;
  const end = 10 * 10000 + lastSunday(10) * 100 + 3;
  return key >= start && key < end ? 120 : 60;
}

describe("noticeCalendar", () => {
  const ics = noticeCalendar(letterView());

  it("is a VCALENDAR with CRLF line ends, a PRODID and two events", () => {
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(events(ics)).toHaveLength(2);
    expect(lines(ics).filter((l) => l === "BEGIN:VALARM")).toHaveLength(2);
  });

  it.each([
    ["winter (CET)", "2027-02-26", "20270226T120000", 60],
    ["the Saturday before summer time", "2027-03-27", "20270327T120000", 60],
    ["the day summer time starts", "2027-03-28", "20270328T120000", 120],
    ["summer (CEST)", "2027-07-30", "20270730T120000", 120],
    ["the day summer time ends", "2027-10-31", "20271031T120000", 60],
    ["the Saturday before it ends", "2027-10-30", "20271030T120000", 120],
    ["a leap day", "2028-02-29", "20280229T120000", 60],
  ])("puts the vacating deadline at 12:00 Danish time in %s", (_name, vacatingDay, local, offset) => {
    const cal = noticeCalendar(withDates({ vacatingDay }));
    const vacating = events(cal)[0]!;
    expect(prop(vacating, "DTSTART")).toBe(`DTSTART;TZID=Europe/Copenhagen:${local}`);
    expect(prop(vacating, "DTEND")).toBeUndefined(); // a deadline: an instant, not a span
    // The file's own VTIMEZONE and the time zone database agree on that instant's offset.
    const noonUtc = new Date(`${vacatingDay}T12:00:00Z`).getTime() - offset * 60_000;
    expect(tzOffset("Europe/Copenhagen", new Date(noonUtc))).toBe(offset);
    expect(vtimezoneOffset(cal, local)).toBe(offset);
  });

  it.each([
    ["an ordinary day", "2027-03-01", "20270301", "20270302"],
    ["the end of a month", "2027-04-30", "20270430", "20270501"],
    ["new year's eve", "2027-12-31", "20271231", "20280101"],
    ["across the DST change", "2027-03-28", "20270328", "20270329"],
  ])("makes the inspection an all-day event on %s", (_name, inspectionDate, start, end) => {
    const inspection = events(noticeCalendar(withDates({ inspectionDate })))[1]!;
    expect(prop(inspection, "DTSTART")).toBe(`DTSTART;VALUE=DATE:${start}`);
    expect(prop(inspection, "DTEND")).toBe(`DTEND;VALUE=DATE:${end}`);
  });

  it("stamps with the submission instant in UTC", () => {
    for (const ev of events(ics)) expect(prop(ev, "DTSTAMP")).toBe("DTSTAMP:20261201T130322Z");
  });

  it("keeps UIDs stable per notice and distinct between notices and events", () => {
    const uids = (c: string) => events(c).map((e) => prop(e, "UID"));
    const [vacating, inspection] = uids(ics);
    expect(vacating).not.toBe(inspection);
    expect(uids(noticeCalendar(withDates({ vacatingDay: "2027-03-31", inspectionDate: "2027-04-01" })))).toEqual([vacating, inspection]);
    expect(uids(noticeCalendar(letterView(), { locale: "en" }))).toEqual([vacating, inspection]);
    const other = uids(noticeCalendar(letterView({ noticeId: "c1a2b3d4-0000-4000-8000-000000000043" })));
    expect(other).not.toContain(vacating);
    expect(other).not.toContain(inspection);
  });

  it("names the address and the deadline in Danish, or in English", () => {
    const [v, i] = events(ics);
    expect(prop(v!, "SUMMARY")).toBe("SUMMARY:Fraflyttet senest kl. 12.00: Havnegade 1\\, 1. tv");
    // Day and month are joined by a no-break space.
    expect(prop(v!, "DESCRIPTION")).toContain("senest kl. 12.00 den 26.\u00a0februar 2027");
    expect(prop(v!, "LOCATION")).toBe("LOCATION:Havnegade 1\\, 1. tv\\, 5000 Odense C");
    expect(prop(i!, "SUMMARY")).toBe("SUMMARY:Flyttesyn: Havnegade 1\\, 1. tv");
    const [ve] = events(noticeCalendar(letterView(), { locale: "en" }));
    expect(prop(ve!, "SUMMARY")).toBe("SUMMARY:Moved out by 12:00 noon: Havnegade 1\\, 1. tv");
    expect(prop(ve!, "DESCRIPTION")).toContain("by 12:00 noon on 26\u00a0February 2027");
  });

  it.each([
    ["commas", "Havnegade 1, 1. tv", "Havnegade 1\\, 1. tv"],
    ["semicolons", "A; B", "A\\; B"],
    ["backslashes first", "C:\\dir", "C:\\\\dir"],
    ["newlines of every kind", "a\nb\r\nc\rd", "a\\nb\\nc\\nd"],
    ["colons and quotes unchanged", 'kl. 12:00 "x"', 'kl. 12:00 "x"'],
  ])("escapes %s in text values", (_name, input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });

  it("escapes the organisation's and the address's specials inside the file", () => {
    const cal = noticeCalendar(letterView({ organisation: { ...letterView().organisation, name: "Bo; Byg, A\\S" } }));
    expect(unfold(cal)).toContain("Bo\\; Byg\\, A\\\\S");
  });

  it.each([
    ["ASCII", "DESCRIPTION:" + "x".repeat(200)],
    ["Danish letters (2 octets)", "DESCRIPTION:" + "æøå".repeat(60)],
    ["a 3-octet character on the boundary", "SUMMARY:" + "a".repeat(66) + "•••" + "b".repeat(80)],
  ])("folds long lines of %s at 75 octets without splitting a character", (_name, line) => {
    const folded = foldLine(line);
    const physical = folded.split("\r\n");
    expect(physical.length).toBeGreaterThan(1);
    for (const p of physical) expect(Buffer.byteLength(p, "utf8")).toBeLessThanOrEqual(75);
    for (const p of physical.slice(1)) expect(p.startsWith(" ")).toBe(true);
    expect(unfold(folded)).toBe(line);
    expect(Buffer.from(folded, "utf8").toString("utf8")).toBe(folded);
  });

  it("folds every line of the real file to at most 75 octets", () => {
    const long = noticeCalendar(letterView({ lease: { addressLines: ["Æblehavens Allé 117, 3. sal, lejlighed nr. 14 til venstre", "9990 Skagen"], leaseNumber: "1" } }));
    for (const p of long.split("\r\n")) expect(Buffer.byteLength(p, "utf8")).toBeLessThanOrEqual(75);
    expect(unfold(long)).toContain("LOCATION:Æblehavens Allé 117\\, 3. sal\\, lejlighed nr. 14 til venstre\\, 9990 Skagen");
  });
});
