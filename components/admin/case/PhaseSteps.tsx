/**
 * The move-out case's phases as a step list (an ordered list; the current step is
 * aria-current="step"). Server component: the page decides which phases show (lib/casework/phases.ts).
 */
export function PhaseSteps({ steps }: { steps: { key: string; label: string; state: "done" | "current" | "upcoming"; stateLabel: string }[] }) {
  return (
    <ol className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-3" data-testid="case-phases">
      {steps.map((s, i) => (
        <li
          key={s.key}
          data-phase={s.key}
          data-state={s.state}
          aria-current={s.state === "current" ? "step" : undefined}
          className={`flex items-center gap-2 rounded border-2 px-3 py-2 ${s.state === "current" ? "border-brand bg-brand/10 font-bold" : s.state === "done" ? "border-line bg-white" : "border-dashed border-line bg-white text-muted"}`}
        >
          <span aria-hidden="true" className={`inline-flex size-7 shrink-0 items-center justify-center rounded-full text-sm ${s.state === "current" ? "bg-brand text-white" : s.state === "done" ? "bg-ink/70 text-white" : "border border-line"}`}>
            {s.state === "done" ? "✓" : i + 1}
          </span>
          <span>
            {s.label}
            <span className="block text-sm font-normal">{s.stateLabel}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
