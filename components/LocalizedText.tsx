import type { ShownText } from "@/lib/text/localized";

/** Renders a text picked by lib/text/localized.ts; a Danish fallback in the English UI carries lang="da". */
export function LocalizedText({ value, className }: { value: ShownText; className?: string }) {
  if (!value.lang && !className) return <>{value.text}</>;
  return (
    <span lang={value.lang} className={className}>
      {value.text}
    </span>
  );
}
