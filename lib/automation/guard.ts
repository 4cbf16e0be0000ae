/**
 * The per-request guard of automation routes (kind "automation", lib/http/wrappers.ts), in this
 * order — each step refuses with an RFC 9457 problem (ApiProblem) and nothing after it runs:
 *
 *   1. the day token: issued by the URL's organisation, not revoked, not expired at the request's
 *      instant (lib/clock.ts)                                                      → 401
 *   2. the account: active (401), not paused (403 "paused"), not switched off (403 "switched-off")
 *   3. the organisation may use automation (automationAccessState.enabled)       → 403 "not-enabled"
 *   4. the hours: automationAllowed with settings.automation.yearlyWindow        → 403 with reason
 *      (weekend / holiday / outside-hours), nextAllowed and Retry-After
 *   5. the account's request rate (AutomationPolicy.maxRequestsPerMinute; RateLimit-* headers on
 *      the answer): over it → 429, and the account is switched off (reason "rate")
 * After the handler (finishAutomationRequest): the request is logged (AutomationRequest) and the
 * error ratio over the last AutomationPolicy.errorWindow requests is checked: maxErrorsInWindow
 * failures or more → switched off (reason "errors"). An automatic switch-off e-mails the
 * organisation's "Manage users" staff (a send-mail job in the switch-off's transaction); the
 * account's switchedOffReason ("rate" / "errors") is the flag the admin banner shows.
 */
import "server-only";
import type { OrgDb, OrgTx } from "@/lib/db/scoped";
import { platformClient, readAutomationPolicy, type OrganisationRecord } from "@/lib/db/platform";
import { SYSTEM_ACTOR, type RequestMeta } from "@/lib/audit/events";
import { automationAllowed } from "@/lib/rules/automation";
import { consume } from "@/lib/security/rate-limit";
import { enqueue } from "@/lib/jobs/enqueue";
import { sendMailJob } from "@/lib/jobs/send-mail";
import { ROLES, permissionsOf } from "@/lib/auth/permissions";
import { appPublicUrl } from "@/lib/admin/invitations";
import { ApiProblem, type RateInfo } from "@/lib/http/automation";
import { automationAccessState } from "./access";
import { switchOffAccount } from "./kill-switch";
import { verifyDayToken } from "./tokens";

export type Admitted = { userId: string; rate: RateInfo };

/** Steps 1–5 above. Throws ApiProblem (with `rate` set on it once the count is known). */
export async function admitAutomationRequest(a: { org: OrganisationRecord; db: OrgDb; token: string | null; now: Date; meta?: RequestMeta }): Promise<Admitted> {
  const v = a.token ? await verifyDayToken(a.db, a.token, a.now) : null;
  if (!v) throw new ApiProblem("signed-out", 401, { reason: a.token ? "invalid-token" : "no-token" });
  const user = await a.db.user.findFirst({ where: { id: v.userId }, select: { id: true, name: true, active: true, automation: true, pausedAt: true, switchedOffAt: true } });
  if (!user || !user.active || !user.automation) throw new ApiProblem("signed-out", 401, { reason: "invalid-token" });
  if (user.switchedOffAt) throw new ApiProblem("forbidden", 403, { reason: "switched-off" });
  if (user.pausedAt) throw new ApiProblem("forbidden", 403, { reason: "paused" });
  if (!(await automationAccessState(a.db)).enabled) throw new ApiProblem("forbidden", 403, { reason: "not-enabled" });

  const hours = automationAllowed({ now: a.now.toISOString(), policy: { yearlyWindow: a.org.settings.automation.yearlyWindow } });
  if (!hours.allowed) {
    const retryAfterSeconds = Math.max(1, Math.ceil((new Date(hours.nextAllowed).getTime() - a.now.getTime()) / 1000));
    throw new ApiProblem("forbidden", 403, { reason: hours.reason, nextAllowed: hours.nextAllowed, retryAfterSeconds });
  }

  const policy = await readAutomationPolicy(platformClient());
  const counted = await consume("automationPerAccount", `${a.org.id}:${user.id}`);
  const consumed = counted.ok ? (counted.consumed ?? 0) : Number.POSITIVE_INFINITY;
  const rate: RateInfo = { limit: policy.maxRequestsPerMinute, remaining: Math.max(0, policy.maxRequestsPerMinute - consumed), resetSeconds: Math.ceil((counted.msBeforeNext ?? 60_000) / 1000) };
  if (consumed > policy.maxRequestsPerMinute) {
    await switchOffAutomatically(a.db, a.org, user.id, { reason: "rate", detail: `more than ${policy.maxRequestsPerMinute} requests in a minute`, now: a.now, meta: a.meta });
    throw Object.assign(new ApiProblem("rate-limited", 429, { reason: "rate", retryAfterSeconds: Math.max(1, rate.resetSeconds) }), { rate });
  }
  return { userId: user.id, rate };
}

