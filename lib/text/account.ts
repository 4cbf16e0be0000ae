/**
 * A Danish bank account as the tenant pages show one on file: masked but recognisable, the last
 * four digits of the account number only — "•••• ••••••4321" (reg. no. 4 digits, account no. up to
 * 10). Null when there is no account on file (either part missing or without digits).
 */
export function maskedAccount(regNo: string | null | undefined, accountNo: string | null | undefined): string | null {
  const reg = (regNo ?? "").replace(/\D/g, "");
  const account = (accountNo ?? "").replace(/\D/g, "");
  if (reg === "" || account === "") return null;
  const last = account.slice(-4);
  return `•••• ${"•".repeat(Math.max(0, Math.max(10, account.length) - last.length))}${last}`;
}
