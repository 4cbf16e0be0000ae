/** The ids DKFDS derives from a control's id: "{id}-hint" and "{id}-error", joined for aria-describedby. */
export const hintId = (id: string) => `${id}-hint`;
export const errorId = (id: string) => `${id}-error`;

export function describedBy(id: string, hint: unknown, error: unknown, extra?: string): string | undefined {
  const ids = [hint ? hintId(id) : "", error ? errorId(id) : "", extra ?? ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}