/** After the handler: the request log and the error-ratio check. */
export async function finishAutomationRequest(a: {
  org: OrganisationRecord;
  db: OrgDb;
  userId: string;
  now: Date;
  method: string;
  path: string;
  status: number;
  validateOnly: boolean;
  meta?: RequestMeta;
}): Promise<void> {
  await a.db.automationRequest.create({
    data: { organisationId: a.db.organisationId, userId: a.userId, at: a.now, method: a.method, path: a.path.slice(0, 500), status: a.status, validateOnly: a.validateOnly },
  });
  if (!failed(a.status, a.validateOnly)) return;
  const policy = await readAutomationPolicy(platformClient());
  const last = await a.db.automationRequest.findMany({ where: { userId: a.userId }, orderBy: { at: "desc" }, take: policy.errorWindow, select: { status: true, validateOnly: true } });
  const errors = last.filter((r) => failed(r.status, r.validateOnly)).length;
  if (last.length >= policy.errorWindow && errors >= policy.maxErrorsInWindow) {
    await switchOffAutomatically(a.db, a.org, a.userId, { reason: "errors", detail: `${errors} of the last ${last.length} requests failed`, now: a.now, meta: a.meta });
  }
}

/** A failed request for the error ratio: any 4xx/5xx, except what a validate-only request reports (that is its answer). */
function failed(status: number, validateOnly: boolean): boolean {
  return status >= 400 && !(validateOnly && status === 422);
}

const MANAGER_ROLES = ROLES.filter((r) => permissionsOf([r]).has("users.manage"));

/** Switches the account off by itself and, when it changed, e-mails the organisation's "Manage users" staff (same transaction). */
export async function switchOffAutomatically(db: OrgDb, org: OrganisationRecord, userId: string, a: { reason: "rate" | "errors"; detail: string; now: Date; meta?: RequestMeta }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const changed = await switchOffAccount(tx, userId, { reason: a.reason, detail: a.detail, actor: SYSTEM_ACTOR, meta: a.meta, now: a.now });
    if (changed) await tellManagers(tx, org, userId, a);
    return changed;
  });
}

async function tellManagers(tx: OrgTx, org: OrganisationRecord, userId: string, a: { reason: "rate" | "errors"; now: Date }) {
  const account = await tx.user.findFirst({ where: { id: userId }, select: { name: true } });
  const managers = await tx.user.findMany({ where: { active: true, automation: false, roles: { hasSome: [...MANAGER_ROLES] } }, select: { email: true }, take: 20 });
  if (managers.length === 0) return;
  const mail = switchedOffMail({ account: account?.name ?? "", organisation: org.name, reason: a.reason, url: `${appPublicUrl()}/${org.slug}/admin/automatisering` });
  await enqueue(tx, sendMailJob, { to: managers.map((m) => m.email), ...mail }, { key: `automation-switched-off:${userId}:${a.now.getTime()}` });
}

/** The e-mail to "Manage users" staff when an account switched itself off: Danish, then English. Pure. */
export function switchedOffMail(m: { account: string; organisation: string; reason: "rate" | "errors"; url: string }): { subject: string; text: string } {
  const why = {
    rate: { da: "den sendte flere forespørgsler i minuttet end tilladt", en: "it sent more requests a minute than allowed" },
    errors: { da: "for mange af dens seneste forespørgsler fejlede", en: "too many of its latest requests failed" },
  }[m.reason];
  return {
    subject: `Automatiseringskontoen ${m.account} er slået fra / Automation account switched off`,
    text: [
      `Automatiseringskontoen "${m.account}" hos ${m.organisation} er slået fra automatisk, fordi ${why.da}.`,
      "Kontoen kan ikke bruge API'et, før en medarbejder med rollen \"Administrer brugere\" slår den til igen.",
      `Se kontoen her: ${m.url}`,
      "",
      `The automation account "${m.account}" of ${m.organisation} was switched off automatically because ${why.en}.`,
      'It cannot use the API until a member of staff with the "Manage users" role switches it on again.',
      `See the account here: ${m.url}`,
    ].join("\n"),
  };
}
