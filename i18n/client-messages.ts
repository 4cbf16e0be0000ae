/**
 * The message namespaces client components use. The root layout hands only these to
 * NextIntlClientProvider, so a page's HTML does not carry the whole catalogue (the wizard's, the
 * staff pages', the letter's texts) in its RSC payload — it was most of the tile page's server
 * time and bytes. tests/unit/client-messages.test.ts fails when a client component uses a
 * namespace that is not listed here.
 */
export const CLIENT_MESSAGE_NAMESPACES = ["common", "dkfds", "address", "settings", "signIn", "staffLogin", "adminShell"] as const;

/** The catalogue narrowed to the client namespaces. */
export function clientMessages<M extends Record<string, unknown>>(messages: M): Partial<M> {
  const out: Partial<M> = {};
  for (const ns of CLIENT_MESSAGE_NAMESPACES) if (ns in messages) (out as Record<string, unknown>)[ns] = messages[ns];
  return out;
}
