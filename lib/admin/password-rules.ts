/**
 * The rules for a staff password chosen on the invitation page: at least 12 characters (at most
 * 200), typed twice alike, and not the user's e-mail address (nor its part before the @, nor
 * containing the address). Pure, so the page, the service and the unit tests share one definition.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordProblem = "required" | "too-short" | "too-long" | "is-email" | "mismatch";

const norm = (s: string) => s.normalize("NFKC").trim().toLowerCase();

/** The problems of a new password per field (`password`, `confirm`); empty when it may be used. */
export function passwordProblems(password: string, confirm: string, email: string): { password?: PasswordProblem; confirm?: PasswordProblem } {
  const length = [...password.normalize("NFKC")].length;
  if (password.length === 0) return { password: "required" };
  if (length < PASSWORD_MIN_LENGTH) return { password: "too-short" };
  if (length > PASSWORD_MAX_LENGTH) return { password: "too-long" };
  const p = norm(password);
  const e = norm(email);
  const local = e.split("@")[0] ?? "";
  if (e && (p === e || p.includes(e) || (local.length >= 3 && p === local))) return { password: "is-email" };
  if (password !== confirm) return { confirm: "mismatch" };
  return {};
}
