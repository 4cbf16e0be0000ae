import { textBlocks } from "@/lib/organisation/legal";

/** An organisation's plain text (privacy notice, accessibility statement) as headings, paragraphs and lists. */
export function TextDocument({ text, lang }: { text: string; lang?: string }) {
  return (
    <div lang={lang} className="break-words hyphens-auto" data-testid="legal-text">
      {textBlocks(text).map((b, i) =>
        b.kind === "heading" ? (
          <h2 key={i}>
            {b.text}
          </h2>
        ) : b.kind === "list" ? (
          <ul key={i}>
            {b.items.map((item, j) => (
              <li key={j}>{item}</li>
            ))}
          </ul>
        ) : (
          <p key={i}>{b.text}</p>
        ),
      )}
    </div>
  );
}
