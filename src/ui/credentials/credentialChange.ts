/**
 * The event other extensions get through `onDidChangeCredential`, built from the manager's status
 * snapshot. No vscode import, so the payloads are unit-tested against a real CredentialManager.
 */
import type { CredentialEvent, CredentialState, CredentialStatus } from "../../core/credentials/types";

/** Fired when any credential changes state. Never carries the token. */
export interface CredentialChangeEvent {
  profile: string;
  endpoint: string;
  user: string;
  event: CredentialEvent;
  /** The state once the change settled ("fresh" after a refresh, "failed" after a fatal error…). */
  state: CredentialState;
  expireTime?: Date;
  /** Why the last request failed, if it did (never a token). */
  error?: string;
}

export const CREDENTIAL_EVENTS: readonly CredentialEvent[] = ["fresh", "refreshing", "expiring-soon", "expired", "failed"];

export function toCredentialChange(event: CredentialEvent, s: CredentialStatus): CredentialChangeEvent {
  return {
    profile: s.key.profile,
    endpoint: s.key.endpoint,
    user: s.key.identity,
    event,
    state: s.state,
    ...(s.expireTime ? { expireTime: new Date(s.expireTime.getTime()) } : {}),
    ...(s.lastError ? { error: s.lastError.message } : {}),
  };
}
