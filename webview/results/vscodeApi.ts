// Typed access to the webview API VS Code injects (stubbed by the test harness).
import type { WebviewMessage } from "../../src/shared/protocol";

export interface VsCodeApi<S> {
  postMessage(message: WebviewMessage): void;
  getState(): S | undefined;
  setState(state: S): void;
}

declare function acquireVsCodeApi<S>(): VsCodeApi<S>;

export function getVsCodeApi<S>(): VsCodeApi<S> {
  return acquireVsCodeApi<S>();
}
