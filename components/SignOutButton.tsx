import { getTranslations } from "next-intl/server";

/**
 * "Log ud": a plain form post to /api/auth/logout (works without JavaScript). The server ends the
 * session and sends the browser on (a tenant through the identity provider's logout, then to the
 * sign-in page), so `callbackUrl` is not needed any more; it is kept for the callers' signature.
 */
export async function SignOutButton(_props: { callbackUrl?: string }) {
  const t = await getTranslations("common");
  return (
    <form method="post" action="/api/auth/logout" className="inline">
      <button type="submit" className="whitespace-nowrap rounded px-2 py-1 text-sm underline underline-offset-2 hover:no-underline">
        {t("signOut")}
      </button>
    </form>
  );
}
