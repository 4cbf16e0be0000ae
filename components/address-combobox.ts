/**
 * The address combobox's behaviour as a pure state machine (components/AddressAutocomplete.tsx
 * renders it): what typing, the results of a search, the keys and a click do. Kept free of React
 * and the DOM so the unit tests can drive it (tests/unit/address-autocomplete.test.tsx), and
 * importable from the server (the JSON route shares the limits).
 *
 * The pattern is the ARIA 1.2 combobox with a listbox popup (as GOV.UK's accessible-autocomplete):
 * focus stays in the input, the active option is aria-activedescendant; ↓/↑ move (and wrap to the
 * input), Enter chooses the active option, Escape closes the list (a second Escape clears the text).
 */

/** The autocomplete asks from this many characters (the route answers [] below it). */
export const ADDRESS_MIN_CHARS = 2;
/** At most this many suggestions. */
export const ADDRESS_MAX_RESULTS = 10;
/** Wait this long after the last key before asking. */
export const ADDRESS_DEBOUNCE_MS = 250;

export type AddressOption = { id: string; text: string };

export type ComboStatus =
  /** Nothing typed yet. */
  | "idle"
  /** Fewer than ADDRESS_MIN_CHARS characters. */
  | "short"
  | "loading"
  | "results"
  | "none"
  | "error"
  /** An option was chosen (the text is the address). */
  | "chosen";

export type ComboState = {
  query: string;
  options: AddressOption[];
  /** Index of the active option (aria-activedescendant), -1 = the input itself. */
  active: number;
  open: boolean;
  status: ComboStatus;
  /** The chosen address (its id goes into the hidden input); null once the text is changed. */
  selected: AddressOption | null;
};

export type ComboEvent =
  | { type: "input"; value: string }
  | { type: "loading"; query: string }
  | { type: "results"; query: string; options: AddressOption[] }
  | { type: "failed"; query: string }
  | { type: "key"; key: string }
  | { type: "choose"; index: number }
  | { type: "hover"; index: number }
  | { type: "blur" }
  | { type: "focus" };

/** The search text as it is sent: white space collapsed and trimmed. */
export const normaliseQuery = (q: string) => q.replace(/\s+/g, " ").trim();

/** Whether a text is long enough to search for. */
export const searchable = (q: string) => normaliseQuery(q).length >= ADDRESS_MIN_CHARS;

export function initialComboState(selected?: AddressOption | null, query?: string): ComboState {
  if (selected) return { query: selected.text, options: [], active: -1, open: false, status: "chosen", selected };
  const q = query ?? "";
  return { query: q, options: [], active: -1, open: false, status: q === "" ? "idle" : searchable(q) ? "none" : "short", selected: null };
}

function choose(s: ComboState, index: number): ComboState {
  const option = s.options[index];
  if (!option) return s;
  return { ...s, query: option.text, selected: option, open: false, active: -1, status: "chosen" };
}

export function comboReducer(s: ComboState, e: ComboEvent): ComboState {
  switch (e.type) {
    case "input": {
      const status: ComboStatus = e.value.trim() === "" ? "idle" : searchable(e.value) ? "loading" : "short";
      // Typing undoes a choice: the hidden id is cleared until an option is chosen again.
      return { ...s, query: e.value, selected: null, active: -1, status, open: status === "loading" ? s.open : false, options: status === "loading" ? s.options : [] };
    }
    case "loading":
      return e.query === normaliseQuery(s.query) ? { ...s, status: "loading" } : s;
    case "results":
      // An answer to an older text is dropped: only the latest search counts.
      if (e.query !== normaliseQuery(s.query) || s.status === "chosen") return s;
      return { ...s, options: e.options.slice(0, ADDRESS_MAX_RESULTS), active: -1, open: e.options.length > 0, status: e.options.length > 0 ? "results" : "none" };
    case "failed":
      if (e.query !== normaliseQuery(s.query) || s.status === "chosen") return s;
      return { ...s, options: [], active: -1, open: false, status: "error" };
    case "choose":
      return choose(s, e.index);
    case "hover":
      return s.open && e.index >= 0 && e.index < s.options.length ? { ...s, active: e.index } : s;
    case "blur":
      return { ...s, open: false, active: -1 };
    case "focus":
      return s;
    case "key": {
      const n = s.options.length;
      switch (e.key) {
        case "ArrowDown":
          if (n === 0) return s;
          if (!s.open) return { ...s, open: true, active: 0 };
          return { ...s, active: s.active + 1 >= n ? -1 : s.active + 1 };
        case "ArrowUp":
          if (n === 0 || !s.open) return s;
          return { ...s, active: s.active <= -1 ? n - 1 : s.active - 1 };
        case "Enter":
          return s.open && s.active >= 0 ? choose(s, s.active) : s;
        case "Escape":
          if (s.open) return { ...s, open: false, active: -1 };
          return s.query === "" ? s : { ...initialComboState(), status: "idle" };
        default:
          return s;
      }
    }
  }
}

/**
 * Whether the key's default must be prevented: arrows while there are options (no caret jumps),
 * Enter when it chooses an option (not submitting the form), Escape when it closes or clears.
 */
export function keyIsHandled(s: ComboState, key: string): boolean {
  if (key === "ArrowDown" || key === "ArrowUp") return s.options.length > 0;
  if (key === "Enter") return s.open && s.active >= 0;
  if (key === "Escape") return s.open || s.query !== "";
  return false;
}

/** The JSON route's URL for a text (GET /api/{organisation}/adresser). */
export function addressSearchUrl(organisation: string, query: string): string {
  return `/api/${encodeURIComponent(organisation)}/adresser?q=${encodeURIComponent(normaliseQuery(query))}`;
}
