import { getTranslations } from "next-intl/server";
import { PageShell } from "@/components/PageShell";
import { definePage, routeContracts } from "@/lib/http/wrappers";
import { openApiDocument } from "@/lib/api/openapi";
import "../../api/v1/routes";

type Param = { name: string; in: string; required: boolean; description?: string };
type Op = { operationId?: string; summary?: string; parameters?: Param[]; requestBody?: unknown; responses: Record<string, { description: string }> };

/** /udviklere/api — the automation API in words (Danish and English), from the same contracts as /api/v1/openapi.json. */
export default definePage({ kind: "public", name: "apiDocs" }, async () => {
  const t = await getTranslations("apiDocs");
  const doc = openApiDocument(routeContracts, { version: "1" }) as { paths: Record<string, Record<string, Op>> };
  const ops = Object.entries(doc.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));
  const steps = ["signIn", "list", "read", "validate", "complete", "webhooks"] as const;
  return (
    <PageShell>
      <h1 className="mb-4 text-3xl font-bold">{t("title")}</h1>
      <p className="mb-4 text-lg">{t("lead")}</p>
      <p className="mb-6">
        {t("documentLead")}{" "}
        <a className="underline" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </a>
      </p>

      <h2 className="mb-2 text-2xl font-semibold">{t("howTitle")}</h2>
      <ol className="mb-6 list-decimal space-y-2 pl-6">
        {steps.map((s) => (
          <li key={s}>{t(`steps.${s}`)}</li>
        ))}
      </ol>

      <h2 className="mb-2 text-2xl font-semibold">{t("rulesTitle")}</h2>
      <ul className="mb-6 list-disc space-y-2 pl-6">
        {(["errors", "validateOnly", "conflict", "scope", "hours"] as const).map((r) => (
          <li key={r}>{t(`rules.${r}`)}</li>
        ))}
      </ul>

      <h2 className="mb-2 text-2xl font-semibold">{t("endpointsTitle")}</h2>
      {ops.map(({ path, method, op }) => (
        <section key={`${method} ${path}`} className="mb-6 rounded border border-gray-300 p-4" aria-labelledby={`op-${op.operationId}`}>
          <h3 id={`op-${op.operationId}`} className="mb-1 font-mono text-lg">
            <span className="font-bold">{method}</span> {path}
          </h3>
          {op.summary ? <p className="mb-2">{op.summary}</p> : null}
          {op.parameters?.length ? (
            <>
              <h4 className="font-semibold">{t("parameters")}</h4>
              <ul className="mb-2 list-disc pl-6">
                {op.parameters.map((p) => (
                  <li key={`${p.in}:${p.name}`}>
                    <code>{p.name}</code> ({p.in}
                    {p.required ? `, ${t("required")}` : ""}){p.description ? ` — ${p.description}` : ""}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {op.requestBody ? <p className="mb-2">{t("bodyNote")}</p> : null}
          <h4 className="font-semibold">{t("responses")}</h4>
          <ul className="list-disc pl-6">
            {Object.entries(op.responses).map(([status, r]) => (
              <li key={status}>
                <code>{status}</code> {r.description}
              </li>
            ))}
          </ul>
        </section>
      ))}

      <h2 className="mb-2 text-2xl font-semibold">{t("exampleTitle")}</h2>
      <p className="mb-2">{t("exampleLead")}</p>
      <pre className="mb-6 overflow-x-auto rounded bg-gray-100 p-4 text-sm">
        <code>{`Fraflyt-Signature: t=<unix>,v1=<hex>[,v1=<hex>]
v1 = hex(HMAC-SHA256(secret, \`\${t}.\${body}\`))`}</code>
      </pre>
    </PageShell>
  );
});
