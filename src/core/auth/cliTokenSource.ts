import { execFile } from "node:child_process";
import * as z from "../validation";
import { silentLogger, type Logger, type SecretRegistry } from "../log";
import { AuthError } from "./authError";
import { CachingTokenSource, type CachingOptions } from "./cachingTokenSource";
import { cleanChildEnv } from "./childEnv";
import { classifyCliFailure, looksLikeOldCli, tooOldError } from "./cliFailure";
import { isCliTooOld, parseCliVersion } from "./cliVersion";
import { locateDatabricksCli } from "../platform/locateCli";
import type { AccessToken, TokenSource } from "./tokenSource";

/** What `databricks auth token -o json` prints (never a refresh token). */
const CliTokenOutput = z.object({
  access_token: z.string().check(z.minLength(1)),
  token_type: z.optional(z.string()),
  expiry: z.optional(z.string()),
  expires_in: z.optional(z.coerce.number()),
});

export interface CliTokenSourceOptions extends CachingOptions {
  profile: string;
  host: string;
  /** From the profile's databricks_cli_path, else the setting, else found on PATH or in the usual install places. */
  cliPath?: string;
  /** Set when the config file is not ~/.databrickscfg (see childEnv.ts). */
  configFile?: string;
  /** Base environment (default process.env); DATABRICKS_* is removed from it. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  secrets?: SecretRegistry;
  logger?: Logger;
}

interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  spawnCode?: string;
  timedOut: boolean;
}

/** U2M via the Databricks CLI: we never read its token cache, we always ask the CLI. */
export class CliTokenSource implements TokenSource {
  private readonly cache: CachingTokenSource;
  private readonly cliPath: string;
  private readonly timeoutMs: number;
  private readonly log: Logger;

  constructor(private readonly opts: CliTokenSourceOptions) {
    // PATH, then the usual install places (a Dock-started VS Code has a minimal PATH): core/platform.
    this.cliPath = locateDatabricksCli(opts.cliPath, opts.env ?? process.env);
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.log = opts.logger ?? silentLogger;
    this.cache = new CachingTokenSource((force) => this.fetchToken(force), opts);
  }

  getToken(signal?: AbortSignal): Promise<AccessToken> {
    return this.cache.getToken(signal);
  }

  invalidate(): void {
    this.cache.invalidate();
  }

  private async fetchToken(forceRefresh: boolean): Promise<AccessToken> {
    const args = ["auth", "token", "--profile", this.opts.profile, "-o", "json"];
    let result = await this.run(forceRefresh ? [...args, "--force-refresh"] : args);
    if (forceRefresh && result.exitCode !== 0 && /force-refresh/.test(result.stderr)) {
      // CLIs before --force-refresh existed: a plain call still refreshes when the token is old.
      result = await this.run(args);
    }
    if (result.spawnCode || result.timedOut || result.exitCode !== 0) {
      if (!result.spawnCode && !result.timedOut && looksLikeOldCli(result.stderr)) throw await this.versionError();
      const failure = classifyCliFailure({ ...this.failureBase(), ...result });
      // A failure we do not recognise may be a CLI below the floor (before 0.207.1 `auth token`
      // ignores --profile and fails with "init: cannot fetch credentials"): name the floor then.
      // Only on failure, so a working CLI costs one process per token.
      if (failure.kind === "cli-error") {
        const tooOld = await this.tooOldError().catch(() => undefined);
        if (tooOld) throw tooOld;
      }
      throw failure;
    }
    return this.parse(result.stdout);
  }

  private async parse(stdout: string): Promise<AccessToken> {
    let json: unknown;
    try { json = JSON.parse(stdout); } catch { json = undefined; }
    const parsed = CliTokenOutput.safeParse(json);
    if (!parsed.success) {
      // Never echo stdout: it may hold a token in a format we do not know.
      const versionError = await this.versionError().catch(() => undefined);
      if (versionError && versionError.kind === "cli-too-old") throw versionError;
      throw new AuthError("unexpected-output", this.opts.profile,
        `\`databricks auth token --profile ${this.opts.profile} -o json\` printed output we could not read (expected JSON with access_token). Update the Databricks CLI or report this.`);
    }
    const { access_token, expiry, expires_in } = parsed.data;
    this.opts.secrets?.add(access_token);
    const expiresAt = parseExpiry(expiry, expires_in, Date.now());
    this.log.debug(`databricks-cli token for profile ${this.opts.profile}${expiresAt ? ` valid until ${expiresAt.toISOString()}` : ""}`);
    return { token: access_token, expiresAt };
  }

  /** The "too old" error when `--version` names a CLI below the floor; undefined otherwise. */
  private async tooOldError(): Promise<AuthError | undefined> {
    const r = await this.run(["--version"], 10_000);
    const v = parseCliVersion(`${r.stdout}\n${r.stderr}`);
    return v && isCliTooOld(v) ? tooOldError(this.opts.profile, this.cliPath, v.text, v.legacyPython) : undefined;
  }

  /** Runs `--version` to explain a failure that smells like an old CLI. */
  private async versionError(): Promise<AuthError> {
    const r = await this.run(["--version"], 10_000);
    const v = parseCliVersion(`${r.stdout}\n${r.stderr}`);
    if (!v || isCliTooOld(v)) return tooOldError(this.opts.profile, this.cliPath, v?.text, v?.legacyPython ?? false);
    return classifyCliFailure({ ...this.failureBase(), ...r, stderr: `CLI ${v.text} rejected \`auth token -o json\`` });
  }

  private failureBase() {
    return { profile: this.opts.profile, host: this.opts.host, cliPath: this.cliPath, timeoutMs: this.timeoutMs, secrets: this.opts.secrets };
  }

  private run(args: string[], timeoutMs = this.timeoutMs): Promise<RunResult> {
    const env = cleanChildEnv(this.opts.env ?? process.env, this.opts.configFile);
    this.log.debug(`running ${this.cliPath} ${args.join(" ")}`);
    return new Promise((resolve) => {
      execFile(this.cliPath, args, { env, timeout: timeoutMs, killSignal: "SIGKILL", windowsHide: true, maxBuffer: 1024 * 1024, encoding: "utf8" },
        (err, stdout, stderr) => {
          if (!err) return resolve({ stdout, stderr, exitCode: 0, timedOut: false });
          const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: number | string };
          const spawnCode = typeof e.code === "string" ? e.code : undefined;
          const timedOut = Boolean(e.killed) && e.signal === "SIGKILL";
          resolve({ stdout, stderr, exitCode: typeof e.code === "number" ? e.code : null, spawnCode, timedOut });
        });
    });
  }
}

/** `expiry` is RFC3339 with microseconds; Go's zero time means "unknown"; else use expires_in. */
export function parseExpiry(expiry: string | undefined, expiresIn: number | undefined, nowMs: number): Date | undefined {
  if (expiry) {
    const t = Date.parse(expiry);
    if (!Number.isNaN(t) && new Date(t).getUTCFullYear() > 1) return new Date(t);
  }
  if (expiresIn !== undefined && expiresIn > 0) return new Date(nowMs + expiresIn * 1000);
  return undefined;
}
