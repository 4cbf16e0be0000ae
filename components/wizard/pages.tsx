import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Alert } from "@/components/dkfds/Alert";
import { Checkbox, RadioGroup } from "@/components/dkfds/Choices";
import { DateInput } from "@/components/dkfds/DateInput";
import { SummaryList, type SummaryRow } from "@/components/dkfds/Navigation";
import { TextField } from "@/components/dkfds/TextField";
import { LocalizedText } from "@/components/LocalizedText";
import type { AddressSuggestion } from "@/lib/address/types";
import type { NoticeDates } from "@/lib/notice/dates";
import { partsFromIso } from "@/lib/notice/forms";
import { wizardPath } from "@/lib/notice/paths";
import type { WizardData } from "@/lib/notice/wizard";
import { codeText, pickText } from "@/lib/text/localized";
import { formatLongDate, formatWeekdayDate } from "@/lib/text/dates";
import { AddressAutocomplete } from "@/components/AddressAutocomplete";
import { COUNTRY_CODES } from "./countries";

/** Everything a wizard page shows, computed by the page from lib (no rule is applied here). */
export type PageView = {
  slug: string;
  organisation: string;
  organisationName: string;
  noticeId: string;
  locale: "da" | "en";
  today: string;
  wizard: WizardData;
  /** What the tenant typed in a refused form (shown again), else null: the saved answers are shown. */
  values: Record<string, string> | null;
  query: Record<string, string>;
  errors: Record<string, string[]>;
  dates: NoticeDates | null;
  inspection: { default: string | null; allowed: string[] } | null;
  moveOutInfo: { ok: true; info: "more-than-6-months" | null } | { ok: false; error: string } | null;
  addressResults: ({ ok: true; suggestions: AddressSuggestion[] } | { ok: false } | null)[];
  returnTo: "check" | undefined;
};

export function WizardPageBody({ view }: { view: PageView }) {
  switch (view.slug) {
    case "generelt":
      return <General view={view} />;
    case "dig-og-lejemaalet":
      return <YouAndLease view={view} />;
    case "bilejemaal":
      return <SubLeases view={view} />;
    case "fraflytning":
      return <MoveOut view={view} />;
    case "flyttesyn":
      return <Inspection view={view} />;
    case "fremvisning":
      return <Viewing view={view} />;
    case "ny-adresse":
      return <NewAddress view={view} />;
    case "konto":
      return <Account view={view} />;
    case "tjek-svar":
      return <CheckAnswers view={view} />;
    default:
      return null;
  }
}

/** The field's value: what was typed in a refused form, else the saved answer. */
function useField(view: PageView) {
  const tRoot = useTranslations() as unknown as (key: string, values?: Record<string, string>) => string;
  return {
    value: (name: string, saved: string | null | undefined): string => (view.values ? (view.values[name] ?? "") : (saved ?? "")),
    error: (name: string): ReactNode => {
      const keys = view.errors[name];
      return keys?.length ? keys.map((k) => tRoot(k, { organisation: view.organisationName })).join(". ") : undefined;
    },
  };
}

const dateOf = (iso: string, locale: string) => formatLongDate(iso, locale);

function General({ view }: { view: PageView }) {
  const t = useTranslations("wizard.general");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="font-lead">{t("lead", { address: `${view.wizard.tenancy.address}, ${view.wizard.tenancy.postalCity}` })}</p>
      <h2 className="h3">{t("needHeading")}</h2>
      <ul>
        <li>{t("needDate")}</li>
        <li>{t("needAddress")}</li>
        <li>{t("needAccount")}</li>
        <li>{t("needMitId")}</li>
      </ul>
      <h2 className="h3">{t("deadlineHeading")}</h2>
      <p>{t("deadline")}</p>
      <p>{t("saveHint")}</p>
    </>
  );
}

