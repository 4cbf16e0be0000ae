import { NextResponse } from "next/server";
import { databaseReachable, platformClient } from "@/lib/db/platform";

/** GET /api/health — for load balancers: 200 when this instance can reach the database, else 503. */
export async function GET() {
  const db = await databaseReachable(platformClient());
  return NextResponse.json({ ok: db, database: db ? "up" : "down" }, { status: db ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
