/** A stored Danish phone number as Danes write it: "+4582334455" → "82 33 44 55"; anything else as it is. */
export function formatDanishPhone(value: string | null | undefined): string {
  if (!value) return "";
  const m = /^\+45(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value) ?? /^(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  return m ? `${m[1]} ${m[2]} ${m[3]} ${m[4]}` : value;
}
