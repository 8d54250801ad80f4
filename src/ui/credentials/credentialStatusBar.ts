import * as vscode from "vscode";
import type { CredentialEvent, CredentialKey } from "../../core/credentials/types";
import { credentialKeyId } from "../../core/credentials/types";
import { describeError } from "../../core/errors";
import type { WorkspaceTarget } from "../../core/target/targetStore";
import { folderKey, type Shell } from "../shell";
import { credentialView, targetStatusLabel, type CredentialView } from "./credentialView";

const EVENTS: CredentialEvent[] = ["fresh", "refreshing", "expiring-soon", "expired", "failed"];
const TICK_MS = 1000;

export interface StatusBarSnapshot {
  visible: boolean;
  text?: string;
  tooltip?: string;
  /** ThemeColor id of the background, undefined for the normal colours. */
  background?: string;
  state?: CredentialView["state"];
  folder?: string;
  key?: CredentialKey;
  /** The tracked credential (or the one asked about), without its token. */
  credential?: { state: string; leases: number; expireTime?: string };
  /** The target endpoint's compute state, when known. */
  compute?: string;
  /** What the item showed lately, oldest first (each change of state or colours, at most RECENT_SHOWN). */
  recent?: ShownState[];
}

/** One state the item showed: a poller may miss a short-lived state (a few seconds of "refresh failing"); this does not. */
export interface ShownState { state: CredentialView["state"]; text: string; background?: string; tooltip: string }

const RECENT_SHOWN = 20;

interface Current {
  folder: string;
  target: WorkspaceTarget;
  key?: CredentialKey;
  problem?: string;
}

/**
 * `$(database) <branch> · 52m` for the current folder's target. Showing it opens the folder's
 * target session (which holds the credential lease, so the manager keeps the credential fresh,
 * until the target changes or is cleared) and ticks once a second, recomputing the countdown
 * from the wall clock; with no target it hides and stops ticking.
 */
