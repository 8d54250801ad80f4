// Entry of the results webview bundle (dist/webview/results.js). Builds the UI, listens, then says `ready`:
// the host sends nothing before `ready`, so nothing needs buffering here.
import { isExtensionMessage } from "../../src/shared/protocol";
import { unpackPosted } from "../../src/shared/rowPageWire";
import { ResultsApp, type SavedState } from "./app";
import { getVsCodeApi } from "./vscodeApi";

const vscode = getVsCodeApi<SavedState>();
const root = document.getElementById("root") ?? document.body;
const app = new ResultsApp(root, vscode);

window.addEventListener("message", (event: MessageEvent<unknown>) => {
  // Messages come only from the extension host; anything else (or malformed) is ignored. Pages of rows come
  // packed (src/shared/rowPageWire.ts).
  const msg = unpackPosted(event.data);
  if (isExtensionMessage(msg)) app.handle(msg);
});
vscode.postMessage({ type: "ready" });
