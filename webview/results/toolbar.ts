// Toolbar: status line (running/elapsed/rows/timing), filter box, copy/export/cancel/rerun/history buttons.
import { h } from "./dom";

export interface ToolbarActions {
  cancel(): void;
  exportAs(format: "csv" | "json"): void;
  copyMenu(anchor: HTMLElement): void;
  rerun(): void;
  openHistory(): void;
  filter(text: string): void;
}

export type StatusKind = "idle" | "running" | "done" | "error";

export class Toolbar {
  readonly element: HTMLElement;
  readonly filterInput: HTMLInputElement;
  private readonly statusText: HTMLElement;
  private readonly statusDetail: HTMLElement;
  private readonly status: HTMLElement;
  readonly cancelButton: HTMLButtonElement;
  readonly exportCsv: HTMLButtonElement;
  readonly exportJson: HTMLButtonElement;
  readonly copyButton: HTMLButtonElement;
  readonly rerunButton: HTMLButtonElement;

  constructor(actions: ToolbarActions) {
    this.statusText = h("span", { class: "status-text" });
    this.statusDetail = h("span", { class: "status-detail" });
    this.status = h("div", { class: "status", role: "status", "aria-live": "polite" }, h("span", { class: "spinner", "aria-hidden": "true" }), this.statusText, this.statusDetail);
    this.filterInput = h("input", { class: "filter", type: "search", placeholder: "Filter loaded rows", "aria-label": "Filter loaded rows", spellcheck: "false" });
    let debounce: ReturnType<typeof setTimeout> | undefined;
    this.filterInput.addEventListener("input", () => {
      clearTimeout(debounce);
      debounce = setTimeout(() => actions.filter(this.filterInput.value), 120);
    });
    this.filterInput.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && this.filterInput.value) { this.filterInput.value = ""; actions.filter(""); e.stopPropagation(); }
      if (e.key === "Enter") { clearTimeout(debounce); actions.filter(this.filterInput.value); }
    });
    this.copyButton = button("Copy ▾", "Copy the selection as TSV, CSV, JSON, Markdown or SQL INSERT", "copy");
    this.copyButton.addEventListener("click", () => actions.copyMenu(this.copyButton));
    this.exportCsv = button("Export CSV", "Export the full result to a CSV file", "export-csv");
    this.exportCsv.addEventListener("click", () => actions.exportAs("csv"));
    this.exportJson = button("Export JSON", "Export the full result to a JSON file", "export-json");
    this.exportJson.addEventListener("click", () => actions.exportAs("json"));
    this.cancelButton = button("Cancel", "Cancel the running query", "cancel");
    this.cancelButton.classList.add("danger");
    this.cancelButton.addEventListener("click", () => actions.cancel());
    this.rerunButton = button("Run Again", "Run the same SQL again", "rerun");
    this.rerunButton.addEventListener("click", () => actions.rerun());
    const history = button("History", "Open the query history", "history");
    history.addEventListener("click", () => actions.openHistory());
    this.element = h("div", { class: "toolbar", role: "toolbar", "aria-label": "Results" },
      this.status,
      h("div", { class: "actions" }, this.filterInput, this.copyButton, this.exportCsv, this.exportJson, this.cancelButton, this.rerunButton, history));
  }

  setStatus(kind: StatusKind, text: string, detail = ""): void {
    this.status.dataset.kind = kind;
    if (this.statusText.textContent !== text) this.statusText.textContent = text;
    if (this.statusDetail.textContent !== detail) this.statusDetail.textContent = detail;
  }

  /** Tooltip of the status: where the query ran and its SQL. */
  setTitle(text: string): void { if (this.status.title !== text) this.status.title = text; }

  setEnabled(opts: { running: boolean; hasGrid: boolean; hasQuery: boolean }): void {
    this.cancelButton.hidden = !opts.running;
    this.rerunButton.hidden = opts.running || !opts.hasQuery;
    this.exportCsv.disabled = !opts.hasGrid;
    this.exportJson.disabled = !opts.hasGrid;
    this.copyButton.disabled = !opts.hasGrid;
    this.filterInput.disabled = !opts.hasGrid;
  }
}

function button(label: string, title: string, action: string): HTMLButtonElement {
  return h("button", { class: "tb-button", type: "button", title, "data-action": action }, label);
}
