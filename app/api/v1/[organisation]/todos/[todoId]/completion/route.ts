import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/http/wrappers";
import { requestNow } from "@/lib/clock";
import { apiCompleteTodo, completionBody, completionQuery, completionResult, todoParams } from "@/lib/api/todos";
import { isProblem, problemResponse } from "@/lib/api/problem";
import { wantsValidateOnly } from "@/lib/api/prefer";


/**
 * POST /api/v1/{organisation}/todos/{todoId}/completion — completes a confirm-notice or
 * provide-tenancy-details to-do through the same service as the admin page (one transaction,
 * audited as done by the account). `Prefer: validate-only` or `?validateOnly=1`: every check, nothing
 * stored, the answer is what would be stored (`Preference-Applied: validate-only`).
 */
export const POST =   defineRoute(
  {
    kind: "automation",
    permission: "todos.complete",
    name: "completeTodo",
    path: "/api/v1/{organisation}/todos/{todoId}/completion",
    summary: "Complete a to-do (or, with `Prefer: validate-only` / `?validateOnly=1`, check it and store nothing)",
    params: todoParams,
    query: completionQuery,
    body: completionBody,
    response: completionResult,
    openapi: { prefer: true, errors: [409, 422] },
  },
  async (ctx, { params, query, body }, req) => {
    const validateOnly = wantsValidateOnly(req.headers.get("prefer"), query.validateOnly);
    const r = await apiCompleteTodo(ctx.db, params.todoId, body, { actor: ctx.actor, now: requestNow(req.headers), meta: ctx.meta, validateOnly });
    if (isProblem(r)) return problemResponse(r);
    const out = completionResult.parse(r);
    return NextResponse.json(out, { status: 200, headers: validateOnly ? { "Preference-Applied": "validate-only", Vary: "Prefer" } : { Vary: "Prefer" } });
  },
);
