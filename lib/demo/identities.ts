/**
 * Demo identities: the people the local identity provider (scripts/idp.ts) can sign in as, the way a
 * MitID broker's pre-production environment offers test identities. The CPR numbers are fictitious;
 * the database stores only a keyed hash of them (lib/crypto.ts: cprHash).
 * Shared by the identity provider, the seed (lib/demo/seed.ts) and the end-to-end tests.
 */
import "server-only";
export type DemoIdentity = {
  /** Login name typed (or chosen) at the identity provider. */
  username: string;
  /** Subject the identity provider issues (stable per person, like a MitID UUID). */
  sub: string;
  name: string;
  email: string;
  cpr: string;
};

export const demoIdentities = [
  { username: "anna", sub: "9a1f0c1e-0000-4000-8000-000000000001", name: "Anna Jensen", email: "anna.jensen@example.dk", cpr: "0101851234" },
  { username: "bent", sub: "9a1f0c1e-0000-4000-8000-000000000002", name: "Bent Hansen", email: "bent.hansen@example.dk", cpr: "0203701235" },
  { username: "birgit", sub: "9a1f0c1e-0000-4000-8000-000000000003", name: "Birgit Hansen", email: "birgit.hansen@example.dk", cpr: "1504721236" },
  { username: "carl", sub: "9a1f0c1e-0000-4000-8000-000000000004", name: "Carl Nielsen", email: "carl.nielsen@example.dk", cpr: "2107901237" },
  { username: "dorte", sub: "9a1f0c1e-0000-4000-8000-000000000005", name: "Dorte Larsen", email: "dorte.larsen@example.dk", cpr: "0311651238" },
  { username: "erik", sub: "9a1f0c1e-0000-4000-8000-000000000006", name: "Erik Poulsen", email: "erik.poulsen@example.dk", cpr: "1208881239" },
  { username: "frida", sub: "9a1f0c1e-0000-4000-8000-000000000007", name: "Frida Madsen", email: "frida.madsen@example.dk", cpr: "2902961240" },
  { username: "gustav", sub: "9a1f0c1e-0000-4000-8000-000000000008", name: "Gustav Berg", email: "gustav.berg@example.dk", cpr: "0606661241" },
  { username: "hanne", sub: "9a1f0c1e-0000-4000-8000-000000000009", name: "Hanne Kristensen", email: "hanne.kristensen@example.dk", cpr: "1010751242" },
  { username: "ib", sub: "9a1f0c1e-0000-4000-8000-000000000010", name: "Ib Mortensen", email: "ib.mortensen@example.dk", cpr: "3112491243" },
  { username: "jette", sub: "9a1f0c1e-0000-4000-8000-000000000011", name: "Jette Andersen", email: "jette.andersen@example.dk", cpr: "1703801244" },
  { username: "kim", sub: "9a1f0c1e-0000-4000-8000-000000000012", name: "Kim Rasmussen", email: "kim.rasmussen@example.dk", cpr: "0509021245" },
  { username: "lars", sub: "9a1f0c1e-0000-4000-8000-000000000013", name: "Lars Olsen", email: "lars.olsen@example.dk", cpr: "2404781246" },
  { username: "mette", sub: "9a1f0c1e-0000-4000-8000-000000000014", name: "Mette Holm", email: "mette.holm@example.dk", cpr: "0808921247" },
  { username: "niels", sub: "9a1f0c1e-0000-4000-8000-000000000015", name: "Niels Bruun", email: "niels.bruun@example.dk", cpr: "1909831248" },
  { username: "olga", sub: "9a1f0c1e-0000-4000-8000-000000000016", name: "Olga Bruun", email: "olga.bruun@example.dk", cpr: "2210851249" },
  { username: "poul", sub: "9a1f0c1e-0000-4000-8000-000000000017", name: "Poul Dahl", email: "poul.dahl@example.dk", cpr: "0502771250" },
  { username: "rikke", sub: "9a1f0c1e-0000-4000-8000-000000000018", name: "Rikke Vang", email: "rikke.vang@example.dk", cpr: "1111941251" },
  { username: "vibeke", sub: "9a1f0c1e-0000-4000-8000-000000001101", name: "Vibeke Winther", email: "vibeke.winther@example.dk", cpr: "0707701101" },
  { username: "svend", sub: "9a1f0c1e-0000-4000-8000-000000000019", name: "Svend Tekst", email: "svend.tekst@example.dk", cpr: "1212881252" },
  // Not a tenant in the demo data: the import e2e test (tests/e2e/admin-import.spec.ts) imports a tenancy for her.
  { username: "tage", sub: "9a1f0c1e-0000-4000-8000-000000000121", name: "Tage Thomsen", email: "tage.thomsen@example.dk", cpr: "2302841254" },
  { username: "ida", sub: "9a1f0c1e-0000-4000-8000-000000000120", name: "Ida Import", email: "ida.import@example.dk", cpr: "1406871253" },
  { username: "ukendt", sub: "9a1f0c1e-0000-4000-8000-000000000099", name: "Ulla Ukendt", email: "ulla.ukendt@example.dk", cpr: "0101011111" },
] as const satisfies readonly DemoIdentity[];

export type DemoUsername = (typeof demoIdentities)[number]["username"];

export function demoIdentity(username: string): DemoIdentity | undefined {
  return demoIdentities.find((i) => i.username === username);
}

/**
 * OIDC clients the demo organisations use at the local identity provider. The organisation's name is
 * the client's display name there (a broker shows the name registered for the client), and must agree
 * with the name the seed gives the organisation.
 */
export const demoOidcClients = [
  { organisationSlug: "nordhavn", organisationName: "Nordhavn Boligadministration", clientId: "fraflyt-nordhavn", clientSecret: "demo-secret-nordhavn-7f3a9c" },
  { organisationSlug: "solbakken", organisationName: "Solbakken Bolig", clientId: "fraflyt-solbakken", clientSecret: "demo-secret-solbakken-2b8e4d" },
] as const;

export { tenantProviderId } from "../auth/provider-id";
