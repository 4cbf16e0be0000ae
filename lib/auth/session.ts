/**
 * The signed-in session of the current request, or null. Read once per request by
 * lib/http/context.ts; pages that only need to know who is signed in (the sign-in pages) call it too.
 *
 * The cookie (an encrypted next-auth JWT) is necessary but not sufficient: its session row in
 * PostgreSQL must be open (one primary-key look-up, lib/auth/session-store.ts), so a session ended by
 * signing out — on any app instance — is refused even if someone kept a copy of the cookie.
 */
import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { sessionOptions } from "./options";
import { isSessionLive } from "./session-store";
import { SESSION_TTL, type AppSession } from "./types";

async function readAppSession(): Promise<AppSession | null> {
  const s = (await getServerSession(sessionOptions)) as { app?: AppSession } | null;
  const app = s?.app;
  if (!app) return null;
  if (Date.now() / 1000 > app.authAt + SESSION_TTL[app.kind]) return null;
  if (!(await isSessionLive(app))) return null;
  return app;
}

/** Deduplicated within one server render (React cache); route handlers read it afresh. */
export const getAppSession: () => Promise<AppSession | null> = cache(readAppSession);
