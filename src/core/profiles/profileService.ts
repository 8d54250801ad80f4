import { EventEmitter } from "node:events";
import { describeError } from "../errors";
import { SecretRegistry, silentLogger, type Logger } from "../log";
import { AuthError } from "../auth/authError";
import { createTokenSource } from "../auth/createTokenSource";
import { fetchIdentity, type WorkspaceIdentity } from "../auth/identity";
import type { TokenSource } from "../auth/tokenSource";
import { DatabricksApiError } from "../http/errors";
import { WorkspaceHttpClient, type WorkspaceHttpClientOptions } from "../http/workspaceClient";
import { ConfigFileWatcher } from "./configWatcher";
import { loadProfiles, type ConfigProblem, type LoadedProfiles } from "./loadProfiles";
import { isUsable, type Profile, type ProfileSource } from "./profile";
import { subscribe } from "../events";

export type ProfileState = "unknown" | "valid" | "needs-login" | "error" | "unsupported" | "unusable";

export interface ProfileInfo {
  name: string;
  host?: string;
  authType?: string;
  state: ProfileState;
  reason?: string;
  /** Set when `databricks auth login …` would fix the profile (for a "Log in" button). */
  loginCommand?: string;
  isDefault: boolean;
  source: ProfileSource;
  identity?: WorkspaceIdentity;
}

export interface ProfileSettings {
  /** `lakebase.databricksConfigFile` */
  configFile?: string;
  /** `lakebase.defaultProfile` */
  defaultProfile?: string;
  /** `lakebase.databricksCliPath` */
  cliPath?: string;
}

export interface ProfileServiceOptions extends ProfileSettings {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  logger?: Logger;
  secrets?: SecretRegistry;
  /** Extra options for every workspace HTTP client (tests: retry, sleep, fetch). */
  http?: Partial<WorkspaceHttpClientOptions>;
  cliTimeoutMs?: number;
  refreshMarginMs?: number;
  /** Reload when the config file changes (default true). */
  watch?: boolean;
  watchDebounceMs?: number;
}

export interface ProfileChange {
  kind: "reloaded" | "state";
  profile?: string;
}

interface Runtime {
  fingerprint: string;
  tokenSource?: TokenSource;
  http?: WorkspaceHttpClient;
  identity?: WorkspaceIdentity;
  state?: { state: ProfileState; reason?: string; loginCommand?: string };
}

/** Profiles from the config file, their auth, identity and health. Framework-free. */
export class ProfileService {
  private loaded!: LoadedProfiles;
  private runtimes = new Map<string, Runtime>();
  private readonly events = new EventEmitter();
  private watcher: ConfigFileWatcher | undefined;
  private readonly log: Logger;
  private readonly secrets: SecretRegistry;
  private settings: ProfileSettings;

  private constructor(private readonly opts: ProfileServiceOptions) {
    this.log = opts.logger ?? silentLogger;
    this.secrets = opts.secrets ?? new SecretRegistry();
    this.settings = { configFile: opts.configFile, defaultProfile: opts.defaultProfile, cliPath: opts.cliPath };
  }

  static async create(opts: ProfileServiceOptions = {}): Promise<ProfileService> {
    const service = new ProfileService(opts);
    await service.reload();
    return service;
  }

  get configFile(): string {
    return this.loaded.location.path;
  }

  problems(): ConfigProblem[] {
    return this.loaded.problems;
  }

  /** The default profile's name when it exists in the file (none when the CLI cannot load the file). */
  defaultProfileName(): string | undefined {
    const name = this.loaded.defaultProfile?.name;
    return name !== undefined && this.loaded.profiles.some((p) => p.name === name) ? name : undefined;
  }

  list(): ProfileInfo[] {
    return this.loaded.profiles.map((p) => this.info(p));
  }

  get(name: string): ProfileInfo | undefined {
    const p = this.loaded.profiles.find((x) => x.name === name);
    return p && this.info(p);
  }

  profile(name: string): Profile {
    const p = this.loaded.profiles.find((x) => x.name === name);
    if (!p) throw new Error(`${this.configFile} has no ${name} profile configured`);
    return p;
  }

  async reload(): Promise<void> {
    const loaded = await loadProfiles({ configFile: this.settings.configFile, defaultProfile: this.settings.defaultProfile, env: this.opts.env, platform: this.opts.platform });
    const next = new Map<string, Runtime>();
    for (const p of loaded.profiles) {
      this.secrets.add(p.token);
      this.secrets.add(p.clientSecret);
      this.secrets.add(p.fields.password);
      // Whether it is usable is part of it: a file the CLI can no longer load drops cached clients.
      const fingerprint = JSON.stringify([loaded.location.path, p.fields, this.settings.cliPath, p.unavailable ?? null]);
      const old = this.runtimes.get(p.name);
      next.set(p.name, old && old.fingerprint === fingerprint ? old : { fingerprint });
    }
    const fileChanged = this.loaded?.location.path !== loaded.location.path;
    this.loaded = loaded;
    this.runtimes = next;
    for (const problem of loaded.problems) this.log.warn(`${problem.file}${problem.line ? `:${problem.line}` : ""}: ${problem.message}`);
    this.log.info(`loaded ${loaded.profiles.length} profile(s) from ${loaded.location.path}`);
    if (this.opts.watch !== false && (fileChanged || !this.watcher)) this.rewatch();
    this.fire({ kind: "reloaded" });
  }