function YouAndLease({ view }: { view: PageView }) {
  const t = useTranslations("wizard.you");
  const tw = useTranslations("wizard");
  const f = useField(view);
  const saved = view.wizard.draft.answers["you-and-lease"];
  const people = view.wizard.tenancy.people;
  const savedContact = (id: string) => saved?.tenants.find((p) => p.personId === id);
  const displayPhone = (v: string | null | undefined) => (v ? v.replace(/^\+45(\d{2})(\d{2})(\d{2})(\d{2})$/, "$1 $2 $3 $4") : v);
  const cohabitant = saved?.cohabitant ?? null;
  const addCohabitant = view.values ? view.values.addCohabitant : saved ? (cohabitant ? "yes" : "no") : undefined;
  return (
    <>
      <h1>{t("title")}</h1>
      <dl className="mb-6">
        <dt className="font-semibold">{t("lease")}</dt>
        <dd>
          {view.wizard.tenancy.address}, {view.wizard.tenancy.postalCity}
        </dd>
        <dt className="font-semibold">{t("leaseNumber")}</dt>
        <dd>{view.wizard.tenancy.leaseNumber}</dd>
      </dl>
      <p>{t("contactHint")}</p>
      {people.map((p, i) => {
        const c = savedContact(p.id);
        return (
          <fieldset key={p.id} className="mb-6">
            <legend className="h3">{t("contactHeading", { name: p.name })}</legend>
            <input type="hidden" name={`tenant${i}Id`} value={p.id} />
            <TextField id={`tenant${i}Mobile`} name={`tenant${i}Mobile`} type="tel" label={t("mobile")} required={false} width="m" defaultValue={f.value(`tenant${i}Mobile`, displayPhone(c ? c.mobile : p.mobile))} error={f.error(`tenant${i}Mobile`)} inputProps={{ autoComplete: i === 0 ? "tel" : "off" }} />
            <TextField id={`tenant${i}Phone`} name={`tenant${i}Phone`} type="tel" label={t("phone")} required={false} width="m" defaultValue={f.value(`tenant${i}Phone`, displayPhone(c ? c.phone : p.phone))} error={f.error(`tenant${i}Phone`)} />
            <TextField id={`tenant${i}Email`} name={`tenant${i}Email`} type="email" label={t("email")} required={false} width="xl" defaultValue={f.value(`tenant${i}Email`, c ? c.email : p.email)} error={f.error(`tenant${i}Email`)} inputProps={{ autoComplete: i === 0 ? "email" : "off", spellCheck: false }} />
          </fieldset>
        );
      })}
      {people.length > 1 ? (
        <Alert variant="info">
          <p>{t("bothSign")}</p>
        </Alert>
      ) : (
        <>
          <RadioGroup
            id="addCohabitant"
            name="addCohabitant"
            legend={t("cohabitantQuestion")}
            hint={t("cohabitantHint")}
            error={f.error("addCohabitant")}
            value={addCohabitant}
            options={[
              { value: "no", label: tw("no") },
              { value: "yes", label: tw("yes") },
            ]}
          />
          <div className="ml-6 border-l-4 border-gray-300 pl-4">
            <p className="text-sm">{t("cohabitantSigns")}</p>
            <TextField id="cohabitantName" name="cohabitantName" label={t("cohabitantName")} width="xl" defaultValue={f.value("cohabitantName", cohabitant?.name)} error={f.error("cohabitantName")} inputProps={{ autoComplete: "off" }} />
            <TextField id="cohabitantEmail" name="cohabitantEmail" type="email" label={t("cohabitantEmail")} width="xl" defaultValue={f.value("cohabitantEmail", cohabitant?.email)} error={f.error("cohabitantEmail")} inputProps={{ autoComplete: "off", spellCheck: false }} />
            <TextField id="cohabitantMobile" name="cohabitantMobile" type="tel" label={t("cohabitantMobile")} width="m" defaultValue={f.value("cohabitantMobile", displayPhone(cohabitant?.mobile))} error={f.error("cohabitantMobile")} inputProps={{ autoComplete: "off" }} />
          </div>
        </>
      )}
    </>
  );
}

