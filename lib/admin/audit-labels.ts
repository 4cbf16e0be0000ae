/**
 * The Danish (or English) text of an audit event type, from the adminAudit namespace, with the
 * code itself when the catalogue has no text for it (an event added later).
 */
export function eventLabel(t: (key: string) => string, has: ((key: string) => boolean) | null, type: string): string {
  const key = `events.${type}`;
  if (has && !has(key)) return type;
  const text = t(key);
  return text === key || text.endsWith(`.${key}`) ? type : text;
}
