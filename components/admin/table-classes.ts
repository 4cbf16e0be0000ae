/**
 * Class names of the admin tables: a normal table from the sm breakpoint up; below it each row is
 * a card and each cell a line with its own label (<LabelledCell> in DataTable.tsx), so a phone needs no sideways
 * scrolling. The header row stays for screen readers (sr-only) on small screens.
 */
export const tbl = {
  wrap: "rounded border border-line bg-white sm:overflow-x-auto",
  table: "w-full border-collapse text-left max-sm:block",
  caption: "p-3 text-left font-semibold max-sm:block",
  thead: "bg-brand/5 max-sm:sr-only",
  tbody: "max-sm:block",
  tr: "border-t border-line align-top max-sm:block max-sm:py-2",
  th: "p-2 text-left align-bottom",
  cell: "p-2 text-left align-top max-sm:block max-sm:py-0.5",
  rowHeader: "p-2 text-left align-top font-normal max-sm:block max-sm:py-0.5",
  label: "font-semibold sm:hidden",
};

/** A link in admin text: brand colour, underlined. */
export const link = "text-brand underline hover:no-underline";

/** A text/date/select field of an admin filter or search form. */
export const filterInput = "mt-1 block w-full rounded border border-line px-3 py-2";
