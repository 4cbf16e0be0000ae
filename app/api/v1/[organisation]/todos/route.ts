import { defineRoute } from "@/lib/http/wrappers";
import { requestNow } from "@/lib/clock";
import { todayInDenmark } from "@/lib/time";
import { apiListTodos, orgParams, todoListQuery, todoPage } from "@/lib/api/todos";


/** GET /api/v1/{organisation}/todos — the open to-dos, oldest first, one keyset page at a time. */
export const GET =   defineRoute(
  {
    kind: "automation",
    permission: "todos.read",
    name: "listTodos",
    path: "/api/v1/{organisation}/todos",
    summary: "Open to-dos, oldest first (filter by kind; keyset pages: pass `next` as `cursor`)",
    params: orgParams,
    query: todoListQuery,
    response: todoPage,
  },
  async (ctx, { query }, req) => apiListTodos(ctx.db, query, todayInDenmark(requestNow(req.headers))),
);