function SubLeases({ view }: { view: PageView }) {
  const t = useTranslations("wizard.sub");
  const f = useField(view);
  const saved = view.wizard.draft.answers["sub-leases"];
  const value = view.values ? view.values.terminateAll : saved ? (saved.terminateAll ? "yes" : "no") : "yes";
  return (
    <>
      <h1>{t("title")}</h1>
      <p>{t("lead")}</p>
      <ul data-testid="sub-lease-list">
        {view.wizard.tenancy.subLeases.map((s) => (
          <li key={s.id}>
            {s.address}
            {s.kind ? ` (${s.kind})` : ""}
          </li>
        ))}
      </ul>
      <RadioGroup
        id="terminateAll"
        name="terminateAll"
        legend={t("question")}
        hint={t("hint", { organisation: view.organisationName })}
        error={f.error("terminateAll")}
        value={value}
        options={[
          { value: "yes", label: t("yes") },
          { value: "no", label: t("no") },
        ]}
      />
    </>
  );
}

function MoveOut({ view }: { view: PageView }) {
  const t = useTranslations("wizard.move");
  const f = useField(view);
  const saved = view.wizard.draft.answers["move-out"];
  const rule = view.wizard.tenancy.noticeRule;
  const parts = view.values ? { day: view.values.moveOutDay ?? "", month: view.values.moveOutMonth ?? "", year: view.values.moveOutYear ?? "" } : partsFromIso(saved?.moveOutDate);
  const reason = view.values ? view.values.reasonCodeId : saved?.reasonCodeId;
  return (
    <>
      <h1>{t("title")}</h1>
      {rule ? (
        <p className="font-lead" data-testid="notice-rule">
          {t.rich("rule", { rule: () => <LocalizedText value={codeText(rule, view.locale)} /> }) as ReactNode}
        </p>
      ) : null}
      {view.wizard.reasons.length === 0 ? (
        <Alert variant="warning">
          <p>{t("noReasons", { organisation: view.organisationName })}</p>
        </Alert>
      ) : (
        <RadioGroup
          id="reasonCodeId"
          name="reasonCodeId"
          legend={t("reason")}
          hint={t("reasonHint")}
          error={f.error("reasonCodeId")}
          value={reason}
          options={view.wizard.reasons.map((r) => ({ value: r.id, label: <LocalizedText value={pickText({ da: r.text, en: r.textEn }, view.locale)} /> }))}
        />
      )}
      <DateInput id="moveOut" names={{ day: "moveOutDay", month: "moveOutMonth", year: "moveOutYear" }} legend={t("date")} hint={t("dateHint")} error={f.error("moveOutDay")} values={parts} />
    </>
  );
}

function DatesPanel({ view, dates }: { view: PageView; dates: NoticeDates }) {
  const t = useTranslations("wizard.inspection");
  const rule = view.wizard.tenancy.noticeRule;
  const L = view.locale;
  return (
    <div className="alert alert-info" data-testid="dates-panel">
      <div className="alert-body">
        <h2 className="alert-heading h3">{t("datesHeading")}</h2>
        <ul className="nobullet-list">
          <li>{t("moveOut", { date: formatWeekdayDate(dates.moveOutDate, L) })}</li>
          {rule ? <li>{t.rich("why", { rule: codeText(rule, L).text }) as ReactNode}</li> : null}
          <li>{t("earliest", { date: dateOf(dates.earliestTerminationDate, L) })}</li>
          <li data-testid="termination">{t("termination", { date: dateOf(dates.terminationDate, L) })}</li>
          <li data-testid="liability">{t("liability", { from: dateOf(dates.liabilityFrom, L), to: dateOf(dates.liabilityTo, L) })}</li>
          {view.wizard.settings.renovationLiable && view.wizard.tenancy.renovationDays ? <li>{t("renovation", { days: view.wizard.tenancy.renovationDays })}</li> : null}
          <li data-testid="vacating">
            <strong>{t("vacating", { date: formatWeekdayDate(dates.vacatingDay, L) })}</strong>
          </li>
          <li data-testid="latest-notice">{t("latest", { termination: dateOf(dates.terminationDate, L), date: dateOf(dates.latestNoticeDate, L) })}</li>
        </ul>
      </div>
    </div>
  );
}

