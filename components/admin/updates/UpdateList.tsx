import { danishDateTime } from "@/lib/admin/audit-format";
import type { UpdateView } from "@/lib/automation/updates";

/** Updates as a list of articles, newest first (operator page and the organisations' Updates tab). */
export function UpdateList(props: { updates: UpdateView[]; labels: { none: string; effectiveOn: string; publishedAt: string } }) {
  if (props.updates.length === 0) return <p data-testid="updates-none">{props.labels.none}</p>;
  return (
    <ol className="space-y-4" data-testid="updates">
      {props.updates.map((u) => (
        <li key={u.id} className="rounded border border-line bg-white p-4" data-testid="update" data-effective-on={u.effectiveOn}>
          <article>
            <h3 className="text-lg font-bold">{u.title}</h3>
            <p className="text-sm text-muted">
              {props.labels.effectiveOn}: <strong data-testid="update-effective-on">{u.effectiveOn.split("-").reverse().join(".")}</strong> · {props.labels.publishedAt}: {danishDateTime(new Date(u.publishedAt))}
            </p>
            <p className="mt-2 whitespace-pre-line">{u.body}</p>
          </article>
        </li>
      ))}
    </ol>
  );
}
