import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { TenantPageShell } from "@/components/TenantPageShell";
import { Alert } from "@/components/dkfds/Alert";
import { definePage } from "@/lib/http/wrappers";

/** Sign later: where a co-signer lands after signing from a link. Shows no notice data (they are not signed in). */
export default definePage(
  {
    kind: "public",
    name: "signingLinkDone",
    params: z.object({ organisation: z.string().min(1).max(50) }),
    query: z.object({ status: z.enum(["signed", "submitted"]).optional() }).loose(),
  },
  async (ctx, { query }) => {
    if (!ctx.org) return null;
    const t = await getTranslations("signLater.page");
    return (
      <TenantPageShell org={ctx.org}>
        <h1>{t("doneTitle")}</h1>
        <Alert variant="success" announce testId="link-done">
          {query.status === "submitted" ? t("doneSubmitted") : t("doneSigned")}
        </Alert>
        <p>{t("doneClose")}</p>
      </TenantPageShell>
    );
  },
);
