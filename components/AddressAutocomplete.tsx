"use client";

import { useTranslations } from "next-intl";
import { useEffect, useReducer, useRef, useState, type ReactNode } from "react";
import { ErrorMessage, Hint } from "./dkfds/FormParts";
import { describedBy } from "./dkfds/ids";
import {
  ADDRESS_DEBOUNCE_MS,
  ADDRESS_MIN_CHARS,
  addressSearchUrl,
  comboReducer,
  initialComboState,
  keyIsHandled,
  normaliseQuery,
  searchable,
  type AddressOption,
  type ComboState,
} from "./address-combobox";

export type AddressAutocompleteProps = {
  /** The organisation's slug (the JSON route is /api/{organisation}/adresser). */
  organisation: string;
  /** The text input's id (hint "{id}-hint", error "{id}-error", list "{id}-listbox"). */
  id: string;
  /** The visible text's field name (default "addressQuery"). */
  queryName?: string;
  /** The hidden field with the chosen address's id (default "addressId"). */
  fieldName?: string;
  /** Default t("address.searchLabel"). */
  label?: ReactNode;
  /** Default t("address.comboHint"). */
  hint?: ReactNode;
  error?: ReactNode;
  /** The draft's chosen address, or what was typed. */
  selected?: AddressOption | null;
  defaultQuery?: string;
  /**
   * What the page shows without JavaScript (the search field, "Søg" and the radio list of
   * AddressSearchResults). Rendered by the server and until hydration; replaced by the combobox.
   */
  children?: ReactNode;
};

/**
 * Step 7's address look-up: without JavaScript, `children` (search, then choose from a list); with
 * JavaScript, an ARIA 1.2 combobox over GET /api/{organisation}/adresser that fills a hidden input
 * `addressId` and the visible text `addressQuery`. Behaviour: components/address-combobox.ts.
 */
export function AddressAutocomplete(props: AddressAutocompleteProps) {
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  if (!enhanced) return <>{props.children}</>;
  return <LiveCombobox {...props} />;
}

function LiveCombobox(props: AddressAutocompleteProps) {
  const [state, dispatch] = useReducer(comboReducer, initialComboState(props.selected ?? null, props.defaultQuery));
  const abort = useRef<AbortController | null>(null);
  const q = normaliseQuery(state.query);
  const shouldAsk = state.status === "loading" && searchable(q);

  useEffect(() => {
    if (!shouldAsk) return;
    const timer = setTimeout(() => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      fetch(addressSearchUrl(props.organisation, q), { headers: { accept: "application/json" }, credentials: "same-origin", signal: controller.signal })
        .then(async (res) => {
          if (!res.ok) throw new Error(String(res.status));
          const body = (await res.json()) as AddressOption[];
          dispatch({ type: "results", query: q, options: Array.isArray(body) ? body : [] });
        })
        .catch(() => {
          if (!controller.signal.aborted) dispatch({ type: "failed", query: q });
        });
    }, ADDRESS_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [shouldAsk, q, props.organisation]);
  useEffect(() => () => abort.current?.abort(), []);

  return (
    <ComboboxView
      {...props}
      state={state}
      onInput={(value) => dispatch({ type: "input", value })}
      onKey={(key, prevent) => {
        if (keyIsHandled(state, key)) prevent();
        dispatch({ type: "key", key });
      }}
      onChoose={(index) => dispatch({ type: "choose", index })}
      onHover={(index) => dispatch({ type: "hover", index })}
      onBlur={() => dispatch({ type: "blur" })}
    />
  );
}

export type ComboboxViewProps = AddressAutocompleteProps & {
  state: ComboState;
  onInput?: (value: string) => void;
  onKey?: (key: string, preventDefault: () => void) => void;
  onChoose?: (index: number) => void;
  onHover?: (index: number) => void;
  onBlur?: () => void;
};

/** The combobox's markup for a state (pure: the unit tests render it). */
export function ComboboxView(props: ComboboxViewProps) {
  const t = useTranslations("address");
  const { state } = props;
  const listId = `${props.id}-listbox`;
  const statusId = `${props.id}-status`;
  const optionId = (i: number) => `${props.id}-option-${i}`;
  const hint = props.hint ?? t("comboHint", { min: ADDRESS_MIN_CHARS });
  const announcement =
    state.status === "short"
      ? t("tooShort", { min: ADDRESS_MIN_CHARS })
      : state.status === "loading"
        ? t("searching")
        : state.status === "results"
          ? t("found", { count: state.options.length })
          : state.status === "none"
            ? t("none")
            : state.status === "error"
              ? t("errors.unavailable")
              : state.status === "chosen" && state.selected
                ? t("chosen", { address: state.selected.text })
                : "";
  return (
    <div className={props.error ? "form-group form-error" : "form-group"} data-testid="address-combobox">
      <label className="form-label" htmlFor={props.id}>
        {props.label ?? t("searchLabel")}
      </label>
      <Hint id={props.id}>{hint}</Hint>
      {props.error ? <ErrorMessage id={props.id}>{props.error}</ErrorMessage> : null}
      <div className="address-combobox">
        <input
          id={props.id}
          name={props.queryName ?? "addressQuery"}
          type="text"
          className="form-input"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={state.open}
          aria-controls={listId}
          aria-activedescendant={state.open && state.active >= 0 ? optionId(state.active) : undefined}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy(props.id, hint, props.error)}
          autoComplete="off"
          spellCheck={false}
          value={state.query}
          onChange={(e) => props.onInput?.(e.currentTarget.value)}
          onKeyDown={(e) => props.onKey?.(e.key, () => e.preventDefault())}
          onBlur={() => props.onBlur?.()}
        />
        <input type="hidden" name={props.fieldName ?? "addressId"} value={state.selected?.id ?? ""} />
        <ul id={listId} role="listbox" aria-label={t("listLabel")} className="address-combobox-list" hidden={!state.open}>
          {state.options.map((o, i) => (
            <li
              key={o.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === state.active}
              aria-posinset={i + 1}
              aria-setsize={state.options.length}
              className={i === state.active ? "address-combobox-option is-active" : "address-combobox-option"}
              // mousedown would blur the input first and close the list before the click lands
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => props.onChoose?.(i)}
              onMouseMove={() => props.onHover?.(i)}
            >
              {o.text}
            </li>
          ))}
        </ul>
        <div id={statusId} role="status" aria-live="polite" aria-atomic="true" className="sr-only">
          {announcement}
        </div>
      </div>
    </div>
  );
}
