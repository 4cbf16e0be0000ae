import { getTranslations } from "next-intl/server";
import { searchAddresses, type AddressProvider } from "@/lib/address";
import { ADDRESS_MAX_RESULTS, ADDRESS_MIN_CHARS, normaliseQuery } from "./address-combobox";
import { Alert } from "./dkfds/Alert";
import { RadioGroup } from "./dkfds/Choices";

export type AddressSearchResultsProps = {
  /** What the tenant searched for (the step page's ?q=…); blank → nothing is rendered. */
  query: string | undefined;
  /** The draft's chosen address id, checked in the list when it is among the results. */
  selectedId?: string | null;
  /** The radio group's field name (default "addressId"). */
  fieldName?: string;
  /** The radio group's id (default "addressId"); its options are "{id}-option1" … (link the error summary there). */
  id?: string;
  error?: string;
  /** For tests: another provider than the configured one. */
  provider?: AddressProvider;
};

/**
 * Step 7 without JavaScript: after "Søg" (GET ?q=… on the step page), the matching addresses as a
 * DKFDS radio list to choose from (name "addressId"), or a note that nothing matched / the look-up
 * is down (the tenant can search again or type the address). A server component.
 */
export async function AddressSearchResults(props: AddressSearchResultsProps) {
  const t = await getTranslations("address");
  const q = normaliseQuery(props.query ?? "");
  if (q === "") return null;
  if (q.length < ADDRESS_MIN_CHARS) return <Alert variant="info" announce={false} testId="address-results">{t("tooShort", { min: ADDRESS_MIN_CHARS })}</Alert>;
  const r = await searchAddresses(q, { limit: ADDRESS_MAX_RESULTS }, props.provider);
  if (!r.ok) return <Alert variant="warning" testId="address-results">{t(`errors.${r.code}`)}</Alert>;
  if (r.value.length === 0) return <Alert variant="info" announce={false} testId="address-results">{t("noResults", { query: q })}</Alert>;
  const id = props.id ?? "addressId";
  return (
    <div data-testid="address-results">
      <RadioGroup
        id={id}
        name={props.fieldName ?? "addressId"}
        legend={t("resultsLegend")}
        hint={t("resultsHint", { count: r.value.length, query: q })}
        {...(props.error ? { error: props.error } : {})}
        options={r.value.map((s) => ({ value: s.id, label: s.text }))}
        {...(props.selectedId ? { value: props.selectedId } : {})}
      />
    </div>
  );
}
