import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Identities } from "./auth";

/**
 * A Databricks config file (~/.databrickscfg format, reference §2.1) with a PAT
 * profile [emulator] for the user and an M2M profile [emulator-m2m] for the SP.
 */
export function renderConfigFile(host: string, ids: Identities): string {
  return [
    "; Written by the Lakebase emulator. Profiles point at a loopback workspace.",
    "[emulator]",
    `host  = ${host}`,
    `token = ${ids.user.pat}`,
    "",
    "[emulator-m2m]",
    `host          = ${host}`,
    `client_id     = ${ids.servicePrincipal.clientId}`,
    `client_secret = ${ids.servicePrincipal.clientSecret}`,
    "auth_type     = oauth-m2m",
    "",
  ].join("\n");
}

export function writeConfigFile(file: string, host: string, ids: Identities): void {
  mkdirSync(dirname(file), { recursive: true });
  // Holds secrets: owner-only, like the CLI writes it.
  writeFileSync(file, renderConfigFile(host, ids), { mode: 0o600 });
}
