/**
 * The only errors a credentials sign-in hands to next-auth (which puts the message into the URL it
 * answers with, `?error=<message>`): a fixed set of codes, never a raw error text.
 */
export const SIGN_IN_ERROR_CODES = ["Throttled", "Unavailable", "RateLimited"] as const;
export type SignInErrorCode = (typeof SIGN_IN_ERROR_CODES)[number];

export class SignInError extends Error {
  constructor(readonly code: SignInErrorCode) {
    super(code);
    this.name = "SignInError";
  }
}
