/** "Save as PNG" on a chart: asks where (or takes the automation's path) and writes the image the webview drew. */
import { basename } from "node:path";
import * as vscode from "vscode";
import { UserFacingError } from "../../core/errors";
import { chartPngName, decodePngDataUrl } from "./pngDataUrl";

/** Resolves to the file written, or undefined when the user dismisses the dialog. */
export async function saveChartPng(dataUrl: string, name: string, opts: { path?: string; defaultFolder?: vscode.Uri } = {}): Promise<string | undefined> {
  let png: Buffer;
  try { png = decodePngDataUrl(dataUrl); } catch (err) { throw new UserFacingError(`${(err as Error).message} Nothing was saved.`); }
  const fileName = chartPngName(name);
  const uri = opts.path
    ? vscode.Uri.file(opts.path)
    : await vscode.window.showSaveDialog({
      title: "Save the chart as PNG",
      filters: { PNG: ["png"] },
      defaultUri: opts.defaultFolder ? vscode.Uri.joinPath(opts.defaultFolder, fileName) : undefined,
    });
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, png);
  vscode.window.setStatusBarMessage(`Lakebase: chart saved to ${basename(uri.path)}`, 3000);
  return uri.scheme === "file" ? uri.fsPath : uri.toString();
}
