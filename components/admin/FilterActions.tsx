import Link from "next/link";
import type { ReactNode } from "react";
import { link } from "./table-classes";

/** The end of an admin GET filter/search form: its submit button and a link back to the unfiltered page. */
export function FilterActions({ className, submit, submitTestId, reset, resetHref }: { className: string; submit: ReactNode; submitTestId: string; reset: ReactNode; resetHref: string }) {
  return (
    <div className={className}>
      <button type="submit" className="rounded bg-brand px-5 py-2 font-semibold text-white hover:opacity-90" data-testid={submitTestId}>
        {submit}
      </button>
      <Link href={resetHref} className={link}>
        {reset}
      </Link>
    </div>
  );
}
