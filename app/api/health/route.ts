import { NextResponse } from "next/server";
import { databaseUp } from "@/lib/http/public";

/**
 * GET /api/health — for load balancers and `npm start`'s users: 200 `{ ok: true, database: "up" }`
 * when this instance can reach the database, else 503 `{ ok: false, database: "down" }` (for
 * example while the supervisor restarts the embedded database). Never cached, never prerendered.
 */
export const dynamic = "force-dynamic";

export async function GET() {
  const db = await databaseUp();
  return NextResponse.json({ ok: db, database: db ? "up" : "down" }, { status: db ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
