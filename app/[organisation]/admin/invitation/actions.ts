"use server";
/**
 * The invitation page's two steps (public: the token authorises exactly one user's enrolment).
 * Rate-limited per client address (staffInvitePerIp), like the page itself. A refused password or
 * code comes back beside its field; a link that cannot be used (any more) sends the browser back to
 * the page, which says why; the last step sends the user to the staff sign-in page.
 */
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, type ActionState } from "@/lib/http/wrappers";
import { NotFound } from "@/lib/http/errors";
import { organisationOf } from "@/lib/http/context";
import { paths } from "@/lib/http/paths";
import { orgDb } from "@/lib/db/scoped";
import { refuse, settle } from "@/lib/admin/action-refusal";
import { confirmInviteTotp, setInvitePassword } from "@/lib/admin/invitations";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/admin/password-rules";

type State = ActionState<never>;

const base = { org: z.string().min(1).max(50), token: z.string().min(1).max(100) };

async function organisation(slug: string) {
  const org = await organisationOf(slug);
  if (!org) throw new NotFound("organisation");
  return org;
}

const passwordAction = defineAction(
  {
    kind: "public",
    name: "setInvitePassword",
    rateLimit: "staffInvitePerIp",
    input: z.object({ ...base, password: z.string().min(1).max(PASSWORD_MAX_LENGTH * 4), confirm: z.string().max(PASSWORD_MAX_LENGTH * 4) }),
    messages: { password: { required: "invitation.errors.required", tooLong: "invitation.errors.too-long" } },
  },
  async (ctx, input) => {
    const org = await organisation(input.org);
    const r = await setInvitePassword(orgDb(org.id), { token: input.token, password: input.password, confirm: input.confirm, meta: ctx.meta });
    if (!r.ok && r.reason === "invalid") {
      const [field, problem] = Object.entries(r.fields)[0]!;
      return refuse(field, `invitation.errors.${problem}`, { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH });
    }
    return redirect(paths.staffInvite(org.slug, input.token));
  },
);

const totpAction = defineAction(
  {
    kind: "public",
    name: "confirmInviteTotp",
    rateLimit: "staffInvitePerIp",
    input: z.object({ ...base, code: z.string().transform((s) => s.replace(/\s/g, "")).pipe(z.string().regex(/^\d{6}$/)) }),
    messages: { code: "invitation.errors.code-format" },
  },
  async (ctx, input) => {
    const org = await organisation(input.org);
    const r = await confirmInviteTotp(orgDb(org.id), { token: input.token, code: input.code, meta: ctx.meta });
    if (r.ok) return redirect(paths.staffLogin(org.slug));
    if (r.reason === "invalid") return refuse("code", "invitation.errors.wrong-code");
    return redirect(paths.staffInvite(org.slug, input.token));
  },
);

export async function submitInvitePassword(state: State, data: FormData) {
  return settle(await passwordAction(state, data), data);
}
export async function submitInviteTotp(state: State, data: FormData) {
  return settle(await totpAction(state, data), data);
}
