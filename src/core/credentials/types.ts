/**
 * Shapes shared by the credential manager and its callers (pool registry, status bar).
 * A Lakebase credential is a 1-hour OAuth token used as the Postgres password; the server
 * checks it only at login, so an open connection survives its expiry.
 */

/** Which credential: one per (profile, endpoint, Postgres identity). */
export interface CredentialKey {
  profile: string;
  /** Full endpoint resource name: projects/{p}/branches/{b}/endpoints/{e}. */
  endpoint: string;
  /** The Postgres user the token logs in as (email or service principal id). */
  identity: string;
}

export interface MintedCredential {
  token: string;
  expireTime: Date;
}

/**
 * Mints a credential: `POST /api/2.0/postgres/credentials {endpoint}` with the profile's
 * workspace auth. The manager depends only on this, so tests and the real client plug in alike.
 */
export type MintCredential = (key: CredentialKey, signal?: AbortSignal) => Promise<MintedCredential>;

export type CredentialState =
  /** Nothing fetched yet. */
  | "empty"
  | "fresh"
  | "refreshing"
  | "expiring-soon"
  | "expired"
  | "failed";

export interface CredentialErrorInfo {
  message: string;
  status?: number;
  errorCode?: string;
  /** True when refreshing stopped because retrying cannot help (401, 403, other 4xx). */
  fatal: boolean;
  at: Date;
}

/** A snapshot for the status bar and for events. Never contains the token. */
export interface CredentialStatus {
  key: CredentialKey;
  state: CredentialState;
  expireTime?: Date;
  lastRefresh?: Date;
  lastError?: CredentialErrorInfo;
  /** When the background refresher will next try (undefined: not scheduled). */
  nextRefresh?: Date;
  /** Number of holders keeping this credential fresh. */
  leases: number;
}

export type CredentialEvent = "fresh" | "refreshing" | "expiring-soon" | "expired" | "failed";

export interface Lease {
  dispose(): void;
}

/**
 * What the pool registry needs from the manager; lets db/ be tested with a stub. A pool takes no
 * lease: the target session that uses it holds one (`TargetSession`), and a pool opened outside
 * a session (an explorer query on another branch) gets a current token per new connection.
 */
export interface CredentialProvider {
  get(key: CredentialKey, signal?: AbortSignal): Promise<string>;
  invalidate(key: CredentialKey, rejectedToken?: string): void;
}

export function credentialKeyId(key: CredentialKey): string {
  return `${key.profile}\u0000${key.endpoint}\u0000${key.identity}`;
}

export function describeKey(key: CredentialKey): string {
  return `${key.identity} @ ${key.endpoint} (profile ${key.profile})`;
}
