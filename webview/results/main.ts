// Entry of the results webview bundle (dist/webview/results.js). Builds the UI, listens, then says `ready`:
// the host sends nothing before `ready`, so nothing needs buffering here.
import { isExtensionMessage } from "../../src/shared/protocol";
import { ResultsApp, type SavedState } from "./app";
import { getVsCodeApi } from "./vscodeApi";

const vscode = getVsCodeApi<SavedState>();
const root = document.getElementById("root") ?? document.body;
const app = new ResultsApp(root, vscode);

window.addEventListener("message", (event: MessageEvent<unknown>) => {
  // Messages come only from the extension host; anything else (or malformed) is ignored.
  if (isExtensionMessage(event.data)) app.handle(event.data);
});
vscode.postMessage({ type: "ready" });
