// Toolbar (filter box and icon buttons, the less used ones also in a "More Actions" menu) and the status line
// (rows, time, target, when it ran). Narrow panels hide secondary buttons by container query; the menu keeps
// every action reachable at any width.
import { h } from "./dom";
import { icon, type IconName } from "./icons";

export interface ToolbarActions {
  cancel(): void;
  exportAs(format: "csv" | "json"): void;
  copyMenu(anchor: HTMLElement): void;
  moreMenu(anchor: HTMLElement): void;
  rerun(): void;
  openHistory(): void;
  filter(text: string): void;
  chart(): void;
}

export type StatusKind = "idle" | "running" | "done" | "error" | "cancelled";

export class Toolbar {
  readonly element: HTMLElement;
  /** The status line: shown at the panel's foot, always visible. */
  readonly statusLine: HTMLElement;
  readonly filterInput: HTMLInputElement;
  private readonly statusText: HTMLElement;
  private readonly statusMeta: HTMLElement;
  private readonly statusDetail: HTMLElement;
  private readonly status: HTMLElement;
  readonly cancelButton: HTMLButtonElement;
  readonly exportCsv: HTMLButtonElement;
  readonly exportJson: HTMLButtonElement;
  readonly copyButton: HTMLButtonElement;
  readonly rerunButton: HTMLButtonElement;
  readonly chartButton: HTMLButtonElement;

  constructor(actions: ToolbarActions) {
    this.statusText = h("span", { class: "status-text" });
    this.statusMeta = h("span", { class: "status-meta" });
    this.statusDetail = h("span", { class: "status-detail" });
    this.status = h("div", { class: "status", role: "status", "aria-live": "polite" },
      h("span", { class: "spinner", "aria-hidden": "true" }), this.statusText, this.statusMeta, this.statusDetail);
    this.statusLine = h("div", { class: "statusline" }, this.status);
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
    this.cancelButton = button("stop", "Cancel", "Cancel the running query", "cancel", 0);
    this.cancelButton.classList.add("danger");
    this.cancelButton.addEventListener("click", () => actions.cancel());
    this.rerunButton = button("rerun", "Run Again", "Run the same SQL again", "rerun", 0);
    this.rerunButton.addEventListener("click", () => actions.rerun());
    this.copyButton = button("copy", "Copy", "Copy the selection as TSV, CSV, JSON, Markdown or SQL INSERT", "copy", 1);
    this.copyButton.append(icon("chevron"));
    this.copyButton.addEventListener("click", () => actions.copyMenu(this.copyButton));
    this.exportCsv = button("export", "Export CSV", "Export the full result to a CSV file", "export-csv", 1);
    this.exportCsv.addEventListener("click", () => actions.exportAs("csv"));
    this.exportJson = button("json", "Export JSON", "Export the full result to a JSON file", "export-json", 2);
    this.exportJson.addEventListener("click", () => actions.exportAs("json"));
    this.chartButton = button("chart", "Chart", "Chart the result: bar, line or scatter", "chart", 1);
    this.chartButton.addEventListener("click", () => actions.chart());
    const history = button("history", "History", "Open the query history", "history", 2);
    history.addEventListener("click", () => actions.openHistory());
    const more = button("more", "More Actions", "More actions", "more", 0);
    more.setAttribute("aria-haspopup", "menu");
    more.addEventListener("click", () => actions.moreMenu(more));
    this.element = h("div", { class: "toolbar", role: "toolbar", "aria-label": "Results" },
      this.filterInput,
      h("div", { class: "actions" }, this.cancelButton, this.rerunButton, this.copyButton, this.chartButton, this.exportCsv, this.exportJson, history, more));
  }

  setStatus(kind: StatusKind, text: string, detail = "", meta = ""): void {
    this.status.dataset.kind = kind;
    if (this.statusText.textContent !== text) this.statusText.textContent = text;
    if (this.statusMeta.textContent !== meta) this.statusMeta.textContent = meta;
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
    this.chartButton.disabled = !opts.hasGrid;
    this.filterInput.disabled = !opts.hasGrid;
  }
}

/** An icon button; `priority` 2 buttons give way first on a narrow panel (they stay in the More menu). */
function button(iconName: IconName, label: string, title: string, action: string, priority: 0 | 1 | 2): HTMLButtonElement {
  return h("button", { class: "tb-button", type: "button", title, "aria-label": label, "data-action": action, "data-priority": String(priority) }, icon(iconName));
}
