"use client";

import { useEffect, useRef, useState } from "react";

type Answer =
  | { ok: true; today: string; terminationDate: string; vacatingDay: string; upcoming: { terminationDate: string; latestNoticeDate: string }[] }
  | { ok: false };

export type LiveRulePreviewTexts = {
  heading: string;
  /** With {today}, {termination}, {vacating}. */
  today: string;
  /** With {termination} and {latest}. */
  upcoming: string;
  invalid: string;
};

const RULE_FIELDS = ["ruleMonths", "ruleDays", "ruleAnchor", "ruleRunningMonth"] as const;

/**
 * The notice rule's preview while typing (JavaScript only; without it "Vis eksempel" shows the same
 * on the server). Listens to the rule fields of its form, asks GET /api/{org}/admin/koder/eksempel
 * 400 ms after the last change (and once when it starts, if a period was typed before the page
 * became interactive), and shows the answer in a polite live region. A late answer to an older
 * state is dropped.
 */
export function LiveRulePreview(props: { slug: string; locale: "da" | "en"; texts: LiveRulePreviewTexts }) {
  const box = useRef<HTMLDivElement>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);

  useEffect(() => {
    const form = box.current?.closest("form");
    if (!form) return;
    let timer: number | undefined;
    let asked = 0;
    const ask = () => {
      const data = new FormData(form);
      const q = new URLSearchParams();
      for (const f of RULE_FIELDS) {
        const v = data.get(f);
        if (typeof v === "string") q.set(f, v);
      }
      const mine = ++asked;
      fetch(`/api/${encodeURIComponent(props.slug)}/admin/koder/eksempel?${q}`, { headers: { accept: "application/json" } })
        .then((r) => (r.ok ? (r.json() as Promise<Answer>) : null))
        .then((a) => {
          if (mine === asked && a) setAnswer(a);
        })
        .catch(() => undefined);
    };
    const onChange = (e: Event) => {
      const name = (e.target as HTMLInputElement | null)?.name;
      if (!name || !(RULE_FIELDS as readonly string[]).includes(name)) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 400);
    };
    form.addEventListener("input", onChange);
    form.addEventListener("change", onChange);
    // Typed before the page became interactive (a slow phone): no event will come for it, so ask for
    // what the form holds now. Only when a period is filled in, so an untouched new rule shows nothing.
    const filled = new FormData(form);
    if (["ruleMonths", "ruleDays"].some((f) => String(filled.get(f) ?? "").trim() !== "")) ask();
    return () => {
      form.removeEventListener("input", onChange);
      form.removeEventListener("change", onChange);
      window.clearTimeout(timer);
    };
  }, [props.slug]);

  const date = (iso: string) =>
    new Intl.DateTimeFormat(props.locale === "en" ? "en-GB" : "da-DK", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
  const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");

  return (
    <div ref={box} aria-live="polite" data-testid="live-rule-preview" className={answer ? "mb-5 rounded border-l-4 border-brand bg-white p-4" : undefined}>
      {answer ? (
        <>
          <p className="font-semibold">{props.texts.heading}</p>
          {answer.ok ? (
            <>
              <p className="mt-1" data-testid="live-preview-today">
                {fill(props.texts.today, { today: date(answer.today), termination: date(answer.terminationDate), vacating: date(answer.vacatingDay) })}
              </p>
              <ul className="mt-2 list-disc pl-5 text-sm">
                {answer.upcoming.slice(0, 3).map((u) => (
                  <li key={u.terminationDate}>{fill(props.texts.upcoming, { termination: date(u.terminationDate), latest: date(u.latestNoticeDate) })}</li>
                ))}
              </ul>
            </>
          ) : (
            <p className="mt-1" data-testid="live-preview-invalid">
              {props.texts.invalid}
            </p>
          )}
        </>
      ) : null}
    </div>
  );
}
