/** A plain JSON copy of a value for a Json column (drops undefined, functions, class prototypes). */
export function toJsonValue(value: unknown): object | undefined {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as object);
}
