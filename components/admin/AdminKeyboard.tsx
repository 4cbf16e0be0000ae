"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

/**
 * The back-office keys on every admin page (as in the administration's own system):
 *  - F9 or Ctrl+S (⌘S) submits the form that has focus, or else the page's form marked data-save-form
 *    (requestSubmit, so the form's own validation and server action run as on a click);
 *  - F3 focuses the page's search field (the element marked data-search), and selects its text;
 *  - F4 opens the focused combo box (a <select>: showPicker; a combobox input: Alt+ArrowDown);
 *  - ? (outside a text field) shows the keys; Escape closes the overview.
 * Tab / Shift+Tab move between fields as the browser does. Without JavaScript nothing changes.
 */
export function AdminKeyboard() {
  const t = useTranslations("adminShell.keyboard");
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as HTMLElement | null;
      if (e.key === "F9" || ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "s")) {
        const form = formToSave(target);
        e.preventDefault();
        if (form) form.requestSubmit();
        return;
      }
      if (e.key === "F3") {
        const search = document.querySelector<HTMLInputElement>("[data-search]");
        if (search) {
          e.preventDefault();
          search.focus();
          search.select?.();
        }
        return;
      }
      if (e.key === "F4") {
        if (target instanceof HTMLSelectElement) {
          e.preventDefault();
          try {
            target.showPicker();
          } catch {
            /* not allowed without user activation in some browsers: the key press is one */
          }
        } else if (target?.getAttribute("role") === "combobox") {
          e.preventDefault();
          target.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", altKey: true, bubbles: true }));
        }
        return;
      }
      if (e.key === "?" && !isTextEntry(target) && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        setOpen(true);
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  const rows: Array<[string, string]> = [
    ["F9 / Ctrl+S", t("save")],
    ["F3", t("search")],
    ["F4", t("combo")],
    ["Tab / Shift+Tab", t("tab")],
    ["?", t("help")],
  ];
  return (
    <>
      {/* In the page's flow (not fixed), so it never covers a field or a button on a phone. */}
      <button type="button" onClick={() => setOpen(true)} className="mt-10 rounded border border-line bg-white px-3 py-1 text-sm text-muted hover:text-ink focus-visible:outline-2" data-testid="keyboard-help-button">
        {t("open")}
      </button>
      <dialog ref={dialog} aria-labelledby="keyboard-help-heading" className="rounded border border-line p-6 backdrop:bg-black/40" data-testid="keyboard-help" onClose={() => setOpen(false)}>
        <h2 id="keyboard-help-heading" className="mb-4 text-xl font-bold">
          {t("title")}
        </h2>
        <table className="mb-4">
          <tbody>
            {rows.map(([key, what]) => (
              <tr key={key}>
                <th scope="row" className="py-1 pr-6 text-left">
                  <kbd className="rounded border border-line bg-gray-50 px-2 py-0.5 font-mono text-sm">{key}</kbd>
                </th>
                <td className="py-1">{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="rounded bg-brand px-4 py-2 text-white" onClick={() => setOpen(false)}>
          {t("close")}
        </button>
      </dialog>
    </>
  );
}

function isTextEntry(el: HTMLElement | null): boolean {
  if (!el) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  return el instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit", "reset"].includes(el.type);
}

/** The form of the focused field, else the page's form marked data-save-form (the first one). */
export function formToSave(focused: Element | null): HTMLFormElement | null {
  const own = focused?.closest("form");
  if (own && !own.hasAttribute("data-no-save-shortcut")) return own;
  return document.querySelector<HTMLFormElement>("form[data-save-form]");
}
