import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import type { Logger } from "../log";
import { buildDatabaseUrl, childTlsEnv, libpqEnv, type ConnectionTarget } from "./databaseUrl";
import type { DrizzleKit } from "./drizzleProject";
import { StreamingSecretMasker } from "./secretMasker";

export type DrizzleCommand = "generate" | "migrate" | "push" | "check";

export interface RunDrizzleKitOptions {
  kit: DrizzleKit;
  configPath: string;
  command: DrizzleCommand;
  /** Needed by migrate/push; generate works offline. */
  connection?: { target: ConnectionTarget; password: string };
  /** Extra CLI flags, e.g. ["--force"] for push without prompts. */
  extraArgs?: string[];
  /** Output, already masked. */
  onOutput?: (text: string) => void;
  signal?: AbortSignal;
  log?: Logger;
  /** Inherited environment; defaults to process.env. */
  baseEnv?: NodeJS.ProcessEnv;
  /** The diagnostics preload (drizzlePreload.cjs); found next to this module by default. */
  preloadScript?: string;
}

export interface DrizzleKitResult {
  exitCode: number;
  /** The masked output, for reports and error messages. */
  output: string;
  cancelled: boolean;
}

/** Variables that would point drizzle-kit at another database than the one we chose. */
const SCRUBBED = /^(DATABASE_URL|PG[A-Z]+|DATABRICKS_TOKEN|DATABRICKS_CLIENT_SECRET)$/;

/**
 * Runs the project's drizzle-kit with a temporary DATABASE_URL: the credential
 * exists only in the child's environment and is masked in everything it prints.
 */
export function runDrizzleKit(opts: RunDrizzleKitOptions): Promise<DrizzleKitResult> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(opts.baseEnv ?? process.env)) if (!SCRUBBED.test(k)) env[k] = v;
  const secrets: string[] = [];
  if (opts.connection) {
    const url = buildDatabaseUrl(opts.connection.target, opts.connection.password);
    Object.assign(env, libpqEnv(opts.connection.target, opts.connection.password), childTlsEnv(opts.connection.target), { DATABASE_URL: url });
    secrets.push(opts.connection.password, url);
  }
  env.FORCE_COLOR = "0";
  // drizzle-kit's migrate hides database errors; the preload prints them (see drizzlePreload.cjs).
  const preload = opts.preloadScript ?? path.join(__dirname, "drizzlePreload.cjs");
  if (existsSync(preload)) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --require ${JSON.stringify(preload)}`.trim();
  const args = [opts.kit.binScript, opts.command, `--config=${path.basename(opts.configPath)}`, ...(opts.extraArgs ?? [])];
  opts.log?.info(`Running drizzle-kit ${opts.kit.version}: ${opts.command} (${opts.configPath})`);

  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: path.dirname(opts.configPath),
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const masker = new StreamingSecretMasker(secrets);
    let output = "";
    const emit = (text: string) => {
      if (!text) return;
      output += text;
      opts.onOutput?.(text);
    };
    // One masker for both streams keeps the interleaving the user would see.
    child.stdout.on("data", (b: Buffer) => emit(masker.push(b.toString("utf8"))));
    child.stderr.on("data", (b: Buffer) => emit(masker.push(b.toString("utf8"))));
    let cancelled = false;
    const onAbort = () => { cancelled = true; child.kill("SIGTERM"); };
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    child.on("error", (err) => {
      opts.signal?.removeEventListener("abort", onAbort);
      reject(err);
    });
    child.on("close", (code, signal) => {
      opts.signal?.removeEventListener("abort", onAbort);
      emit(masker.flush());
      const exitCode = code ?? (signal ? 128 + 15 : 1);
      opts.log?.info(`drizzle-kit ${opts.command} exited with ${exitCode}${cancelled ? " (cancelled)" : ""}`);
      resolve({ exitCode, output, cancelled });
    });
  });
}
