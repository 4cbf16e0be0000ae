import { getTranslations } from "next-intl/server";
import type { FormulaProblem as Problem } from "@/lib/admin/previews";

/** A formula that does not parse, shown with the character at the error's position marked, and the parser's message. */
export async function FormulaProblemView({ problem, id }: { problem: Problem; id: string }) {
  const t = await getTranslations("adminSettings.formula");
  return (
    <div className="mt-2 rounded border border-red-700 bg-red-50 p-3" data-testid={`${id}-problem`} data-position={problem.position}>
      <p className="font-semibold">{t("at", { position: problem.position + 1 })}</p>
      <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all font-mono text-base" data-testid={`${id}-highlight`}>
        <code>
          {problem.before}
          <mark className="rounded-sm bg-amber-300 px-0.5 text-ink outline-2 outline-red-700">{problem.at === "" ? <span>{t("end")}</span> : problem.at === " " ? "\u2423" : problem.at}</mark>
          {problem.after}
        </code>
      </pre>
      <p className="mt-1 text-sm">
        {t("message")} <span lang="en">{problem.detail}</span>
      </p>
    </div>
  );
}