export class CredentialStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private current: Current | undefined;
  private ticker: NodeJS.Timeout | undefined;
  private generation = 0;
  private lastView: CredentialView | undefined;
  private recent: ShownState[] = [];

  constructor(private readonly shell: Shell) {
    this.item = vscode.window.createStatusBarItem("lakebase.credentials", vscode.StatusBarAlignment.Left, 90);
    this.item.name = "Lakebase Credential";
    this.item.command = "lakebase.credentials.showActions";
    const { services } = shell;
    // Events carry the settled state, so the item can render at once.
    const onCredential = (s: { key: CredentialKey }) => {
      if (this.current?.key && credentialKeyId(s.key) === credentialKeyId(this.current.key)) this.render();
    };
    for (const e of EVENTS) this.disposables.push(services.credentials.on(e, onCredential));
    this.disposables.push(
      services.targets.onDidChange(() => this.update()),
      // A reloaded config may fix (or break) the profile behind a failed lookup. A target whose profile left
      // the file stops counting down: its credential cannot be renewed, whatever the cached one says.
      services.profiles.onDidChange(() => {
        const c = this.current;
        if (!c) return;
        if (!services.profiles.get(c.target.profile)) {
          c.problem = `Profile ${c.target.profile} is no longer in ${services.profiles.configFile}: add it back, or choose another target.`;
          this.render();
        } else if (c.problem) this.update(true);
      }),
      services.compute.onDidChange((c) => {
        if (this.current && c.profile === this.current.target.profile && c.endpoint === this.current.target.endpoint) this.render();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.update()),
    );
    this.update();
  }

  /** The credential the status bar tracks, once the Postgres user is known. */
  get key(): CredentialKey | undefined {
    return this.current?.key;
  }

  get target(): WorkspaceTarget | undefined {
    return this.current?.target;
  }

  /** Follows the current folder's target; `force` looks the Postgres user up again. */
  update(force = false): void {
    const folder = this.shell.currentFolder();
    const fkey = folder ? folderKey(folder) : undefined;
    const target = fkey ? this.shell.services.targets.get(fkey) : undefined;
    if (!force && this.current && target && this.current.folder === fkey && sameTarget(this.current.target, target)) return;
    this.release();
    if (!fkey || !target) {
      this.current = undefined;
      this.item.hide();
      return;
    }
    const current: Current = { folder: fkey, target };
    if (!this.current || !sameTarget(this.current.target, target)) this.recent = [];
    this.current = current;
    const gen = ++this.generation;
    this.startTicker();
    this.render();
    this.item.show();
    // Whether the compute is scaled to zero: read once now, then followed through connections.
    void this.shell.services.compute.refresh({ profile: target.profile, endpoint: target.endpoint });
    this.shell.services.session(fkey).then(
      (session) => {
        if (gen !== this.generation) return;
        current.key = session.resolved.credentialKey;
        this.render();
      },
      (err: unknown) => {
        if (gen !== this.generation) return;
        current.problem = this.shell.log.redact(describeError(err));
        this.shell.log.logger.warn(`Status bar: cannot track the credential for ${target.endpoint}: ${current.problem}`);
        this.render();
      },
    );
  }

  /** What the item shows; `about` also reports that credential's state and lease count. */
  snapshot(about?: CredentialKey): StatusBarSnapshot {
    this.render();
    const v = this.lastView;
    const key = about ?? this.current?.key;
    const s = key ? this.shell.services.credentials.status(key) : undefined;
    const credential = s && { state: s.state, leases: s.leases, expireTime: s.expireTime?.toISOString() };
    if (!this.current || !v) return { visible: false, credential };
    return {
      credential,
      visible: true,
      text: this.item.text,
      tooltip: v.tooltip.join("\n"),
      background: backgroundOf(v),
      state: v.state,
      compute: this.shell.services.compute.state({ profile: this.current.target.profile, endpoint: this.current.target.endpoint }),
      folder: this.current.folder,
      key: this.current.key ? { ...this.current.key } : undefined,
      recent: this.recent.map((r) => ({ ...r })),
    };
  }

  dispose(): void {
    this.release();
    this.current = undefined;
    for (const d of this.disposables) d.dispose();
    this.item.dispose();
  }

  private render(): void {
    const c = this.current;
    if (!c) return;
    const t = c.target;
    const view = credentialView({
      label: targetStatusLabel(t),
      profile: t.profile,
      endpoint: t.endpoint,
      database: t.database,
      user: c.key?.identity,
      status: c.key ? this.shell.services.credentials.status(c.key) : undefined,
      problem: c.problem,
      compute: this.shell.services.compute.state({ profile: t.profile, endpoint: t.endpoint }),
      now: Date.now(),
    });
    this.lastView = view;
    this.remember(view);
    this.item.text = view.text;
    const md = new vscode.MarkdownString(view.tooltip.map((line) => escapeMarkdown(this.shell.log.redact(line))).join("  \n"));
    this.item.tooltip = md;
    this.item.backgroundColor =
      view.severity === "error" ? new vscode.ThemeColor("statusBarItem.errorBackground")
      : view.severity === "warning" ? new vscode.ThemeColor("statusBarItem.warningBackground")
      : undefined;
    this.item.accessibilityInformation = { label: `Lakebase credential for ${t.branchLabel ?? t.branch}: ${view.tooltip[0] ?? view.state}` };
  }

  private remember(view: CredentialView): void {
    // Called on every tick: compare first, build the (redacted) tooltip only for a new state.
    const background = backgroundOf(view);
    const last = this.recent[this.recent.length - 1];
    if (last && last.state === view.state && last.background === background) return;
    this.recent.push({ state: view.state, text: view.text, background, tooltip: view.tooltip.map((l) => this.shell.log.redact(l)).join("\n") });
    if (this.recent.length > RECENT_SHOWN) this.recent.shift();
  }

  private startTicker(): void {
    if (this.ticker) return;
    this.ticker = setInterval(() => this.render(), TICK_MS);
  }

  /** Stops the ticker; the lease belongs to the folder's target session, not to the item. */
  private release(): void {
    this.generation++;
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
  }
}

function sameTarget(a: WorkspaceTarget, b: WorkspaceTarget): boolean {
  return a.profile === b.profile && a.endpoint === b.endpoint && a.database === b.database && a.host === b.host && a.branchLabel === b.branchLabel && a.isProtected === b.isProtected;
}

function escapeMarkdown(line: string): string {
  return line.replace(/[\\`*_{}[\]<>#|]/g, "\\$&");
}

function backgroundOf(v: CredentialView): string | undefined {
  return v.severity === "error" ? "statusBarItem.errorBackground" : v.severity === "warning" ? "statusBarItem.warningBackground" : undefined;
}
