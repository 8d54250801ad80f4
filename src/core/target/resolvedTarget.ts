import type { CredentialKey } from "../credentials/types";
import type { DbTarget } from "../db/types";
import type { ConnectionTarget } from "../migrations/databaseUrl";
import type { WorkspaceTarget } from "./targetStore";

/** A workspace target with everything needed to log in: the Postgres user comes from the profile's identity. */
export interface ResolvedTarget {
  target: WorkspaceTarget;
  db: DbTarget;
  credentialKey: CredentialKey;
  connection: ConnectionTarget;
}
