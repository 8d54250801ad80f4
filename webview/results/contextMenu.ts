// A small keyboard-accessible context menu (role="menu"). One open at a time.
import { h } from "./dom";

export type MenuEntry = { label: string; shortcut?: string; disabled?: boolean; action: () => void } | "separator";

let open: { el: HTMLElement; close: () => void } | null = null;

export function closeContextMenu(): void { open?.close(); }

export function showContextMenu(x: number, y: number, entries: MenuEntry[], returnFocus: HTMLElement): void {
  closeContextMenu();
  const items: HTMLElement[] = [];
  const menu = h("div", { class: "context-menu", role: "menu", tabindex: "-1" });
  for (const entry of entries) {
    if (entry === "separator") { menu.append(h("div", { class: "menu-sep", role: "separator" })); continue; }
    const item = h("div", { class: `menu-item${entry.disabled ? " disabled" : ""}`, role: "menuitem", tabindex: "-1", "aria-disabled": entry.disabled ? "true" : undefined },
      h("span", { class: "menu-label" }, entry.label), h("span", { class: "menu-key" }, entry.shortcut ?? ""));
    item.addEventListener("click", () => { if (entry.disabled) return; close(); entry.action(); });
    item.addEventListener("mouseenter", () => item.focus());
    items.push(item);
    menu.append(item);
  }
  const close = () => {
    menu.remove();
    window.removeEventListener("mousedown", outside, true);
    window.removeEventListener("blur", close);
    open = null;
    returnFocus.focus();
  };
  const outside = (e: MouseEvent) => { if (!menu.contains(e.target as Node)) close(); };
  menu.addEventListener("keydown", (e) => {
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === "Escape") close();
    else if (e.key === "ArrowDown") items[(i + 1) % items.length]?.focus();
    else if (e.key === "ArrowUp") items[(i - 1 + items.length) % items.length]?.focus();
    else if (e.key === "Enter" || e.key === " ") (document.activeElement as HTMLElement | null)?.click();
    else return;
    e.preventDefault();
    e.stopPropagation();
  });
  document.body.append(menu);
  // Keep the menu inside the panel.
  const r = menu.getBoundingClientRect();
  menu.style.left = `${Math.max(0, Math.min(x, window.innerWidth - r.width - 4))}px`;
  menu.style.top = `${Math.max(0, Math.min(y, window.innerHeight - r.height - 4))}px`;
  window.addEventListener("mousedown", outside, true);
  window.addEventListener("blur", close);
  open = { el: menu, close };
  items.find((it) => !it.classList.contains("disabled"))?.focus();
}
