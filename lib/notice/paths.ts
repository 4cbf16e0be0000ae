/** The wizard's addresses (no server-only: links are built in pages and actions alike). */
export function wizardPath(slug: string, noticeId: string, page: string, query: Record<string, string> = {}): string {
  const q = new URLSearchParams(query).toString();
  return `/${slug}/beboer/selvbetjening/opsigelse/${noticeId}/${page}${q ? `?${q}` : ""}`;
}

export function startPath(slug: string, lejerId: string): string {
  return `/${slug}/beboer/selvbetjening/opsigelse/start?lejer=${lejerId}`;
}
