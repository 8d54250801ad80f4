import { homedir } from "node:os";
import * as vscode from "vscode";
import type { TlsOptions } from "../core/tlsTrust";
import type { ProfileSettings } from "../core/profiles/profileService";
import { DEFAULT_QUERY_MAX_RESULT_BYTES, DEFAULT_QUERY_MAX_ROWS, DEFAULT_QUERY_PAGE_SIZE, DEFAULT_QUERY_TIMEOUT_S } from "./query/queryDefaults";

/** Settings are read in one place so their names live next to package.json's. */
export function profileSettings(): ProfileSettings {
  const c = vscode.workspace.getConfiguration("lakebase");
  const str = (k: string) => (c.get<string>(k) ?? "").trim() || undefined;
  return { configFile: str("configFile"), defaultProfile: str("defaultProfile"), cliPath: str("databricksCliPath") };
}

/**
 * `lakebase.extraCaFile`: a PEM file of CAs trusted besides Node's root store (`~` expanded).
 * User settings only: a workspace's own settings must not be able to add a trusted CA (a cloned
 * repository could otherwise have tokens sent to a server it controls).
 */
export function tlsSettings(): TlsOptions {
  const raw = (vscode.workspace.getConfiguration("lakebase").inspect<string>("extraCaFile")?.globalValue ?? "").trim();
  if (!raw) return {};
  return { extraCaFile: raw === "~" || raw.startsWith("~/") ? homedir() + raw.slice(1) : raw };
}

export function refreshBeforeExpiryMs(): number {
  const minutes = vscode.workspace.getConfiguration("lakebase").get<number>("credentials.refreshBeforeExpiry", 5);
  return Math.max(1, minutes) * 60_000;
}

export interface QuerySettings {
  /** Client-side limit for one run (0: none). */
  timeoutMs: number;
  /** Rows per result kept for the grid; the rest is not fetched. */
  maxRows: number;
  /** Bytes of cell text per result kept for the grid; the rest is not fetched. */
  maxResultBytes: number;
  /** Rows per fetch and per message to the results panel. */
  pageSize: number;
}

/** A whole-number setting clamped to [min, max]; a value that is not a number gives the default. */
export function clampedInt(c: vscode.WorkspaceConfiguration, key: string, def: number, min: number, max: number): number {
  const v = Math.floor(Number(c.get<number>(key, def)));
  return Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : def;
}

export function querySettings(scope?: vscode.ConfigurationScope): QuerySettings {
  const c = vscode.workspace.getConfiguration("lakebase.query", scope);
  const int = (k: string, def: number, min: number, max: number) => clampedInt(c, k, def, min, max);
  return {
    timeoutMs: int("timeout", DEFAULT_QUERY_TIMEOUT_S, 0, 86_400) * 1000,
    maxRows: int("maxRows", DEFAULT_QUERY_MAX_ROWS, 1, 10_000_000),
    maxResultBytes: int("maxResultBytes", DEFAULT_QUERY_MAX_RESULT_BYTES, 2 ** 20, 2 ** 31),
    pageSize: int("pageSize", DEFAULT_QUERY_PAGE_SIZE, 50, 50_000),
  };
}
