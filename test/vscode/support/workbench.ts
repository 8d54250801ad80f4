// Requests to the runner for what the extension host cannot reach: the workbench's DOM (a
// notification's button) and the results webview's own document (scripts/vscode-host/workbenchRequests.mjs).
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { waitFor } from "./emulatorRest";

let seq = 0;

/** Whether this run can do them (the VS Code server runner; not the Electron one). */
export const workbenchRequestsAvailable = (): boolean => !!process.env.LAKEBASE_TEST_WORKBENCH_DIR;

async function request<T>(body: Record<string, unknown>, timeoutMs = 60_000): Promise<T> {
  const dir = process.env.LAKEBASE_TEST_WORKBENCH_DIR;
  if (!dir) throw new Error("workbench requests need the VS Code server runner (LAKEBASE_TEST_WORKBENCH_DIR)");
  const id = `r${process.pid}-${++seq}`;
  const file = join(dir, `${id}.json`);
  rmSync(file, { force: true });
  console.log(`[lakebase:workbench] ${id} ${JSON.stringify(body)}`);
  const reply = await waitFor(`workbench ${String(body.action)}`, () => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) as { ok: boolean; value?: T; error?: string } : undefined), timeoutMs);
  rmSync(file, { force: true });
  if (!reply.ok) throw new Error(`workbench ${String(body.action)}: ${reply.error}`);
  return reply.value as T;
}

/** Clicks the first visible element matching `selector` (and `text`, a regular expression); returns its text. */
export const clickInWorkbench = (selector: string, text?: string): Promise<string> => request({ action: "click", selector, text });

/** Moves the pointer over the first visible element matching `selector` (e.g. to show its tooltip); returns its text. */
export const hoverInWorkbench = (selector: string): Promise<string> => request({ action: "hover", selector });

/** Moves the pointer to the window's (x, y): off whatever it hovered. */
export const moveMouseInWorkbench = (x: number, y: number): Promise<null> => request({ action: "mouseMove", x, y });

/** Drags the side bar's edge to make it `width` pixels wide; returns the width it got. */
export const setSideBarWidth = (width: number): Promise<number | null> => request({ action: "sideBarWidth", width });

/** The visible text of each element matching `selector` in the workbench. */
export const workbenchTexts = (selector: string): Promise<string[]> => request({ action: "texts", selector });

/** Runs `fn(arg)` in the results webview's document (a function without closures: its source is sent). */
export const inResultsWebview = <T>(fn: (arg: never) => T | Promise<T>, arg?: unknown, timeoutMs?: number): Promise<T> =>
  request({ action: "webview", fn: fn.toString(), arg }, timeoutMs);

/** The results webview renderer's JS heap, when Chromium exposes it. */
export const resultsWebviewMemory = (): Promise<{ usedJSHeapSize: number; totalJSHeapSize: number } | null> => request({ action: "webviewMemory" });

/** A user's action on the first visible element of the results webview matching `selector` (and `text`). */
export const actInResultsWebview = (selector: string, act: "click" | "dblclick" | "rightclick" | "fill" | "press", opts: { value?: string; text?: string } = {}): Promise<string> =>
  request({ action: "webviewAct", selector, act, ...opts });
