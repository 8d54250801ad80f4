import type { CredentialProvider } from "../credentials/types";
import type { ResolvedTarget } from "../lakebaseServices";
import type { Logger, SecretRegistry } from "../log";
import { findDrizzleKit } from "./drizzleProject";
import { runDrizzleKit, type DrizzleCommand, type DrizzleKitResult } from "./runDrizzleKit";

export interface MigrationRun {
  configPath: string;
  command: DrizzleCommand;
  /** Needed for migrate/push: where to apply. */
  target?: ResolvedTarget;
  extraArgs?: string[];
  onOutput?: (text: string) => void;
  signal?: AbortSignal;
  preloadScript?: string;
  /** Overall limit in ms (0/undefined: none). */
  timeoutMs?: number;
  killGraceMs?: number;
}

/**
 * drizzle-kit with a credential fresh from the credential manager: the same cached,
 * background-refreshed token the pools use, handed only to the child process.
 */
/** What a drizzle-kit run needs: a fresh credential, the log, and the secrets to mask in its output. */
export interface MigrationDeps {
  credentials: Pick<CredentialProvider, "get">;
  logger: Logger;
  secrets: SecretRegistry;
}

export async function runMigration(services: MigrationDeps, run: MigrationRun): Promise<DrizzleKitResult> {
  const kit = await findDrizzleKit(run.configPath);
  let connection: { target: ResolvedTarget["connection"]; password: string } | undefined;
  if (run.command !== "generate" && run.command !== "check") {
    if (!run.target) throw new Error(`drizzle-kit ${run.command} needs a target database`);
    connection = { target: run.target.connection, password: await services.credentials.get(run.target.credentialKey, run.signal) };
  }
  return runDrizzleKit({
    kit,
    configPath: run.configPath,
    command: run.command,
    connection,
    extraArgs: run.extraArgs,
    onOutput: run.onOutput,
    signal: run.signal,
    log: services.logger,
    // Tokens and client secrets the extension knows are masked in drizzle-kit's output too.
    secrets: services.secrets,
    preloadScript: run.preloadScript,
    timeoutMs: run.timeoutMs,
    killGraceMs: run.killGraceMs,
  });
}
