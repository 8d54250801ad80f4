// "Columns…": every column of the result with a checkbox to show or hide it, a search box that narrows the list
// (a wide table has hundreds), plus Show All and Reset Column Order. A small popup like the context menu (one open
// at a time, Escape or a click outside closes it, focus returns), placed below the grid's header row so the
// columns it lists stay in sight.
import type { ColumnInfo } from "../../src/shared/protocol";
import type { ColumnLayout } from "./columnLayout";
import { h } from "./dom";

export interface ColumnsPanelHost {
  columns: ColumnInfo[];
  layout: ColumnLayout;
  /** Applies a change to the grid's layout (the grid re-renders and saves it); false when nothing changed. */
  change(edit: (layout: ColumnLayout) => boolean | void): boolean;
  /** The popup's top edge goes no higher than this (the bottom of the grid's header row), in client pixels. */
  minTop?: number;
}

let open: (() => void) | null = null;

export function closeColumnsPanel(): void { open?.(); }

export function showColumnsPanel(x: number, y: number, host: ColumnsPanelHost, returnFocus: HTMLElement): void {
  closeColumnsPanel();
  const list = h("div", { class: "columns-list", role: "group", "aria-label": "Columns" });
  const showAll = h("button", { class: "eb-button", type: "button", "data-action": "columns-show-all" }, "Show All");
  const resetOrder = h("button", { class: "eb-button", type: "button", "data-action": "columns-reset-order" }, "Reset Column Order");
  const summary = h("span", { class: "columns-summary" });
  const search = h("input", { class: "columns-search", type: "search", placeholder: "Search columns", "aria-label": "Search columns", spellcheck: "false" });
  const none = h("div", { class: "columns-none", role: "status", hidden: "" }, "No column matches.");
  const panel = h("div", { class: "columns-panel", role: "dialog", "aria-label": "Columns", tabindex: "-1" },
    h("div", { class: "columns-head" }, h("span", { class: "columns-title" }, "Columns"), summary), search, list, none,
    h("div", { class: "columns-actions" }, showAll, resetOrder));
  const boxes = new Map<number, HTMLInputElement>();
  const sync = () => {
    const { layout } = host;
    for (const [c, box] of boxes) { box.checked = !layout.isHidden(c); box.disabled = box.checked && layout.length <= 1; }
    summary.textContent = layout.hiddenCount ? `${layout.hiddenCount} hidden` : "all shown";
    showAll.disabled = layout.hiddenCount === 0;
    resetOrder.disabled = !layout.isReordered;
  };
  // Listed in display order (hidden ones where they would be), so the list reads like the grid.
  for (const c of host.layout.allInOrder()) {
    const col = host.columns[c]!;
    const box = h("input", { type: "checkbox", "data-col": String(c) });
    box.addEventListener("change", () => { host.change((l) => (box.checked ? l.show(c) : l.hide(c))); sync(); });
    boxes.set(c, box);
    list.append(h("label", { class: "columns-item", title: `${col.name} (${col.typeName})` }, box, h("span", { class: "columns-name" }, col.name), h("span", { class: "htype" }, col.typeName)));
  }
  // Narrows the list to the columns whose name (or type) holds the text; what is checked does not change.
  search.addEventListener("input", () => {
    const q = search.value.trim().toLowerCase();
    let shown = 0;
    for (const item of list.children as HTMLCollectionOf<HTMLElement>) {
      const c = Number(item.querySelector("input")!.dataset.col);
      const col = host.columns[c]!;
      const match = !q || col.name.toLowerCase().includes(q) || col.typeName.toLowerCase().includes(q);
      item.hidden = !match;
      if (match) shown++;
    }
    none.hidden = shown > 0;
  });
  search.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowDown" && e.key !== "Enter") return;
    e.preventDefault();
    list.querySelector<HTMLInputElement>(".columns-item:not([hidden]) input")?.focus();
  });
  showAll.addEventListener("click", () => { host.change((l) => { if (!l.hiddenCount) return false; l.showAll(); }); sync(); keepFocus(showAll); });
  resetOrder.addEventListener("click", () => {
    host.change((l) => { if (!l.isReordered) return false; l.resetOrder(); });
    // The list follows the order: rebuild it in place.
    const items = [...list.children];
    items.sort((a, b) => Number(a.querySelector("input")!.dataset.col) - Number(b.querySelector("input")!.dataset.col));
    list.replaceChildren(...items);
    sync();
    keepFocus(resetOrder);
  });
  // A button that just disabled itself would drop the focus out of the panel: keep it on the list.
  const keepFocus = (b: HTMLButtonElement) => { if (b.disabled) search.focus(); };
  sync();
  const close = () => {
    panel.remove();
    window.removeEventListener("mousedown", outside, true);
    window.removeEventListener("keydown", onKey, true);
    open = null;
    returnFocus.focus({ preventScroll: true });
  };
  const outside = (e: MouseEvent) => { if (!panel.contains(e.target as Node)) close(); };
  // On the window: a button that just disabled itself (Show All) drops the focus out of the panel.
  const onKey = (e: KeyboardEvent) => { if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); close(); } };
  window.addEventListener("keydown", onKey, true);
  document.body.append(panel);
  // Below the header row (a click on a header opens it there, not over the names); shorter when the panel is short.
  const minTop = Math.max(0, host.minTop ?? 0);
  const top = Math.max(minTop, Math.min(y, window.innerHeight - panel.getBoundingClientRect().height - 4));
  panel.style.top = `${top}px`;
  panel.style.maxHeight = `${Math.max(120, Math.min(420, window.innerHeight - top - 4))}px`;
  panel.style.left = `${Math.max(0, Math.min(x, window.innerWidth - panel.getBoundingClientRect().width - 4))}px`;
  window.addEventListener("mousedown", outside, true);
  open = close;
  search.focus();
}
