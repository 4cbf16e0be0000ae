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
  { organisationSlug: "solbakken", email: "admin@solbakken.example", name: "Bo Solbakken", roles: ["MANAGE_USERS", "CASEWORKER"], totpSecret: "SOLBAKKENADMINDEMOAAAAAAAAAAAAAA" },
];

export const demoOperator = { email: "operator@fraflyt.example", name: "Olga Operatør", totpSecret: "FRAFLYTOPERATORDEMOAAAAAAAAAAAAA" };
