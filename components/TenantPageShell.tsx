import type { ReactNode } from "react";
import type { OrganisationRecord } from "@/lib/db/platform";
import { paths } from "@/lib/http/paths";
import { PageShell } from "./PageShell";
import { TenantFooter } from "./TenantFooter";

/** PageShell for every tenant-facing page of an organisation: its name in the header, its footer below. */
export function TenantPageShell(props: { org: OrganisationRecord; children: ReactNode; signedInName?: string; signOut?: boolean }) {
  return (
    <PageShell
      organisationName={props.org.name}
      homeHref={paths.tenantHome(props.org.slug)}
      {...(props.signedInName ? { signedInName: props.signedInName } : {})}
      {...(props.signOut ? { signOutTo: paths.tenantLogin(props.org.slug) } : {})}
      footer={<TenantFooter org={props.org} />}
    >
      {props.children}
    </PageShell>
  );
}
