// Mouse and keyboard handling for the grid: selection, sort clicks, column resize and move, copy shortcuts.
// Columns here are display positions (grid.colLayout maps them to data columns for sort, widths and edits).
import { fitColumnWidth } from "./columnWidths";
import type { Grid } from "./grid";

export function attachGridInput(grid: Grid): void {
  const el = grid.element;
  let dragging = false;
  /** A press on a header: a click (sort) on release, or a column move once the pointer travels. */
  let press: { pos: number; x: number; y: number; moving: boolean } | null = null;
  let dropTarget: HTMLElement | null = null;
  const setDropTarget = (t: HTMLElement | null) => {
    if (t === dropTarget) return;
    dropTarget?.classList.remove("drop-before", "drop-after");
    dropTarget = t;
    if (t && press) t.classList.add(Number(t.dataset.pos) < press.pos ? "drop-before" : "drop-after");
  };
  const headerAt = (x: number, y: number) => {
    const el = document.elementFromPoint(x, y)?.closest<HTMLElement>(".hcell");
    return el && grid.element.contains(el) ? el : null;
  };

  el.addEventListener("mousedown", (e) => {
    if (e.button !== 0) return;
    const resizer = e.target instanceof Element ? e.target.closest(".resizer") : null;
    if (resizer) { startResize(grid, e, Number((resizer.parentElement as HTMLElement).dataset.col)); return; }
    const headerCol = grid.headerColumnAt(e.target);
    if (headerCol !== null) {
      e.preventDefault();
      el.focus();
      if (e.shiftKey || e.ctrlKey || e.metaKey) {
        const extend = e.shiftKey && grid.selection.active && grid.selection.kind === "cols";
        grid.selection.set({ row: 0, col: headerCol }, extend, "cols");
        grid.render();
        grid.events.selectionChanged();
      } else press = { pos: headerCol, x: e.clientX, y: e.clientY, moving: false };
      return;
    }
    const hit = grid.hitTest(e.target);
    if (!hit) return;
    e.preventDefault();
    el.focus();
    if (hit.gutter) grid.selection.set({ row: hit.row, col: 0 }, e.shiftKey && grid.selection.kind === "rows", "rows");
    else grid.selection.set({ row: hit.row, col: hit.col }, e.shiftKey);
    dragging = true;
    grid.render();
    grid.events.selectionChanged();
  });
  window.addEventListener("mousemove", (e) => {
    if (!press) return;
    if (!press.moving && Math.abs(e.clientX - press.x) + Math.abs(e.clientY - press.y) < 5) return;
    press.moving = true;
    el.classList.add("col-moving");
    const t = headerAt(e.clientX, e.clientY);
    setDropTarget(t && Number(t.dataset.pos) !== press.pos ? t : null);
  });
  window.addEventListener("mouseup", (e) => {
    const p = press;
    if (!p) return;
    press = null;
    el.classList.remove("col-moving");
    const target = p.moving ? headerAt(e.clientX, e.clientY) : null;
    setDropTarget(null);
    if (!p.moving) { cycleSort(grid, grid.colLayout.dataCol(p.pos)); return; }
    if (target) moveColumn(grid, p.pos, Number(target.dataset.pos));
  });
  el.addEventListener("mousemove", (e) => {
    if (!dragging) return;
    const hit = grid.hitTest(e.target);
    if (!hit) return;
    const f = grid.selection.focus;
    const col = grid.selection.kind === "rows" ? f.col : hit.col;
    if (f.row === hit.row && f.col === col) return;
    grid.selection.set({ row: hit.row, col }, true);
    grid.render();
  });
  window.addEventListener("mouseup", () => {
    if (dragging) { dragging = false; grid.events.selectionChanged(); }
  });
  el.addEventListener("dblclick", (e) => {
    const resizer = e.target instanceof Element ? e.target.closest(".resizer") : null;
    const cellHit = resizer ? null : grid.hitTest(e.target);
    if (cellHit && !cellHit.gutter) { grid.events.editCell?.(cellHit.row, grid.colLayout.dataCol(cellHit.col)); return; }
    if (!resizer || !grid.data) return;
    const col = Number((resizer.parentElement as HTMLElement).dataset.col);
    grid.setColumnWidth(col, fitColumnWidth(grid.data.columns, grid.data.rows, col, el));
    grid.events.widthsChanged(grid.widths);
  });
  el.addEventListener("contextmenu", (e) => {
    e.preventDefault();
    const headerCol = grid.headerColumnAt(e.target);
    const hit = grid.hitTest(e.target);
    if (hit) {
      const r = grid.selection.range(grid.rowCount, grid.colCount);
      const inside = r && hit.row >= r.r0 && hit.row <= r.r1 && (hit.gutter || (hit.col >= r.c0 && hit.col <= r.c1));
      if (!inside) { grid.selection.set({ row: hit.row, col: hit.col }, false, hit.gutter ? "rows" : "cells"); grid.render(); }
    }
    grid.events.contextMenu(e.clientX, e.clientY, headerCol);
  });
  // Long values are cut in the DOM; the tooltip shows (a bounded part of) the full value.
  el.addEventListener("mouseover", (e) => {
    const hit = grid.hitTest(e.target);
    if (!hit || hit.gutter || !grid.data) return;
    const v = grid.data.rows[grid.data.view.rowAt(hit.row)]![grid.colLayout.dataCol(hit.col)];
    (e.target as HTMLElement).title = v === null || v === undefined ? "NULL" : v.length > 2000 ? `${v.slice(0, 2000)}…` : v;
  });
  el.addEventListener("keydown", (e) => onKey(grid, e));
  // The editor's own Copy command (menu, remapped keys) arrives as a copy event.
  document.addEventListener("copy", (e) => {
    if (document.activeElement !== el || !grid.selection.active) return;
    e.preventDefault();
    grid.events.copyRequested(false);
  });
}

