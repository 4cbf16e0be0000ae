/**
 * The mapping from import fields to the file's columns (stored in ImportRun.mapping: field key →
 * column name). Auto-matched by the normalised header (the guide's name, or an alias); the user can
 * map each field to a column by hand. CPR fields can only take a column whose values were hashed at
 * upload (the file's CPR columns), and no other field can take such a column.
 */
import { z } from "zod";
import { CPR_FIELDS, IMPORT_FIELDS, REQUIRED_FIELDS, normaliseHeader, type FieldKey } from "./fields";

export type Mapping = Partial<Record<FieldKey, string>>;

export const mappingSchema = z.record(z.string(), z.string().max(200)).transform((m) => {
  const out: Mapping = {};
  for (const f of IMPORT_FIELDS) if (typeof m[f.key] === "string" && m[f.key] !== "") out[f.key] = m[f.key];
  return out;
});

/** Each field whose guide name or alias equals a column's normalised header, first match wins; a column serves one field. */
export function autoMapping(columns: readonly string[]): Mapping {
  const byNorm = new Map<string, string>();
  for (const c of columns) if (c.trim() !== "" && !byNorm.has(normaliseHeader(c))) byNorm.set(normaliseHeader(c), c);
  const used = new Set<string>();
  const out: Mapping = {};
  // Exact guide names first, then aliases, so "Lejer1Cpr" beats the alias "cpr" of another column.
  for (const pass of ["name", "alias"] as const) {
    for (const f of IMPORT_FIELDS) {
      if (out[f.key]) continue;
      const names = pass === "name" ? [normaliseHeader(f.column)] : ((f as { aliases?: readonly string[] }).aliases ?? []);
      for (const n of names) {
        const col = byNorm.get(n);
        if (col && !used.has(col)) {
          out[f.key] = col;
          used.add(col);
          break;
        }
      }
    }
  }
  return out;
}

export type MappingProblem = { field: FieldKey | ""; message: string };

/** What keeps a mapping from being used: a required field without a column, a column that is not in the file, a CPR field on a column that was not hashed. */
export function mappingProblems(mapping: Mapping, columns: readonly string[], cprColumns: readonly string[]): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const cpr = new Set(cprColumns);
  const used = new Map<string, FieldKey>();
  for (const f of IMPORT_FIELDS) {
    const col = mapping[f.key];
    if (!col) {
      if ((REQUIRED_FIELDS as string[]).includes(f.key)) problems.push({ field: f.key, message: `${f.column} skal have en kolonne.` });
      continue;
    }
    if (!columns.includes(col)) {
      problems.push({ field: f.key, message: `${f.column}: kolonnen findes ikke i filen.` });
      continue;
    }
    const isCprField = (CPR_FIELDS as string[]).includes(f.key);
    if (isCprField && !cpr.has(col)) problems.push({ field: f.key, message: `${f.column}: kolonnen blev ikke genkendt som CPR-numre ved indlæsningen. Giv kolonnen navnet ${f.column} og indlæs filen igen.` });
    if (!isCprField && cpr.has(col)) problems.push({ field: f.key, message: `${f.column}: kolonnen indeholder CPR-numre.` });
    const other = used.get(col);
    if (other) problems.push({ field: f.key, message: `${f.column}: kolonnen bruges allerede til ${IMPORT_FIELDS.find((x) => x.key === other)!.column}.` });
    used.set(col, f.key);
  }
  return problems;
}
