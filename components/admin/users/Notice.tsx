import type { ReactNode } from "react";

/** A success or information notice on an admin page (Tailwind; announced to screen readers when asked). */
export function Notice(props: { variant: "success" | "info"; heading?: ReactNode; children: ReactNode; announce?: boolean; testId?: string }) {
  const colour = props.variant === "success" ? "border-success bg-green-50" : "border-brand bg-brand/5";
  return (
    <div role={props.announce ? "status" : undefined} className={`mb-6 max-w-3xl rounded border-l-4 p-4 ${colour}`} data-testid={props.testId}>
      {props.heading ? <p className="font-semibold">{props.heading}</p> : null}
      <div className={props.heading ? "mt-1" : ""}>{props.children}</div>
    </div>
  );
}
