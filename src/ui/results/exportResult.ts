/**
 * Export of a whole result (not just the rows the grid holds) to a file the user picks: the
 * statement is read again on its own connection and streamed to disk (core export.ts), with a
 * cancellable progress notification.
 */
import { basename } from "node:path";
import * as vscode from "vscode";
import { ExportError, exportQuery, type ExportFormat, type ExportResult } from "../../core/db/export";
import type { PoolRegistry } from "../../core/db/poolRegistry";
import type { DbTarget } from "../../core/db/types";
import { UserFacingError } from "../../core/errors";

export interface ExportRequest {
  db: DbTarget;
  /** The single statement whose result is exported. */
  sql: string;
  format: ExportFormat;
  /** Skip the save dialog (automation). */
  path?: string;
  /** Folder proposed by the save dialog. */
  defaultFolder?: vscode.Uri;
}

const FILTERS: Record<ExportFormat, Record<string, string[]>> = { csv: { CSV: ["csv"] }, json: { JSON: ["json"] } };

/** Resolves to undefined when the user dismisses the dialog or cancels the export. */
export async function exportResult(pools: PoolRegistry, req: ExportRequest): Promise<ExportResult | undefined> {
  const uri = req.path
    ? vscode.Uri.file(req.path)
    : await vscode.window.showSaveDialog({
      title: `Export the full result as ${req.format.toUpperCase()}`,
      filters: FILTERS[req.format],
      defaultUri: req.defaultFolder ? vscode.Uri.joinPath(req.defaultFolder, `result.${req.format}`) : undefined,
    });
  if (!uri) return undefined;
  if (uri.scheme !== "file") throw new UserFacingError(`Exports are written to local files; ${uri.toString()} is not one. Pick a file on this machine.`);
  const name = basename(uri.fsPath);
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Lakebase: exporting to ${name}`, cancellable: true },
      (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        let last = 0;
        return exportQuery(pools, req.db, req.sql, {
          format: req.format, path: uri.fsPath, signal: abort.signal,
          onProgress: (p) => {
            // Progress callbacks come per chunk: update the toast a few times a second at most.
            if (Date.now() - last < 250) return;
            last = Date.now();
            progress.report({ message: `${(p.bytes / 1048576).toFixed(1)} MB${p.rows ? ` · ${p.rows.toLocaleString()} rows` : ""}` });
          },
        });
      },
    );
    if (!req.path) {
      void vscode.window.showInformationMessage(`Exported ${result.rows.toLocaleString()} rows to ${name}.`, "Open").then((choice) => {
        if (choice === "Open") void vscode.commands.executeCommand("vscode.open", uri);
      });
    }
    return result;
  } catch (err) {
    if (err instanceof ExportError && err.cancelled) {
      vscode.window.setStatusBarMessage("Lakebase: export cancelled", 3000);
      return undefined;
    }
    if (err instanceof ExportError) {
      const q = err.query;
      const extra = [q?.detail && `Detail: ${q.detail}`, q?.hint && `Hint: ${q.hint}`].filter(Boolean).join(" ");
      throw new UserFacingError(`${err.message}${extra ? ` ${extra}` : ""}`);
    }
    throw err;
  }
}
