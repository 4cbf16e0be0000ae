/**
 * The signed-in session of the current request, or null. Read once per request by
 * lib/http/context.ts; pages that only need to know who is signed in (the sign-in pages) call it too.
 */
import { getServerSession } from "next-auth";
import { sessionOptions } from "./options";
import { SESSION_TTL, type AppSession } from "./types";

export async function getAppSession(): Promise<AppSession | null> {
  const s = (await getServerSession(sessionOptions)) as { app?: AppSession } | null;
  const app = s?.app;
  if (!app) return null;
  if (Date.now() / 1000 > app.authAt + SESSION_TTL[app.kind]) return null;
  return app;
}
