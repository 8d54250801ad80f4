/**
 * The public API returned by `activate()`: for other extensions
 * (`vscode.extensions.getExtension("lakebase-dev.lakebase-vscode").exports`) and for automation.
 * Every member is documented in README.md ("Public API").
 */
import type { QuerySummary, RunQueryParams } from "./ui/query/queryApi";

import type { CredentialChangeEvent, CredentialRequest, LakebaseCredential } from "./ui/credentials/credentialApi";

export type { QuerySummary, RunQueryParams } from "./ui/query/queryApi";
export type { CredentialChangeEvent, CredentialRequest, LakebaseCredential } from "./ui/credentials/credentialApi";
/** What a failing command returns to `vscode.commands.executeCommand` (a cancel returns undefined). */
export type { CommandFailure } from "./ui/commands";

export interface LakebaseEvent<T> {
  (listener: (value: T) => void): { dispose(): void };
}

export interface ProfileSnapshot {
  name: string;
  /** Normalized workspace URL (https://…, no trailing slash). */
  host?: string;
  authType?: string;
  state: "unknown" | "valid" | "needs-login" | "error" | "unsupported" | "unusable";
  /** Why the profile is not usable, in words a user can act on. */
  reason?: string;
  isDefault: boolean;
}

export interface TargetSnapshot {
  profile: string;
  project: string;
  branch: string;
  endpoint: string;
  database: string;
  host: string;
}

export interface LakebaseApi {
  /** Semantic version of this API surface (not the extension's version). */
  readonly apiVersion: 1;
  /** Profiles of the Databricks CLI config with their resolved host, auth type and state. */
  profiles(): ProfileSnapshot[];
  /** Fires when the config file or a profile's state changes. */
  readonly onDidChangeProfiles: LakebaseEvent<ProfileSnapshot[]>;
  /** The workspace folder's target (first folder when omitted). */
  target(folder?: string): TargetSnapshot | undefined;
  readonly onDidChangeTarget: LakebaseEvent<{ folder: string; target: TargetSnapshot | undefined }>;
  /**
   * Runs SQL on the folder's target (shown in the results panel, recorded in history).
   * SQL errors come back in the summary (`status: "error"`, SQLSTATE, position), not as a rejection.
   */
  runQuery(params: RunQueryParams): Promise<QuerySummary>;
  /**
   * A Lakebase credential (the Postgres password, a 1-hour OAuth token) for an endpoint, logging in
   * as the profile's identity: the same cached, background-refreshed token the extension uses.
   */
  getCredential(request: CredentialRequest): Promise<LakebaseCredential>;
  /** Fires when any credential is refreshed, fails, nears or passes expiry. Never carries the token. */
  readonly onDidChangeCredential: LakebaseEvent<CredentialChangeEvent>;
}
