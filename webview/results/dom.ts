// Tiny element builder. Attributes go through setAttribute (never a `style` attribute: the panel's CSP allows
// styles only from the stylesheet and CSSOM), children are nodes or text.
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    if (k === "style") throw new Error("use CSSOM (el.style.x) or a class: inline style attributes break the CSP");
    if (k === "class") el.className = v; else el.setAttribute(k, v);
  }
  for (const c of children) el.append(c);
  return el;
}

/** Sets an element's text; when it holds one text node already, that node's data changes (no node made or dropped:
 * the grid refills every visible cell on each scroll frame). */
export function setText(el: HTMLElement, text: string): void {
  const t = el.firstChild;
  if (t !== null && t === el.lastChild && t.nodeType === Node.TEXT_NODE) (t as Text).data = text;
  else el.textContent = text;
}

export const formatCount = (n: number) => n.toLocaleString("en-US");

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}
