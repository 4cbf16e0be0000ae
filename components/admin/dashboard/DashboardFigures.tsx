import Link from "next/link";

export type FigureView = { key: string; count: number; href: string; label: string; hint: string };

/** The admin home's figures: a grid of cards, each a link to the list it counts. */
export function DashboardFigures({ heading, lead, figures }: { heading: string; lead: string; figures: FigureView[] }) {
  if (figures.length === 0) return null;
  return (
    <section aria-labelledby="dashboard-heading" className="mb-8" data-testid="dashboard">
      <h2 id="dashboard-heading" className="text-xl font-bold">
        {heading}
      </h2>
      <p className="mb-3 text-sm text-muted">{lead}</p>
      <ul className="grid grid-cols-2 gap-2 sm:gap-3 lg:grid-cols-4">
        {figures.map((f) => (
          <li key={f.key}>
            <Link
              href={f.href}
              className="flex h-full flex-col break-words rounded border border-line bg-white p-3 text-ink sm:p-4 no-underline hover:border-brand hover:bg-brand/5 focus-visible:outline focus-visible:outline-3 focus-visible:outline-brand"
              data-testid={`figure-${f.key}`}
              data-count={f.count}
            >
              <span className="text-2xl font-bold text-brand sm:text-3xl" data-testid="figure-count">
                {f.count.toLocaleString("da-DK")}
              </span>
              <span className="text-sm font-semibold underline sm:text-base">{f.label}</span>
              <span className="text-xs text-muted sm:text-sm">{f.hint}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