function cycleSort(grid: Grid, col: number): void {
  const cur = grid.data?.view.sort;
  const next = !cur || cur.col !== col ? { col, dir: "asc" as const } : cur.dir === "asc" ? { col, dir: "desc" as const } : null;
  grid.events.sortChanged(next);
}

/** Moves the column at display position `from` to `to`; the focus follows it (on `row`, or the whole column). */
function moveColumn(grid: Grid, from: number, to: number, row?: number): void {
  if (!grid.changeLayout((l) => l.move(from, to))) return;
  grid.selection.set({ row: row ?? 0, col: to }, false, row === undefined ? "cols" : "cells");
  grid.revealFocus();
  grid.events.selectionChanged();
}

function onKey(grid: Grid, e: KeyboardEvent): void {
  const mod = e.ctrlKey || e.metaKey;
  const rows = grid.rowCount, cols = grid.colCount;
  if (rows === 0 || cols === 0) return;
  const s = grid.selection;
  // Alt+Shift+Left/Right moves the focused column (Ctrl+Shift+arrows already extend the selection to the edge).
  if (e.altKey && e.shiftKey && !mod && (e.key === "ArrowLeft" || e.key === "ArrowRight")) {
    e.preventDefault();
    const from = s.active ? s.focus.col : 0;
    moveColumn(grid, from, from + (e.key === "ArrowLeft" ? -1 : 1), s.active ? s.focus.row : 0);
    return;
  }
  const extend = e.shiftKey;
  switch (e.key) {
    case "ArrowUp": s.move(mod ? -rows : -1, 0, extend, rows, cols); break;
    case "ArrowDown": s.move(mod ? rows : 1, 0, extend, rows, cols); break;
    case "ArrowLeft": s.move(0, mod ? -cols : -1, extend, rows, cols); break;
    case "ArrowRight": s.move(0, mod ? cols : 1, extend, rows, cols); break;
    case "PageUp": s.move(-grid.pageRows, 0, extend, rows, cols); break;
    case "PageDown": s.move(grid.pageRows, 0, extend, rows, cols); break;
    case "Home": s.moveTo({ row: mod ? 0 : s.focus.row, col: 0 }, extend, rows, cols); break;
    case "End": s.moveTo({ row: mod ? rows - 1 : s.focus.row, col: cols - 1 }, extend, rows, cols); break;
    case " ":
      if (e.ctrlKey) s.set({ row: s.focus.row, col: s.focus.col }, false, "cols");
      else if (e.shiftKey) s.set({ row: s.focus.row, col: s.focus.col }, false, "rows");
      else return;
      break;
    case "F2": case "Enter":
      if (!s.active || !grid.events.editCell) return;
      e.preventDefault();
      grid.events.editCell(s.focus.row, s.focus.col);
      return;
    case "ContextMenu": case "F10": {
      if (e.key === "F10" && !e.shiftKey) return;
      e.preventDefault();
      const cell = grid.element.querySelector(".cell.focus") ?? grid.element;
      const rect = cell.getBoundingClientRect();
      grid.events.contextMenu(rect.left + 8, rect.bottom, null);
      return;
    }
    default:
      if (mod && e.key.toLowerCase() === "a") { s.selectAll(rows, cols); grid.render(); e.preventDefault(); grid.events.selectionChanged(); return; }
      if (mod && e.key.toLowerCase() === "c") { e.preventDefault(); grid.events.copyRequested(e.shiftKey); return; }
      return;
  }
  e.preventDefault();
  grid.revealFocus();
  grid.events.selectionChanged();
}

function startResize(grid: Grid, e: MouseEvent, col: number): void {
  e.preventDefault();
  e.stopPropagation();
  const startX = e.clientX;
  const startW = grid.widths[col]!; // `col` is the data column (the header's data-col)
  const move = (m: MouseEvent) => grid.setColumnWidth(col, startW + m.clientX - startX);
  const up = () => {
    window.removeEventListener("mousemove", move);
    window.removeEventListener("mouseup", up);
    grid.element.classList.remove("resizing");
    grid.events.widthsChanged(grid.widths);
  };
  grid.element.classList.add("resizing");
  window.addEventListener("mousemove", move);
  window.addEventListener("mouseup", up);
}
