import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { safeReturnPath } from "@/lib/http/paths";

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string }> };

/**
 * next-auth sends failed or cancelled sign-ins here. Send the visitor back to the sign-in page of
 * the organisation they came from, with a message in plain language.
 */
export default async function SignInRedirect({ searchParams }: Props) {
  const sp = await searchParams;
  // next-auth keeps the address the sign-in started from in a cookie when it reports an error.
  const jar = await cookies();
  const remembered = jar.get("__Secure-next-auth.callback-url")?.value ?? jar.get("next-auth.callback-url")?.value;
  let callback = sp.callbackUrl ?? remembered ?? "/";
  try {
    callback = new URL(callback, "http://x").pathname;
  } catch {
    callback = "/";
  }
  const path = safeReturnPath(callback, "", "/");
  const m = /^\/([a-z0-9-]+)\/(beboer|admin)(\/|$)/.exec(path);
  const error = sp.error === "OAuthCallback" || sp.error === "access_denied" ? "cancelled" : "failed";
  if (m) {
    const target = m[2] === "beboer" ? `/${m[1]}/beboer/login` : `/${m[1]}/admin/login`;
    redirect(`${target}?error=${error}&callbackUrl=${encodeURIComponent(path)}`);
  }
  if (path.startsWith("/operator")) redirect(`/operator/login?error=${error}`);
  redirect("/");
}