  /** Apply changed settings (config path, default profile, CLI path) and reload. */
  async updateSettings(settings: ProfileSettings): Promise<void> {
    this.settings = { ...settings };
    await this.reload();
  }

  tokenSource(name: string): TokenSource {
    const rt = this.runtime(name);
    if (!rt.tokenSource) {
      rt.tokenSource = createTokenSource(this.profile(name), {
        cliPath: this.settings.cliPath,
        configFile: this.loaded.location.from === "home" ? undefined : this.loaded.location.path,
        env: this.opts.env,
        cliTimeoutMs: this.opts.cliTimeoutMs,
        refreshMarginMs: this.opts.refreshMarginMs,
        secrets: this.secrets,
        logger: this.log,
        http: this.opts.http,
      });
    }
    return rt.tokenSource;
  }

  http(name: string): WorkspaceHttpClient {
    const rt = this.runtime(name);
    if (!rt.http) {
      const p = this.profile(name);
      if (!isUsable(p)) throw new AuthError("unsupported", name, `Profile ${name} cannot be used: ${p.unavailable?.reason ?? "it has no host"}`);
      rt.http = new WorkspaceHttpClient({
        ...this.opts.http, host: p.host, workspaceId: p.workspaceId, profileName: name, tokenSource: this.tokenSource(name), secrets: this.secrets, logger: this.log,
        // Any call the workspace refuses (a token revoked after validation) makes the profile say so: the tree,
        // the pickers and the status bar read this state instead of a stale "valid".
        onRejected: (err) => this.markRejected(name, err),
      });
    }
    return rt.http;
  }

  /** Who the profile is (SCIM Me), cached; `refresh` asks again. */
  async identity(name: string, options: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<WorkspaceIdentity> {
    const rt = this.runtime(name);
    if (rt.identity && !options.refresh) return rt.identity;
    const p = this.profile(name);
    const identity = await fetchIdentity(this.http(name), { authType: p.authType, clientId: p.clientId, signal: options.signal });
    rt.identity = identity;
    return identity;
  }

  /** Calls SCIM Me and records the outcome as the profile's state. Never throws for auth failures. */
  async validate(name: string, signal?: AbortSignal): Promise<ProfileInfo> {
    const p = this.profile(name);
    if (p.unavailable) return this.info(p);
    const rt = this.runtime(name);
    try {
      await this.identity(name, { refresh: true, signal });
      rt.state = { state: "valid" };
    } catch (err) {
      if ((err as Error).name === "AbortError") throw err;
      rt.state = this.stateForError(p, err);
      this.log.warn(`profile ${name}: ${rt.state.reason}`);
    }
    this.fire({ kind: "state", profile: name });
    return this.info(p);
  }

  onDidChange(listener: (change: ProfileChange) => void): { dispose(): void } {
    return subscribe(this.events, "change", listener);
  }

  dispose(): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    this.events.removeAllListeners();
  }

  private markRejected(name: string, err: unknown): void {
    const p = this.loaded.profiles.find((x) => x.name === name);
    const rt = this.runtimes.get(name);
    if (!p || !rt) return;
    const next = this.stateForError(p, err);
    if (rt.state?.state === next.state && rt.state.reason === next.reason) return;
    rt.state = next;
    rt.identity = undefined;
    this.log.warn(`profile ${name}: ${next.reason}`);
    this.fire({ kind: "state", profile: name });
  }

  private stateForError(p: Profile, err: unknown): NonNullable<Runtime["state"]> {
    if (err instanceof AuthError) {
      return { state: err.needsLogin ? "needs-login" : "error", reason: err.message, loginCommand: err.loginCommand };
    }
    if (err instanceof DatabricksApiError && err.status === 401) {
      if (p.authType === "pat") {
        return { state: "error", reason: `The token of profile ${p.name} was rejected (401): it may be revoked or expired. Create a new personal access token and update ${this.configFile}.` };
      }
      if (p.authType === "databricks-cli") {
        const cmd = `databricks auth login --host ${p.host} --profile ${p.name}`;
        return { state: "needs-login", reason: `The workspace rejected the login of profile ${p.name} (401). Run \`${cmd}\`.`, loginCommand: cmd };
      }
    }
    return { state: "error", reason: describeError(err) };
  }

  private info(p: Profile): ProfileInfo {
    const rt = this.runtimes.get(p.name);
    const state = p.unavailable ? { state: p.unavailable.state, reason: p.unavailable.reason } : rt?.state ?? { state: "unknown" as const };
    return {
      name: p.name,
      host: p.host,
      authType: p.authType,
      ...state,
      isDefault: p.name === this.loaded.defaultProfile?.name,
      source: p.source,
      identity: rt?.identity,
    };
  }

  private runtime(name: string): Runtime {
    this.profile(name);
    return this.runtimes.get(name)!;
  }

  private rewatch(): void {
    this.watcher?.dispose();
    this.watcher = new ConfigFileWatcher(this.loaded.location.path, { debounceMs: this.opts.watchDebounceMs, logger: this.log }).start();
    this.watcher.on("changed", () => {
      this.reload().catch((err) => this.log.error(`reloading ${this.configFile} failed`, err));
    });
  }

  private fire(change: ProfileChange): void {
    this.events.emit("change", change);
  }
}
