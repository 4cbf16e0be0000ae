import type { ReactNode } from "react";
import { tbl } from "./table-classes";

/**
 * The shell of an admin table (see table-classes.ts): the bordered wrapper, <table> with its
 * <caption> (visible, or for screen readers only), one header row of column headings
 * (<th scope="col">) and a <tbody> for the rows the page renders (<tr className={tbl.tr}>, a
 * <th scope="row"> and <LabelledCell>s).
 */
export function DataTable({
  testId,
  caption,
  captionVisible = false,
  headings,
  children,
}: {
  testId?: string;
  caption: ReactNode;
  captionVisible?: boolean;
  headings: ReactNode[];
  children: ReactNode;
}) {
  return (
    <div className={tbl.wrap}>
      <table className={tbl.table} data-testid={testId}>
        <caption className={captionVisible ? tbl.caption : "sr-only"}>{caption}</caption>
        <thead className={tbl.thead}>
          <tr>
            {headings.map((h, i) => (
              <th key={i} scope="col" className={tbl.th}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={tbl.tbody}>{children}</tbody>
      </table>
    </div>
  );
}

/** A table cell that, on a phone (where the header row is hidden), starts with its column's label. */
export function LabelledCell({ label, className = tbl.cell, children }: { label: ReactNode; className?: string; children: ReactNode }) {
  return (
    <td className={className}>
      <span className={tbl.label}>{label}: </span>
      {children}
    </td>
  );
}
