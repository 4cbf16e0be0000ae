import { defineRoute } from "@/lib/http/wrappers";
import { apiReadTodo, todoDetailSchema, todoParams } from "@/lib/api/todos";
import { isProblem, problemResponse } from "@/lib/api/problem";


/** GET /api/v1/{organisation}/todos/{todoId} — one to-do with what completing it needs; 404 when not this organisation's. */
export const GET =   defineRoute(
  {
    kind: "automation",
    permission: "todos.read",
    name: "getTodo",
    path: "/api/v1/{organisation}/todos/{todoId}",
    summary: "One to-do, with the notice or tenancy it is about and the values a completion may choose",
    params: todoParams,
    response: todoDetailSchema,
  },
  async (ctx, { params }) => {
    const r = await apiReadTodo(ctx.db, params.todoId);
    return isProblem(r) ? problemResponse(r) : r;
  },
);
