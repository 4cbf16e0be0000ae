/** A complete notice letter view for the letter and calendar tests: two legal tenants, a sub-lease, both signed. */
import type { NoticeLetterViewInput } from "@/lib/letter";

export const HASH = "3f7a2c1e9b8d4f60a5e2c7b1d9f03a4e6b8c2d1f0e9a7b6c5d4e3f2a1b0c9d8e";

export function letterView(over: Partial<NoticeLetterViewInput> = {}): NoticeLetterViewInput {
  return {
    noticeId: "c1a2b3d4-0000-4000-8000-000000000042",
    verificationCode: "K7Q4-9XPM",
    submittedAt: "2026-12-01T13:03:22Z",
    organisation: {
      name: "Boligselskabet Havnely",
      addressLines: ["Havnegade 10", "5000 Odense C"],
      phone: "66 12 34 56",
      email: "udlejning@havnely.dk",
      website: "havnely.dk",
    },
    lease: { addressLines: ["Havnegade 1, 1. tv", "5000 Odense C"], leaseNumber: "1042-0001-01" },
    people: [
      { name: "Bent Hansen", role: "tenant1", email: "bent@example.dk", mobile: "+45 20 12 34 56" },
      { name: "Birgit Sørensen", role: "tenant2", email: "birgit@example.dk", mobile: "+45 30 98 76 54", phone: "66 11 22 33" },
    ],
    answers: {
      reason: { da: "Køb af egen bolig" },
      moveOutDate: "2027-02-28",
      noticeRule: { da: "3 måneder til den 1.", en: "3 months to the 1st" },
      subLeasesTerminated: [{ leaseNumber: "1042-0901-01", description: "Garage 3" }],
      viewingPhone: "+45 20 12 34 56",
      newAddresses: [
        { roles: ["tenant1"], lines: ["Åboulevarden 7, 3. th", "8000 Aarhus C"] },
        { roles: ["tenant2"], lines: ["Rue de Rivoli 12", "75004 Paris", "Frankrig"] },
      ],
      refund: { kind: "danish", masked: "1234 ••••••7890" },
      onlyOccupantConfirmed: null,
    },
    dates: {
      noticeDate: "2026-12-01",
      terminationDate: "2027-03-01",
      liabilityFrom: "2026-12-01",
      liabilityTo: "2027-02-28",
      vacatingDay: "2027-02-26",
      inspectionDate: "2027-03-01",
      reLettingDate: "2027-03-15",
    },
    signatures: [
      { name: "Bent Hansen", role: "tenant1", signedAt: "2026-12-01T12:58:10Z", broker: "Signaturgruppen", assuranceLevel: "substantial", contentSha256: HASH },
      {
        name: "Birgit Sørensen",
        role: "tenant2",
        signedAt: "2026-12-01T13:03:22Z",
        broker: "Signaturgruppen",
        assuranceLevel: "https://data.gov.dk/concept/core/nsis/loa/High",
        contentSha256: HASH,
      },
    ],
    ...over,
  };
}
