/**
 * The confirmation letter and the calendar file of a submitted notice (server only).
 *   renderNoticeLetter(view, { locale, creationDate }) → PDF/A-2b bytes
 *   noticeCalendar(view, { locale }) → iCalendar text (RFC 5545)
 * Build the view with `noticeLetterViewSchema` (both functions parse it again and throw on bad input).
 */
import "server-only";
export { renderNoticeLetter, type RenderLetterOptions } from "./render";
export { noticeCalendar, CALENDAR_CONTENT_TYPE, type CalendarOptions } from "./calendar";
export { noticeLetterViewSchema, type NoticeLetterView, type NoticeLetterViewInput, type LetterRole } from "./view";
