import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { StringDecoder } from "node:string_decoder";
import type { Logger, SecretRegistry } from "../log";
import { buildChildEnv } from "./childEnv";
import { buildDatabaseUrl, childTlsEnv, libpqEnv, type ConnectionTarget } from "./databaseUrl";
import type { DrizzleKit } from "./drizzleProject";
import { StreamingSecretMasker } from "./secretMasker";

export type DrizzleCommand = "generate" | "migrate" | "push" | "check";

/** How long a child has to exit after SIGTERM before it gets SIGKILL. */
export const DEFAULT_KILL_GRACE_MS = 5000;

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
  /** Other known secrets (tokens, client secrets) to mask in the output too. */
  secrets?: SecretRegistry;
  /** Inherited environment; defaults to process.env. Filtered by `buildChildEnv`. */
  baseEnv?: NodeJS.ProcessEnv;
  /** The diagnostics preload (drizzlePreload.cjs); found next to this module by default. */
  preloadScript?: string;
  /** Stop the run after this long (SIGTERM, then SIGKILL). 0 or undefined: no limit. */
  timeoutMs?: number;
  /** Between SIGTERM and SIGKILL. */
  killGraceMs?: number;
}

export interface DrizzleKitResult {
  exitCode: number;
  /** The masked output, for reports and error messages. */
  output: string;
  cancelled: boolean;
  /** Stopped by `timeoutMs`. */
  timedOut: boolean;
  /** The signal that ended the child, if one did. */
  signal?: NodeJS.Signals;
}

/**
 * Runs the project's drizzle-kit with a temporary DATABASE_URL: the credential
 * exists only in the child's environment and is masked in everything it prints.
 */
export function runDrizzleKit(opts: RunDrizzleKitOptions): Promise<DrizzleKitResult> {
  const ours: Record<string, string> = { FORCE_COLOR: "0" };
  const secrets: string[] = [...(opts.secrets?.values() ?? [])];
  if (opts.connection) {
    const url = buildDatabaseUrl(opts.connection.target, opts.connection.password);
    Object.assign(ours, libpqEnv(opts.connection.target, opts.connection.password), childTlsEnv(opts.connection.target), { DATABASE_URL: url });
    secrets.push(opts.connection.password, url);
  }
  const env = buildChildEnv(opts.baseEnv ?? process.env, ours);
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
    // A decoder per stream keeps a multi-byte character whole across chunks; one masker
    // for both streams keeps the interleaving the user would see.
    const decoders = { stdout: new StringDecoder("utf8"), stderr: new StringDecoder("utf8") };
    child.stdout.on("data", (b: Buffer) => emit(masker.push(decoders.stdout.write(b))));
    child.stderr.on("data", (b: Buffer) => emit(masker.push(decoders.stderr.write(b))));

    let cancelled = false;
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      if (killTimer || child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      // A child that ignores SIGTERM (or hangs in a prompt) must still end.
      killTimer = setTimeout(() => { if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL"); }, opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS);
    };
    const onAbort = () => { cancelled = true; stop(); };
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener("abort", onAbort, { once: true });
    const timeout = opts.timeoutMs && opts.timeoutMs > 0
      ? setTimeout(() => { timedOut = true; opts.log?.warn(`drizzle-kit ${opts.command} exceeded ${opts.timeoutMs} ms: stopping it`); stop(); }, opts.timeoutMs)
      : undefined;
    const cleanup = () => {
      opts.signal?.removeEventListener("abort", onAbort);
      clearTimeout(timeout);
      clearTimeout(killTimer);
    };
    child.on("error", (err) => { cleanup(); reject(err); });
    child.on("close", (code, signal) => {
      cleanup();
      emit(masker.push(decoders.stdout.end() + decoders.stderr.end()));
      emit(masker.flush());
      const exitCode = code ?? (signal === "SIGKILL" ? 128 + 9 : 128 + 15);
      const why = timedOut ? " (timed out)" : cancelled ? " (cancelled)" : "";
      opts.log?.info(`drizzle-kit ${opts.command} exited with ${exitCode}${signal ? ` on ${signal}` : ""}${why}`);
      resolve({ exitCode, output, cancelled: cancelled && !timedOut, timedOut, signal: signal ?? undefined });
    });
  });
}
