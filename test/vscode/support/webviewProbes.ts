// Functions the end-to-end bench runs inside the results webview (their source is sent through the runner,
// scripts/vscode-host/workbenchRequests.mjs): self-contained, no closures, browser globals only.
// This tier's tsconfig has no DOM library: the few browser globals used are declared here, for this module only.
interface El { textContent: string | null; scrollTop: number; scrollHeight: number; clientHeight: number; offsetHeight: number; dispatchEvent(e: unknown): boolean }
declare const document: { querySelector(s: string): El | null; querySelectorAll(s: string): ArrayLike<El> & Iterable<El>; body: El };
declare const window: unknown;
declare const requestAnimationFrame: (cb: () => void) => number;
declare const MutationObserver: new (cb: () => void) => { observe(target: El, o: Record<string, boolean>): void; disconnect(): void };
declare const Event: new (type: string) => unknown;

export interface PaintHit { seenAt: number; paintedAt?: number }

/** Arms a watch: the first time a grid cell shows `mark` (epoch ms), and the end of the frame that drew it. */
export function armFirstPaint(mark: string): boolean {
  const w = window as { __lbPaint: PaintHit | null };
  w.__lbPaint = null;
  const obs = new MutationObserver(() => {
    if (w.__lbPaint) return;
    for (const c of document.querySelectorAll(".grid-body .cell")) {
      if (c.textContent !== mark) continue;
      const hit: PaintHit = { seenAt: Date.now() };
      w.__lbPaint = hit;
      obs.disconnect();
      // rAF runs before the frame is drawn; a task queued from it runs after.
      requestAnimationFrame(() => setTimeout(() => { hit.paintedAt = Date.now(); }, 0));
      return;
    }
  });
  obs.observe(document.body, { subtree: true, childList: true, characterData: true });
  return true;
}

/** The watch's result once the frame is drawn, else null. */
export function firstPaint(): PaintHit | null {
  const hit = (window as { __lbPaint: PaintHit | null }).__lbPaint;
  return hit?.paintedAt ? hit : null;
}

/**
 * Scrolls the grid once per animation frame, `n` frames: wheel steps of 66 px for the first half, then
 * scrollbar jumps to pseudo-random places. Per frame: the work (scroll handler, style, layout, forced at
 * once) and the interval since the previous frame.
 */
export async function scrollFrames(n: number): Promise<{ work: number[]; intervals: number[]; cells: number; scrollHeight: number }> {
  const el = document.querySelector(".grid");
  if (!el) throw new Error("no grid in the results webview");
  const work: number[] = [];
  const intervals: number[] = [];
  let seed = 7;
  const rnd = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
  let last = 0;
  for (let i = 0; i < n; i++) {
    await new Promise<void>((r) => requestAnimationFrame(r));
    const t0 = performance.now();
    if (last) intervals.push(t0 - last);
    last = t0;
    el.scrollTop = i < n / 2 ? el.scrollTop + 66 : Math.floor(rnd() * (el.scrollHeight - el.clientHeight));
    el.dispatchEvent(new Event("scroll"));
    void document.body.offsetHeight;
    work.push(performance.now() - t0);
  }
  return { work, intervals, cells: document.querySelectorAll(".grid-body .cell").length, scrollHeight: el.scrollHeight };
}

/** The text of every element matching `selector` in the webview. */
export function textsOf(selector: string): string[] {
  return Array.from(document.querySelectorAll(selector), (e) => e.textContent ?? "");
}
