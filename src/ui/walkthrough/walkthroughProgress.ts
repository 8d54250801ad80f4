/**
 * Sets the walkthrough's context keys as the user gets there: a profile that validates, a
 * project created or existing, a folder target, `.env` and `.env.example` written for it, a query
 * that reached the server, migrations applied (drizzle-kit exited 0). However it was done —
 * the step's button, the palette, the explorer, a keybinding — the step checks itself off.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { parseEnv } from "../../core/envfile/dotenvScan";
import type { RunDone } from "../query/queryController";
import { onDidRunCommand } from "../commandEvents";
import { folderKey, type Shell } from "../shell";
import { envMatchesTarget, STEP_KEYS, STEP_ORDER, type StepId, type StepState } from "./walkthroughSteps";

async function readEnv(file: string): Promise<Map<string, string> | undefined> {
  try { return parseEnv(await fs.readFile(file, "utf8")); } catch { return undefined; }
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(() => true, () => false);
}

const KNOWN_INPUTS = [vscode.TabInputText, vscode.TabInputTextDiff, vscode.TabInputCustom, vscode.TabInputWebview, vscode.TabInputNotebook, vscode.TabInputNotebookDiff, vscode.TabInputTerminal];

/** A walkthrough or the Welcome page is open (an editor the API has no input type for). */
function walkthroughShown(): boolean {
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => !KNOWN_INPUTS.some((k) => t.input instanceof k) && /welcome|walkthrough|get started|lakebase/i.test(t.label)));
}

export class WalkthroughProgress implements vscode.Disposable {
  private readonly state: StepState = Object.fromEntries(STEP_ORDER.map((s) => [s, false])) as StepState;
  private readonly disposables: vscode.Disposable[] = [];
  /** Env files written this session, per folder (the writer's choice may not be `.env`). */
  private readonly envFiles = new Map<string, string>();
  private readonly checkedProjects = new Set<string>();
  /** Successful `lakebase.migrations.apply` runs this session: the step stays done, the count says each one. */
  private migrationsApplied = 0;
  /**
   * VS Code registers a walkthrough's steps only when its walkthrough service starts (often when a
   * walkthrough is first opened), and a step whose context key is already true at that moment
   * is recorded as "happened" without being checked — for the rest of the session. So the keys
   * stay false until the walkthrough (or the Welcome page) is open, and then flip to true.
   */
  private published = false;

  constructor(private readonly shell: Shell, queries: { onDidRun: vscode.Event<RunDone> }) {
    const { services } = shell;
    for (const id of STEP_ORDER) void vscode.commands.executeCommand("setContext", STEP_KEYS[id], false);
    this.disposables.push(vscode.window.tabGroups.onDidChangeTabs(() => { if (walkthroughShown()) this.publish(); }));
    if (walkthroughShown()) this.publish();
    this.disposables.push(
      services.profiles.onDidChange(() => this.checkProfiles()),
      services.targets.onDidChange(() => { this.checkTargets(); void this.checkEnv(); }),
      queries.onDidRun((run) => { if (run.statementsRun > 0) this.mark("query"); }),
      onDidRunCommand((e) => this.onCommand(e.id, e.result)),
    );
    const watcher = vscode.workspace.createFileSystemWatcher("**/.env*");
    const recheck = () => void this.checkEnv();
    this.disposables.push(watcher, watcher.onDidCreate(recheck), watcher.onDidChange(recheck), watcher.onDidDelete(recheck));
    this.checkProfiles();
    this.checkTargets();
    void this.checkEnv();
  }

  /** The steps done so far (automation: `lakebase.walkthrough.state`). */
  snapshot(): StepState & { keys: typeof STEP_KEYS; migrationsApplied: number } {
    return { ...this.state, keys: STEP_KEYS, migrationsApplied: this.migrationsApplied };
  }

  /** The walkthrough service has registered the steps: from now on the keys say what is done. */
  publish(): void {
    if (this.published) return;
    this.published = true;
    for (const id of STEP_ORDER) if (this.state[id]) void vscode.commands.executeCommand("setContext", STEP_KEYS[id], true);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private mark(step: StepId, done = true): void {
    if (this.state[step] === done) return;
    this.state[step] = done;
    this.shell.log.logger.info(`Walkthrough: ${step} ${done ? "done" : "not done"}`);
    if (this.published) void vscode.commands.executeCommand("setContext", STEP_KEYS[step], done);
  }

  private onCommand(id: string, result: unknown): void {
    const r = result as Record<string, unknown> | null;
    if (typeof r !== "object" && typeof r !== "string") return;
    if (id === "lakebase.profiles.setDefault" && typeof result === "string") {
      // Picking a profile is done when it answers: validate it now.
      this.shell.services.profiles.validate(result).catch((err: unknown) => this.shell.log.logger.warn(`Walkthrough: validating ${result}: ${String(err)}`));
    } else if (id === "lakebase.project.create" && r && typeof r.name === "string") {
      this.mark("project");
    } else if (id === "lakebase.env.write" && r && typeof r.file === "string" && !r.refused) {
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(r.file));
      if (folder) this.envFiles.set(folderKey(folder), r.file);
      void this.checkEnv();
    } else if (id === "lakebase.migrations.apply" && r && r.exitCode === 0 && r.cancelled !== true) {
      this.migrationsApplied++;
      this.mark("migrations");
    }
  }

  private checkProfiles(): void {
    const valid = this.shell.services.profiles.list().filter((p) => p.state === "valid");
    this.mark("profile", valid.length > 0);
    // A workspace that already has projects: there is one to pick.
    for (const p of valid) {
      if (this.state.project || this.checkedProjects.has(p.name)) continue;
      this.checkedProjects.add(p.name);
      this.shell.services.lakebase(p.name).listProjectsPage({ pageSize: 1 })
        .then((page) => { if (page.items.length > 0) this.mark("project"); })
        .catch((err: unknown) => this.shell.log.logger.debug(`Walkthrough: listing projects of ${p.name}: ${String(err)}`));
    }
  }

  private targets(): Array<{ folder: vscode.WorkspaceFolder; target: { endpoint: string; host: string } }> {
    return (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => {
      const target = this.shell.services.targets.get(folderKey(folder));
      return target ? [{ folder, target }] : [];
    });
  }

  private checkTargets(): void {
    const any = this.targets().length > 0;
    this.mark("target", any);
    if (any) this.mark("project");
  }

  private async checkEnv(): Promise<void> {
    for (const { folder, target } of this.targets()) {
      const file = this.envFiles.get(folderKey(folder)) ?? path.join(folder.uri.fsPath, ".env");
      const env = await readEnv(file);
      if (env && envMatchesTarget(env, target, await exists(path.join(path.dirname(file), ".env.example")))) {
        this.mark("env");
        return;
      }
    }
    this.mark("env", false);
  }
}
