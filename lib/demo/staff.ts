/**
 * Demo staff users and operator. The password and TOTP secrets are published in the README so a
 * demo user can sign in (`npm run demo:totp` prints the current codes). Never used outside demo data.
 */
import type { Role } from "@/lib/auth/permissions";

export const DEMO_PASSWORD = "Demo-2026-fraflyt";

export type DemoStaff = { organisationSlug: string; email: string; name: string; roles: Role[]; totpSecret: string };

export const demoStaff: DemoStaff[] = [
  { organisationSlug: "nordhavn", email: "admin@nordhavn.example", name: "Alma Administrator", roles: ["MANAGE_USERS", "CASEWORKER"], totpSecret: "NORDHAVNADMINDEMOAAAAAAAAAAAAAAA" },
  { organisationSlug: "nordhavn", email: "sagsbehandler@nordhavn.example", name: "Søren Sagsbehandler", roles: ["CASEWORKER"], totpSecret: "NORDHAVNSAGSBEHANDLERDEMOAAAAAAA" },
  { organisationSlug: "nordhavn", email: "todo@nordhavn.example", name: "Tove Todo", roles: ["COMPLETE_TODOS"], totpSecret: "NORDHAVNTODODEMOAAAAAAAAAAAAAAAA" },
  { organisationSlug: "nordhavn", email: "laeser@nordhavn.example", name: "Lene Læser", roles: ["READ_ONLY"], totpSecret: "NORDHAVNLAESERDEMOAAAAAAAAAAAAAA" },
  // Caseworkers of their own for the admin end-to-end specs: a TOTP code is accepted once per 30 s
  // step and account, so specs that ran in parallel as one caseworker queued for steps and timed out.
  { organisationSlug: "nordhavn", email: "koder@nordhavn.example", name: "Karen Koder", roles: ["CASEWORKER"], totpSecret: "NORDHAVNKODERDEMOAAAAAAAAAAAAAAA" },
  { organisationSlug: "nordhavn", email: "lejemaal@nordhavn.example", name: "Lasse Lejemål", roles: ["CASEWORKER"], totpSecret: "NORDHAVNLEJEMAALDEMOAAAAAAAAAAAA" },
  { organisationSlug: "nordhavn", email: "import@nordhavn.example", name: "Ida Import", roles: ["CASEWORKER"], totpSecret: "NORDHAVNIMPORTDEMOAAAAAAAAAAAAAA" },
  { organisationSlug: "nordhavn", email: "tekster@nordhavn.example", name: "Tina Tekst", roles: ["CASEWORKER"], totpSecret: "NORDHAVNTEKSTERDEMOAAAAAAAAAAAAA" },
  { organisationSlug: "nordhavn", email: "tastatur@nordhavn.example", name: "Tage Tastatur", roles: ["CASEWORKER"], totpSecret: "NORDHAVNTASTATURDEMOAAAAAAAAAAAA" },
  // Casework e2e scenarios, one caseworker each (a TOTP step is single-use, so parallel specs must not share an account).
  { organisationSlug: "nordhavn", email: "indbakke@nordhavn.example", name: "Ivan Indbakke", roles: ["CASEWORKER"], totpSecret: "NORDHAVNINDBAKKEDEMOAAAAAAAAAAAA" },
  { organisationSlug: "nordhavn", email: "sag@nordhavn.example", name: "Sara Sag", roles: ["CASEWORKER"], totpSecret: "NORDHAVNSAGDEMOAAAAAAAAAAAAAAAAA" },
  { organisationSlug: "nordhavn", email: "opgave@nordhavn.example", name: "Otto Opgave", roles: ["CASEWORKER"], totpSecret: "NORDHAVNOPGAVEDEMOAAAAAAAAAAAAAA" },
  { organisationSlug: "nordhavn", email: "rapport@nordhavn.example", name: "Rasmus Rapport", roles: ["CASEWORKER"], totpSecret: "NORDHAVNRAPPORTDEMOAAAAAAAAAAAAA" },
  { organisationSlug: "solbakken", email: "admin@solbakken.example", name: "Bo Solbakken", roles: ["MANAGE_USERS", "CASEWORKER"], totpSecret: "SOLBAKKENADMINDEMOAAAAAAAAAAAAAA" },
];

export const demoOperator = { email: "operator@fraflyt.example", name: "Olga Operatør", totpSecret: "FRAFLYTOPERATORDEMOAAAAAAAAAAAAA" };
