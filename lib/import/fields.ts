/**
 * The columns of a tenancy import: one row per tenancy (Lejer) with its company (Selskab), property
 * (Ejendom), lease unit (Lejemaal; a sub-lease names its main lease in HovedLejemaalNr) and legal
 * tenants (Person). The column names are the guide's SQL names (SelskabNr, EjendomNr, LejemaalNr,
 * LejerNr, Adresse1, IndflytDato, FraflytOpsigVarsel, FraflytIstandPeriode …); other names are
 * matched by their normalised form or an alias, and the user can map any field by hand.
 */
export type FieldKind = "int" | "text" | "date" | "code" | "cpr" | "days";

export type ImportField = {
  key: string;
  /** The guide's column name (the default header). */
  column: string;
  kind: FieldKind;
  required?: boolean;
  /** Other headers that mean the same (normalised with normaliseHeader). */
  aliases?: readonly string[];
};

export const IMPORT_FIELDS = [
  { key: "selskabNr", column: "SelskabNr", kind: "int", required: true, aliases: ["selskab", "selskabsnr", "selskabsnummer"] },
  { key: "selskabNavn", column: "SelskabNavn", kind: "text", aliases: ["selskabsnavn"] },
  { key: "ejendomNr", column: "EjendomNr", kind: "int", required: true, aliases: ["ejendom", "ejendomsnr", "afdeling", "afdelingsnr", "afdnr"] },
  { key: "ejendomNavn", column: "EjendomNavn", kind: "text", aliases: ["ejendomsnavn", "afdelingsnavn"] },
  { key: "lejemaalNr", column: "LejemaalNr", kind: "int", required: true, aliases: ["lejemaal", "lejemaalsnr", "lejemaalsnummer"] },
  { key: "hovedLejemaalNr", column: "HovedLejemaalNr", kind: "int", aliases: ["hovedlejemaal", "bilejemaaltil"] },
  { key: "adresse1", column: "Adresse1", kind: "text", required: true, aliases: ["adresse", "vejadresse"] },
  { key: "postnr", column: "Postnr", kind: "text", required: true, aliases: ["postnummer", "postno"] },
  { key: "by", column: "By", kind: "text", required: true, aliases: ["bynavn", "postby", "postdistrikt"] },
  { key: "boligtype", column: "Boligtype", kind: "code", aliases: ["boligtypekode"] },
  { key: "sumtype", column: "SumType", kind: "code", aliases: ["sumtypekode"] },
  { key: "lejemaalSlut", column: "LejemaalSlut", kind: "date", aliases: ["lejemaalslutdato"] },
  { key: "lejerNr", column: "LejerNr", kind: "int", required: true, aliases: ["lejer", "lejernummer"] },
  { key: "indflytDato", column: "IndflytDato", kind: "date", required: true, aliases: ["indflytningsdato", "indflytning"] },
  { key: "opsigVarsel", column: "FraflytOpsigVarsel", kind: "code", aliases: ["opsigelsesvarsel", "opsigvarsel"] },
  { key: "istandPeriode", column: "FraflytIstandPeriode", kind: "days", aliases: ["istandsaettelsesperiode", "istandperiode"] },
  { key: "opsagtDato", column: "OpsagtDato", kind: "date", aliases: ["opsagt", "opsigelsesdato"] },
  { key: "uopsigeligtIndtil", column: "UopsigeligtIndtil", kind: "date", aliases: ["uopsigelig"] },
  { key: "kanOpsigesFra", column: "KanOpsigesFra", kind: "date", aliases: ["kanopsigesiperioden", "kanopsigesiperiodenfra"] },
  { key: "lejer1Navn", column: "Lejer1Navn", kind: "text", required: true, aliases: ["navn", "lejernavn", "lejer1"] },
  { key: "lejer1Cpr", column: "Lejer1Cpr", kind: "cpr", required: true, aliases: ["cpr", "cprnr", "cprnummer", "personnummer", "lejer1cprnr", "lejercpr"] },
  { key: "lejer1Mobil", column: "Lejer1Mobil", kind: "text", aliases: ["mobil", "mobilnr", "lejermobil"] },
  { key: "lejer1Telefon", column: "Lejer1Telefon", kind: "text", aliases: ["telefon", "tlf", "telefonnr", "lejertelefon"] },
  { key: "lejer1Email", column: "Lejer1Email", kind: "text", aliases: ["email", "mail", "lejeremail", "lejer1mail"] },
  { key: "lejer2Navn", column: "Lejer2Navn", kind: "text", aliases: ["lejer2"] },
  { key: "lejer2Cpr", column: "Lejer2Cpr", kind: "cpr", aliases: ["lejer2cprnr", "cpr2"] },
  { key: "lejer2Mobil", column: "Lejer2Mobil", kind: "text", aliases: ["mobil2"] },
  { key: "lejer2Telefon", column: "Lejer2Telefon", kind: "text", aliases: ["telefon2", "tlf2"] },
  { key: "lejer2Email", column: "Lejer2Email", kind: "text", aliases: ["email2", "mail2", "lejer2mail"] },
] as const satisfies readonly ImportField[];

export type FieldKey = (typeof IMPORT_FIELDS)[number]["key"];
export const FIELD_KEYS = IMPORT_FIELDS.map((f) => f.key) as FieldKey[];
export const REQUIRED_FIELDS = IMPORT_FIELDS.filter((f) => "required" in f && f.required).map((f) => f.key) as FieldKey[];
export const CPR_FIELDS = IMPORT_FIELDS.filter((f) => f.kind === "cpr").map((f) => f.key) as FieldKey[];

export function importField(key: FieldKey): ImportField {
  return IMPORT_FIELDS.find((f) => f.key === key)!;
}

/** A header as compared: lower case, æ/ø/å spelt out, only letters and digits ("Lejemål nr." → "lejemaalnr"). */
export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, "")
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]/g, "");
}
