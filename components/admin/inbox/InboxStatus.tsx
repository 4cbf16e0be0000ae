/** A notice's status as a badge (text, never colour alone). */
export function InboxStatus({ status, text }: { status: string; text: string }) {
  const tone =
    status === "SUBMITTED"
      ? "border-brand bg-brand/10"
      : status === "CONFIRMED"
        ? "border-green-700 bg-green-50"
        : status === "CANCELLED"
          ? "border-red-700 bg-red-50"
          : "border-amber-600 bg-amber-50";
  return (
    <span className={`inline-block rounded border px-2 py-0.5 text-sm font-semibold ${tone}`} data-testid="notice-status" data-status={status}>
      {text}
    </span>
  );
}
