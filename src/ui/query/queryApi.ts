/**
 * The query part of the public API (exposed by src/ui/publicApi.ts) and the argument shapes the
 * `lakebase.query.run` command accepts from automation.
 */
import * as vscode from "vscode";
import { UserFacingError } from "../../core/errors";
import { matchWorkspaceFolder } from "../shell";
import type { QueryController } from "./queryController";
import { DEFAULT_RETURN_ROWS, type QuerySummary } from "./querySummary";

export type { QuerySummary, QueryResultSummary, QueryStatus } from "./querySummary";

export interface RunQueryParams {
  sql: string;
  /** Workspace folder whose target to use: its URI, path or name. Default: the active editor's folder, else the first. */
  folder?: string | vscode.Uri;
  /** Rows per result copied into the summary (default 100). */
  returnRows?: number;
}

export interface QueryApi {
  /** Runs `sql` on the folder's target, shows it in the results panel, records it in history. SQL errors are in the summary. */
  runQuery(params: RunQueryParams): Promise<QuerySummary>;
}

export function isRunQueryParams(v: unknown): v is RunQueryParams {
  return typeof v === "object" && v !== null && typeof (v as { sql?: unknown }).sql === "string";
}

export function findFolder(folder: string | vscode.Uri | undefined, fallback: () => vscode.WorkspaceFolder): vscode.WorkspaceFolder {
  if (folder === undefined || folder === "") return fallback();
  const folders = vscode.workspace.workspaceFolders ?? [];
  const wanted = typeof folder === "string" ? folder : folder.toString();
  const found = matchWorkspaceFolder(folder);
  if (!found) throw new UserFacingError(`No open workspace folder matches "${wanted}". Open folders: ${folders.map((f) => f.name).join(", ") || "none"}.`);
  return found;
}

export function createQueryApi(controller: QueryController, requireFolder: () => vscode.WorkspaceFolder): QueryApi {
  return {
    runQuery: (params) => {
      if (!isRunQueryParams(params) || !params.sql.trim()) return Promise.reject(new UserFacingError("runQuery needs { sql: string } with at least one statement."));
      return controller.run({ sql: params.sql, folder: findFolder(params.folder, requireFolder), returnRows: Math.max(0, params.returnRows ?? DEFAULT_RETURN_ROWS) });
    },
  };
}