function Inspection({ view }: { view: PageView }) {
  const t = useTranslations("wizard.inspection");
  const tm = useTranslations("wizard.move");
  const f = useField(view);
  const saved = view.wizard.draft.answers["move-out"];
  const options = view.inspection;
  const chosen = view.values ? view.values.inspectionDate : (saved?.inspectionDate ?? options?.default ?? undefined);
  return (
    <>
      <h1>{t("title")}</h1>
      {view.moveOutInfo && view.moveOutInfo.ok && view.moveOutInfo.info === "more-than-6-months" ? (
        <Alert variant="warning" testId="six-months-note">
          <p>{tm("sixMonths")}</p>
        </Alert>
      ) : null}
      {view.dates ? <DatesPanel view={view} dates={view.dates} /> : null}
      <p>
        <a href={wizardPath(view.organisation, view.noticeId, "fraflytning", view.returnTo ? { fra: "tjek" } : {})}>{t("changeDate")}</a>
      </p>
      {options && options.allowed.length > 0 ? (
        <RadioGroup
          id="inspectionDate"
          name="inspectionDate"
          legend={t("question")}
          hint={t("hint")}
          error={f.error("inspectionDate")}
          value={chosen}
          options={options.allowed.map((d) => ({ value: d, label: `${capitalise(formatWeekdayDate(d, view.locale))}${d === options.default ? ` ${t("suggested")}` : ""}` }))}
        />
      ) : (
        <Alert variant="warning" testId="no-inspection-dates">
          <p>{t("none", { organisation: view.organisationName })}</p>
        </Alert>
      )}
    </>
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function Viewing({ view }: { view: PageView }) {
  const t = useTranslations("wizard.viewing");
  const f = useField(view);
  const saved = view.wizard.draft.answers.viewing?.phone;
  const me = view.wizard.draft.answers["you-and-lease"]?.tenants[0];
  const fallback = saved ?? me?.mobile ?? me?.phone ?? view.wizard.tenancy.people[0]?.mobile ?? null;
  const shown = fallback ? fallback.replace(/^\+45(\d{2})(\d{2})(\d{2})(\d{2})$/, "$1 $2 $3 $4") : fallback;
  return (
    <>
      <h1>{t("title")}</h1>
      <p>{t("lead")}</p>
      <TextField id="phone" name="phone" type="tel" label={t("phone")} hint={t("phoneHint")} width="m" defaultValue={f.value("phone", shown)} error={f.error("phone")} inputProps={{ autoComplete: "tel" }} />
    </>
  );
}

type SavedAddress = { kind: "danish"; addressId: string; text: string } | { kind: "foreign"; text: string; country: string };

function AddressBlock({ view, index, legend, saved }: { view: PageView; index: number; legend: ReactNode; saved: SavedAddress | undefined }) {
  const t = useTranslations("wizard.address");
  const f = useField(view);
  const p = `a${index}`;
  const fromQuery = view.query[`${p}AddressQuery`] !== undefined && view.query[`${p}AddressQuery`] !== "";
  const kind = fromQuery ? (view.query[`${p}Kind`] ?? "danish") : view.values ? view.values[`${p}Kind`] : (saved?.kind ?? "danish");
  const result = view.addressResults[index] ?? null;
  const query = fromQuery ? (view.query[`${p}AddressQuery`] ?? "") : view.values ? (view.values[`${p}AddressQuery`] ?? "") : saved?.kind === "danish" ? saved.text : "";
  const chosenId = view.values ? view.values[`${p}AddressId`] : saved?.kind === "danish" ? saved.addressId : undefined;
  const names = new Intl.DisplayNames([view.locale], { type: "region" });
  const countries = COUNTRY_CODES.map((c) => ({ code: c, name: names.of(c) ?? c })).sort((a, b) => a.name.localeCompare(b.name, view.locale));
  const country = view.values ? view.values[`${p}Country`] : saved?.kind === "foreign" ? saved.country : "";
  return (
    <fieldset className="mb-8">
      <legend className="h3">{legend}</legend>
      <RadioGroup
        id={`${p}Kind`}
        name={`${p}Kind`}
        legend={t("kindQuestion")}
        error={f.error(`${p}Kind`)}
        value={kind}
        options={[
          { value: "danish", label: t("danish") },
          { value: "foreign", label: t("foreign") },
        ]}
      />
      <div className="ml-6 border-l-4 border-gray-300 pl-4">
        <AddressAutocomplete
          organisation={view.organisation}
          id={`${p}AddressQuery`}
          queryName={`${p}AddressQuery`}
          fieldName={`${p}AddressId`}
          label={t("search")}
          hint={t("searchHint")}
          error={f.error(`${p}AddressQuery`)}
          selected={saved?.kind === "danish" && !fromQuery ? { id: saved.addressId, text: saved.text } : null}
          defaultQuery={query}
        >
        <TextField id={`${p}AddressQuery`} name={`${p}AddressQuery`} type="search" label={t("search")} hint={t("searchHint")} width="xl" defaultValue={query} error={f.error(`${p}AddressQuery`)} inputProps={{ autoComplete: "off" }} />
        <button type="submit" className="button button-secondary mb-4" formMethod="get" formAction={wizardPath(view.organisation, view.noticeId, "ny-adresse")} formNoValidate data-testid={`${p}-search`}>
          {t("searchButton")}
        </button>
        {result && !result.ok ? (
          <Alert variant="warning">
            <p>{t("lookupFailed")}</p>
          </Alert>
        ) : null}
        {result && result.ok && result.suggestions.length === 0 ? <p data-testid={`${p}-no-results`}>{t("noResults")}</p> : null}
        {result && result.ok && result.suggestions.length > 0 ? (
          <RadioGroup id={`${p}AddressId`} name={`${p}AddressId`} legend={t("results")} error={f.error(`${p}AddressId`)} value={chosenId ?? result.suggestions[0]?.id} options={result.suggestions.map((s) => ({ value: s.id, label: s.text }))} />
        ) : chosenId && saved?.kind === "danish" && saved.addressId === chosenId ? (
          <>
            <p>
              {t("chosen")}: <strong data-testid={`${p}-chosen`}>{saved.text}</strong>
            </p>
            <input type="hidden" name={`${p}AddressId`} value={chosenId} />
          </>
        ) : null}
        </AddressAutocomplete>
      </div>
      <div className="ml-6 mt-4 border-l-4 border-gray-300 pl-4">
        <TextField id={`${p}ForeignText`} name={`${p}ForeignText`} label={t("foreignText")} hint={t("foreignTextHint")} width="xl" required={false} defaultValue={f.value(`${p}ForeignText`, saved?.kind === "foreign" ? saved.text : "")} error={f.error(`${p}ForeignText`)} />
        <div className={f.error(`${p}Country`) ? "form-group form-error" : "form-group"}>
          <label className="form-label" htmlFor={`${p}Country`}>
            {t("country")}
          </label>
          {f.error(`${p}Country`) ? (
            <span className="form-error-message" id={`${p}Country-error`}>
              {f.error(`${p}Country`)}
            </span>
          ) : null}
          <select className="form-select" id={`${p}Country`} name={`${p}Country`} defaultValue={country ?? ""} aria-describedby={f.error(`${p}Country`) ? `${p}Country-error` : undefined}>
            <option value="">{t("countryChoose")}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      </div>
    </fieldset>
  );
}

function NewAddress({ view }: { view: PageView }) {
  const t = useTranslations("wizard.address");
  const f = useField(view);
  const people = view.wizard.tenancy.people;
  const saved = view.wizard.draft.answers["new-address"];
  const two = people.length > 1;
  const mode = view.query.mode || (view.values ? view.values.mode : saved?.mode) || "same";
  const savedFor = (i: number): SavedAddress | undefined => {
    if (!saved) return undefined;
    if (saved.mode === "same") return i === 0 ? saved.address : undefined;
    const person = people[i];
    return saved.addresses.find((a) => a.personId === person?.id)?.address;
  };
  return (
    <>
      <h1>{t("title")}</h1>
      <p>{t("lead")}</p>
      {two ? (
        <RadioGroup
          id="mode"
          name="mode"
          legend={t("modeQuestion")}
          error={f.error("mode")}
          value={mode}
          options={[
            { value: "same", label: t("same") },
            { value: "each", label: t("each") },
          ]}
        />
      ) : (
        <input type="hidden" name="mode" value="same" />
      )}
      {people.map((p, i) => (
        <input key={p.id} type="hidden" name={`a${i}PersonId`} value={p.id} />
      ))}
      <AddressBlock view={view} index={0} legend={two ? (mode === "each" ? t("forWhom", { name: people[0]?.name ?? "" }) : t("title")) : t("title")} saved={savedFor(0)} />
      {two && mode === "each" ? <AddressBlock view={view} index={1} legend={t("forWhom", { name: people[1]?.name ?? "" })} saved={savedFor(1)} /> : null}
    </>
  );
}

function Account({ view }: { view: PageView }) {
  const t = useTranslations("wizard.account");
  const f = useField(view);
  const saved = view.wizard.draft.answers.account?.account;
  const nem = view.wizard.nemKonto;
  const kind = view.values ? view.values.accountKind : (saved?.kind ?? (nem ? "nemkonto" : undefined));
  return (
    <>
      <h1>{t("title")}</h1>
      <p>{t("lead")}</p>
      {!nem ? (
        <Alert variant="info">
          <p>{t("noNemkonto")}</p>
        </Alert>
      ) : null}
      <RadioGroup
        id="accountKind"
        name="accountKind"
        legend={t("question")}
        error={f.error("accountKind")}
        value={kind}
        options={[
          ...(nem ? [{ value: "nemkonto", label: t("nemkonto"), hint: t("nemkontoHint", { masked: nem.masked }) }] : []),
          { value: "danish", label: t("danish") },
          { value: "iban", label: t("iban") },
        ]}
      />
      <div className="ml-6 border-l-4 border-gray-300 pl-4">
        <TextField id="regNo" name="regNo" label={t("regNo")} hint={t("regNoHint")} width="xs" required={false} defaultValue={f.value("regNo", saved?.kind === "danish" ? saved.regNo : "")} error={f.error("regNo")} inputProps={{ inputMode: "numeric", autoComplete: "off" }} />
        <TextField id="accountNo" name="accountNo" label={t("accountNo")} hint={t("accountNoHint")} width="m" required={false} defaultValue={f.value("accountNo", saved?.kind === "danish" ? saved.accountNo : "")} error={f.error("accountNo")} inputProps={{ inputMode: "numeric", autoComplete: "off" }} />
        <TextField id="iban" name="iban" label={t("ibanField")} hint={t("ibanHint")} width="xl" required={false} defaultValue={f.value("iban", saved?.kind === "iban" ? saved.iban : "")} error={f.error("iban")} inputProps={{ autoComplete: "off", spellCheck: false }} />
      </div>
    </>
  );
}

function maskTail(s: string): string {
  return `••••${s.slice(-4)}`;
}

function CheckAnswers({ view }: { view: PageView }) {
  const t = useTranslations("wizard.check");
  const f = useField(view);
  const a = view.wizard.draft.answers;
  const w = view.wizard;
  const L = view.locale;
  const href = (slug: string) => wizardPath(view.organisation, view.noticeId, slug, { fra: "tjek" });
  const you = a["you-and-lease"];
  const people = w.tenancy.people;
  const contact = (id: string) => {
    const c = you?.tenants.find((p) => p.personId === id);
    return [c?.mobile, c?.phone, c?.email].filter(Boolean).join(", ");
  };
  const reason = w.reasons.find((r) => r.id === a["move-out"]?.reasonCodeId);
  const addressText = (x: SavedAddress) => (x.kind === "danish" ? x.text : `${x.text}, ${new Intl.DisplayNames([L], { type: "region" }).of(x.country) ?? x.country}`);
  const na = a["new-address"];
  const acc = a.account?.account;
  const rows: SummaryRow[] = [
    { key: "address", label: t("address"), value: `${w.tenancy.address}, ${w.tenancy.postalCity}` },
    ...people.map((p) => ({ key: `tenant-${p.id}`, label: `${t("tenant")}: ${p.name}`, value: contact(p.id) || "–", changeHref: href("dig-og-lejemaalet"), changeLabel: `${t("contact")} ${p.name}` })),
    ...(you?.cohabitant ? [{ key: "cohabitant", label: t("cohabitant"), value: `${you.cohabitant.name} (${you.cohabitant.email}, ${you.cohabitant.mobile})`, changeHref: href("dig-og-lejemaalet"), changeLabel: t("cohabitant") }] : []),
    ...(w.facts.hasSubLeases ? [{ key: "sub", label: t("subLeases"), value: a["sub-leases"]?.terminateAll ? t("subLeasesYes") : t("subLeasesNo"), changeHref: href("bilejemaal"), changeLabel: t("subLeases") }] : []),
    { key: "reason", label: t("reason"), value: reason ? <LocalizedText value={pickText({ da: reason.text, en: reason.textEn }, L)} /> : "–", changeHref: href("fraflytning"), changeLabel: t("reason") },
    { key: "moveOut", label: t("moveOut"), value: a["move-out"] ? formatWeekdayDate(a["move-out"].moveOutDate, L) : "–", changeHref: href("fraflytning"), changeLabel: t("moveOut") },
    { key: "inspection", label: t("inspection"), value: a["move-out"]?.inspectionDate ? formatWeekdayDate(a["move-out"].inspectionDate, L) : "–", changeHref: href("flyttesyn"), changeLabel: t("inspection") },
    { key: "viewing", label: t("viewing"), value: a.viewing?.phone ?? "–", changeHref: href("fremvisning"), changeLabel: t("viewing") },
    {
      key: "newAddress",
      label: t("newAddress"),
      value: !na ? "–" : na.mode === "same" ? addressText(na.address) : na.addresses.map((x) => `${people.find((p) => p.id === x.personId)?.name ?? ""}: ${addressText(x.address)}`).join("; "),
      changeHref: href("ny-adresse"),
      changeLabel: t("newAddress"),
    },
    {
      key: "account",
      label: t("account"),
      value: !acc ? "–" : acc.kind === "nemkonto" ? t("accountNemkonto", { masked: w.nemKonto?.masked ?? "" }) : acc.kind === "danish" ? t("accountDanish", { regNo: acc.regNo, masked: maskTail(acc.accountNo) }) : t("accountIban", { masked: maskTail(acc.iban) }),
      changeHref: href("konto"),
      changeLabel: t("account"),
    },
  ];
  const d = view.dates;
  const dateRows: SummaryRow[] = d
    ? [
        { key: "termination", label: t("termination"), value: formatLongDate(d.terminationDate, L) },
        { key: "vacating", label: t("vacating"), value: t("vacatingValue", { date: formatWeekdayDate(d.vacatingDay, L) }) },
        { key: "liability", label: t("liability"), value: formatLongDate(d.liabilityTo, L) },
      ]
    : [];
  const signers = [...people.map((p) => p.name), ...(you?.cohabitant ? [you.cohabitant.name] : [])];
  const alone = people.length === 1 && !you?.cohabitant;
  const saved = a["check-answers"]?.onlyOccupant === true;
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="font-lead">{t("lead")}</p>
      <SummaryList rows={rows} testId="check-answers" />
      <h2 className="h3 mt-6">{t("datesHeading")}</h2>
      <SummaryList rows={dateRows} testId="check-dates" />
      <p className="text-sm">{t("datesNote")}</p>
      <p>{t("signers", { names: signers.join(L === "en" ? " and " : " og ") })}</p>
      {alone ? <Checkbox id="onlyOccupant" name="onlyOccupant" value="yes" label={t("onlyOccupant")} hint={t("onlyOccupantHint")} checked={view.values ? view.values.onlyOccupant === "yes" : saved} error={f.error("onlyOccupant")} /> : null}
    </>
  );
}
