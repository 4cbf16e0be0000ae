import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Alert } from "@/components/dkfds/Alert";
import { ErrorSummary, type ErrorSummaryItem } from "@/components/dkfds/ErrorSummary";
import { Button } from "@/components/dkfds/Navigation";
import { submitWizardPage } from "@/app/[organisation]/beboer/selvbetjening/opsigelse/actions";

/**
 * One wizard page's form: a plain POST to the save action (works without JavaScript), with the
 * notice, page and draft version as hidden fields, the error summary on top and "Fortsæt" below.
 */
export function WizardForm(props: {
  organisation: string;
  noticeId: string;
  slug: string;
  version: number;
  returnTo?: "check" | undefined;
  errors: ErrorSummaryItem[];
  stale: boolean;
  children: ReactNode;
  submitLabel?: string;
  /** Extra buttons beside "Fortsæt" (e.g. the address search). */
  extraActions?: ReactNode;
}) {
  const t = useTranslations("wizard");
  return (
    <>
      {props.stale ? (
        <Alert variant="warning" heading={t("errorHeading")} announce testId="stale-alert">
          <p>{t("stale")}</p>
          <p>
            <a href="">{t("reload")}</a>
          </p>
        </Alert>
      ) : null}
      <ErrorSummary errors={props.errors} heading={t("errorHeading")} />
      <form action={submitWizardPage} method="post" noValidate data-testid="wizard-form">
        <input type="hidden" name="organisation" value={props.organisation} />
        <input type="hidden" name="noticeId" value={props.noticeId} />
        <input type="hidden" name="slug" value={props.slug} />
        <input type="hidden" name="version" value={String(props.version)} />
        {props.returnTo ? <input type="hidden" name="returnTo" value={props.returnTo} /> : null}
        {props.children}
        <div className="mt-6 flex flex-wrap gap-4">
          <Button type="submit" data-testid="continue">
            {props.submitLabel ?? t("continue")}
          </Button>
          {props.extraActions}
        </div>
      </form>
    </>
  );
}
