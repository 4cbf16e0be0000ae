/** The lease number as the back office writes it: SelskabNr-EjendomNr-LejemaalNr, e.g. "1-1-3". */
export function leaseNumber(lease: { nr: number; ejendom: { nr: number; selskab: { nr: number } } }): string {
  return `${lease.ejendom.selskab.nr}-${lease.ejendom.nr}-${lease.nr}`;
}
