import type { ReactNode } from "react";
import type { OrganisationRecord } from "@/lib/db/platform";
import { SESSION_TTL } from "@/lib/auth/types";
import { paths } from "@/lib/http/paths";
import { SessionExpiryWarning } from "./dkfds/SessionExpiryWarning";
import { TenantLayout } from "./dkfds/TenantLayout";
import { TenantFooter } from "./TenantFooter";

/** Every tenant-facing page of an organisation: DKFDS layout with its name in the header, its footer below. */
export function TenantPageShell(props: {
  org: OrganisationRecord;
  children: ReactNode;
  signedInName?: string;
  signOut?: boolean;
  wide?: boolean;
  /** A signed-in page: when the session ends (ms, see tenantSessionExpiresAt) and what the page has saved, for the expiry warning. */
  session?: { expiresAt: number; savedText?: ReactNode };
}) {
  return (
    <TenantLayout
      organisationName={props.org.name}
      homeHref={paths.tenantHome(props.org.slug)}
      {...(props.signedInName ? { signedInName: props.signedInName } : {})}
      signOut={props.signOut === true}
      {...(props.signOut ? { settingsHref: paths.tenantSettings(props.org.slug) } : {})}
      wide={props.wide === true}
      footer={<TenantFooter org={props.org} />}
    >
      {props.children}
      {props.session ? (
        <SessionExpiryWarning expiresAt={props.session.expiresAt} signInHref={paths.tenantLogin(props.org.slug)} {...(props.session.savedText ? { savedText: props.session.savedText } : {})} />
      ) : null}
    </TenantLayout>
  );
}

/** When a tenant session ends (ms since the epoch): absolute, SESSION_TTL.tenant after sign-in. */
export function tenantSessionExpiresAt(session: { authAt: number }): number {
  return (session.authAt + SESSION_TTL.tenant) * 1000;
}
