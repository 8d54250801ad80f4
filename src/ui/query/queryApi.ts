/**
 * The query part of the public API (exposed by src/ui/publicApi.ts) and the argument shapes the
 * `lakebase.query.run` command accepts from automation.
 */
import * as vscode from "vscode";
import { UserFacingError } from "../../core/errors";
import { matchWorkspaceFolder } from "../shell";
import type { ParameterValues } from "../../core/sql/params/bindParameters";
import { scanParameters } from "../../core/sql/params/scanParameters";
import type { QueryController } from "./queryController";
import { DEFAULT_RETURN_ROWS, type QuerySummary } from "./querySummary";

export type { QuerySummary, QueryResultSummary, QueryStatus } from "./querySummary";

export interface RunQueryParams {
  sql: string;
  /** Workspace folder whose target to use: its URI, path or name. Default: the active editor's folder, else the first. */
  folder?: string | vscode.Uri;
  /** Rows per result copied into the summary (default 100). */
  returnRows?: number;
  /** Values of the SQL's `$n` / `:name` placeholders (sent as bind parameters); absent: asked for when the SQL has any. */
  parameters?: Record<string, string | null>;
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
    runQuery: async (params) => {
      if (!isRunQueryParams(params) || !params.sql.trim()) throw new UserFacingError("runQuery needs { sql: string } with at least one statement.");
      const parameters = params.parameters === undefined ? undefined : checkParameters(params.parameters);
      // The API never prompts: SQL with placeholders needs their values.
      const { keys } = scanParameters(params.sql);
      if (!parameters && keys.length > 0) throw new UserFacingError(`This SQL has parameters (${keys.join(", ")}): pass their values as { parameters: { "${keys[0]}": "…" } }.`);
      return controller.run({
        sql: params.sql, folder: findFolder(params.folder, requireFolder), returnRows: Math.max(0, params.returnRows ?? DEFAULT_RETURN_ROWS),
        ...(parameters ? { parameters } : {}),
      });
    },
  };
}

/** `{ "$1": "42", ":name": null }`: every value a string or null. */
export function checkParameters(v: unknown): ParameterValues {
  const ok = typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every((x) => x === null || typeof x === "string");
  if (!ok) throw new UserFacingError('parameters must be an object of strings or null, e.g. { "$1": "42", ":status": "open" }.');
  return v as ParameterValues;
}
