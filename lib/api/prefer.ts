/** `Prefer: validate-only` (RFC 7240 preference list, case-insensitive) or `?validateOnly=1|true`. */
export function wantsValidateOnly(prefer: string | null | undefined, query: string | undefined): boolean {
  if (query === "1" || query === "true") return true;
  return (prefer ?? "")
    .split(",")
    .map((p) => p.split(";")[0]!.trim().toLowerCase())
    .includes("validate-only");
}
