// The pieces of "Edit Data" on screen: the cell editor laid over a cell, the edit bar (what is staged, Add Row,
// Review SQL, Discard; or why the result is read-only) and the review pane with the SQL that will run.
import type { CellValue } from "../../src/shared/protocol";
import { h } from "./dom";

/** An input over `cell`. Enter or leaving it keeps the text ('' stays ''), Escape cancels; untouched NULL stays NULL. */
export function openCellEditor(cell: HTMLElement, value: CellValue, done: (value: CellValue | undefined) => void): HTMLTextAreaElement {
  const r = cell.getBoundingClientRect();
  const input = h("textarea", { class: "cell-editor", "aria-label": "Cell value", spellcheck: "false", rows: "1", placeholder: value === null ? "NULL" : "" });
  input.value = value ?? "";
  input.style.left = `${r.left}px`;
  input.style.top = `${r.top}px`;
  input.style.minWidth = `${Math.max(r.width, 120)}px`;
  input.style.height = `${r.height}px`;
  let dirty = false;
  let closed = false;
  const finish = (keep: boolean) => {
    if (closed) return;
    closed = true;
    input.remove();
    done(keep && (dirty || value !== null) ? input.value : undefined);
  };
  input.addEventListener("input", () => { dirty = true; });
  input.addEventListener("keydown", (e) => {
    e.stopPropagation();
    if (e.key === "Escape") { e.preventDefault(); finish(false); }
    // Shift+Enter (or Alt+Enter) adds a line break; Enter alone keeps the value.
    else if (e.key === "Enter" && !e.shiftKey && !e.altKey) { e.preventDefault(); finish(true); }
    else if (e.key === "Tab") { e.preventDefault(); finish(true); }
  });
  input.addEventListener("blur", () => finish(true));
  document.body.append(input);
  input.focus();
  input.select();
  return input;
}

export interface EditBarActions { addRow(): void; review(): void; discard(): void }

export class EditBar {
  readonly element = h("div", { class: "editbar", role: "region", "aria-label": "Edit data" });
  private readonly text = h("span", { class: "edit-text" });
  private readonly message = h("span", { class: "edit-message", role: "alert" });
  private readonly addButton = h("button", { class: "eb-button", type: "button", "data-action": "add-row" }, "Add Row");
  private readonly reviewButton = h("button", { class: "eb-button primary", type: "button", "data-action": "review-edits" }, "Review SQL…");
  private readonly discardButton = h("button", { class: "eb-button", type: "button", "data-action": "discard-edits" }, "Discard");

  constructor(actions: EditBarActions) {
    this.addButton.addEventListener("click", () => actions.addRow());
    this.reviewButton.addEventListener("click", () => actions.review());
    this.discardButton.addEventListener("click", () => actions.discard());
    this.element.append(this.text, this.message, h("span", { class: "edit-actions" }, this.addButton, this.discardButton, this.reviewButton));
    this.element.hidden = true;
  }

  show(state: { table: string; readOnlyReason?: string; staged: number; ready: boolean } | null): void {
    this.element.hidden = !state;
    if (!state) return;
    const ro = state.readOnlyReason !== undefined;
    this.element.classList.toggle("readonly", ro);
    this.text.textContent = ro ? `Read-only: ${state.readOnlyReason}`
      : !state.ready ? `Editing ${state.table}: loading rows…`
      : `Editing ${state.table} · ${state.staged === 0 ? "double-click a cell to edit" : `${state.staged} staged ${state.staged === 1 ? "change" : "changes"}`}`;
    this.addButton.hidden = ro;
    this.reviewButton.hidden = ro;
    this.discardButton.hidden = ro;
    this.addButton.disabled = !state.ready;
    this.reviewButton.disabled = state.staged === 0;
    this.discardButton.disabled = state.staged === 0;
  }

  setMessage(text: string, kind: "error" | "info" = "error"): void {
    this.message.textContent = text;
    this.message.dataset.kind = kind;
  }
}

/** The SQL that will run, before it runs: Apply or go back to editing. */
export function reviewView(sql: string, apply: () => void, back: () => void): HTMLElement {
  const applyButton = h("button", { class: "eb-button primary", type: "button", "data-action": "apply-edits" }, "Apply");
  const backButton = h("button", { class: "eb-button", type: "button", "data-action": "back-to-edits" }, "Back to Editing");
  applyButton.addEventListener("click", apply);
  backButton.addEventListener("click", back);
  const pane = h("div", { class: "edit-review", role: "dialog", "aria-label": "Review the SQL that will run" },
    h("div", { class: "review-title" }, "These statements run in one transaction; if any row changed since it was read, nothing is applied."),
    h("pre", { class: "review-sql" }, sql),
    h("div", { class: "review-actions" }, backButton, applyButton));
  pane.addEventListener("keydown", (e) => { if (e.key === "Escape") { e.stopPropagation(); back(); } });
  return pane;
}
