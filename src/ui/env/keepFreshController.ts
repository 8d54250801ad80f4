import { promises as fs } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { parseEnv } from "../../core/envfile/dotenvScan";
import { addToGitignore, isGitIgnored } from "../../core/envfile/gitignore";
import type { EnvKeepFresh, KeepFreshStatus } from "../../core/envfile/envKeepFresh";
import { describeError } from "../../core/errors";
import { folderKey, type Shell } from "../shell";
import { describeDuplicates } from "../../core/envfile/mergeEnv";
import { vscodeEditorBridge } from "./editorBridge";
import { envFilePath, writeRoot, type EnvFileMemory } from "./envFileMemory";
import { affectsKeepFresh, keepFreshSettings } from "./envSettings";
import { ENV_HEADER } from "./writeTargetEnv";

interface Running {
  signature: string;
  keepFresh: EnvKeepFresh;
}

/**
 * Decides where keep-fresh runs: one core EnvKeepFresh per workspace folder where
 * `lakebase.env.keepFresh` is on, a target is selected and an env file has been chosen (by
 * `lakebase.env.write`). Each runs inside the folder's TargetSession (target lifetime), which
 * holds the credential lease and stops it when the target changes or the folder goes away; this
 * controller (extension lifetime) follows setting, target and file changes and stops what it
 * started on dispose.
 */
export class KeepFreshController implements vscode.Disposable {
  private readonly running = new Map<string, Running>();
  private readonly disposables: vscode.Disposable[] = [];
  private chain: Promise<void> = Promise.resolve();
  /** Files we already warned about (not git-ignored), so the warning shows once per session. */
  private readonly warnedGit = new Set<string>();
  private disposed = false;

  constructor(private readonly shell: Shell, private readonly memory: EnvFileMemory) {
    const again = () => void this.reconcile();
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => { if (affectsKeepFresh(e)) again(); }),
      vscode.workspace.onDidChangeWorkspaceFolders(again),
      memory.onDidChange(again),
      shell.services.targets.onDidChange(again),
      // The same target, logging in as someone else now: its old session ended this folder's keep-fresh.
      shell.services.sessions.onDidReplace(again),
      // A reloaded config file may change the profile's auth: start over with a new token source.
      shell.services.profiles.onDidChange((c) => {
        if (c.kind === "reloaded" && this.running.size > 0) void this.reconcile(true);
      }),
    );
    again();
  }

  status(folder: string): KeepFreshStatus | undefined {
    return this.current(folder)?.keepFresh.status();
  }

  /** The folder's keep-fresh, unless its target session ended it (target changed, folder removed). */
  private current(folder: string): Running | undefined {
    const r = this.running.get(folder);
    return r && r.keepFresh.status().running ? r : undefined;
  }

  /** Brings the running set in line with settings, targets and chosen files. Serialized. */
  reconcile(restart = false): Promise<void> {
    this.chain = this.chain.then(() => {
      if (restart) this.stopAll();
      return this.reconcileOnce();
    }).catch((err) => this.shell.log.logger.error("Keep-fresh could not start", err));
    return this.chain;
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
    this.stopAll();
  }

  private stopAll(): void {
    for (const r of this.running.values()) r.keepFresh.dispose();
    this.running.clear();
  }

  private async reconcileOnce(): Promise<void> {
    if (this.disposed) return;
    const wanted = new Map<string, { folder: vscode.WorkspaceFolder; file: string; root: string; pgPassword: boolean; signature: string }>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const key = folderKey(folder);
      const settings = keepFreshSettings(folder);
      const target = this.shell.services.targets.get(key);
      const remembered = this.memory.get(key);
      if (!settings.enabled || !target) continue;
      if (!remembered) {
        this.shell.log.logger.info(`Keep-fresh is on for ${folder.name}, but no env file was chosen yet: run "Lakebase: Write Connection Settings to .env" once.`);
        continue;
      }
      const file = envFilePath(folder, remembered);
      const signature = JSON.stringify([target.profile, target.endpoint, file, settings.pgPassword]);
      wanted.set(key, { folder, file, root: writeRoot(folder, file), pgPassword: settings.pgPassword, signature });
    }
    for (const [key, r] of this.running) {
      if (wanted.get(key)?.signature !== r.signature || !this.current(key)) {
        r.keepFresh.dispose();
        this.running.delete(key);
      }
    }
    for (const [key, w] of wanted) {
      if (this.running.has(key)) continue;
      try {
        await this.start(key, w.file, w.root, w.pgPassword, w.signature);
      } catch (err) {
        this.shell.log.logger.warn(`Keep-fresh for ${w.folder.name} did not start: ${describeError(err)}`);
        void vscode.window.showWarningMessage(this.shell.log.redact(`Lakebase keep-fresh for ${w.folder.name} did not start: ${describeError(err)}`), "Show Log").then((c) => {
          if (c) void vscode.commands.executeCommand("lakebase.log.show");
        });
      }
    }
  }

  private async start(key: string, file: string, root: string, pgPassword: boolean, signature: string): Promise<void> {
    const { services, log } = this.shell;
    const session = await services.session(key);
    if (this.disposed) return;
    // DATABRICKS_TOKEN next to a client id/secret would give the app two auth methods at once.
    const usesClientSecret = (await readEnv(file)).has("DATABRICKS_CLIENT_SECRET");
    if (this.disposed || session.disposed) return;
    const keepFresh = session.createKeepFresh({
      filePath: file,
      credentials: services.credentials,
      workspaceToken: usesClientSecret ? undefined : services.profiles.tokenSource(session.resolved.target.profile),
      pgPassword,
      header: ENV_HEADER,
      logger: log.logger,
      // After a 401/403 keep-fresh waits long; a sign-in or config change resumes it at once.
      profiles: services.profiles,
      allowedRoot: root,
      editor: vscodeEditorBridge,
    });
    let failing = false;
    keepFresh.on("error", (e) => {
      if (failing) return;
      failing = true; // one message per failure streak, not one per retry
      const when = e.needsUser ? " It tries again when the profile is fixed (sign in, or edit the config file)." : "";
      void vscode.window.showWarningMessage(this.shell.log.redact(`Lakebase keep-fresh could not update ${path.basename(e.path)}: ${e.message}${when}`), "Show Log").then((c) => {
        if (c) void vscode.commands.executeCommand("lakebase.log.show");
      });
    });
    keepFresh.on("wrote", () => { failing = false; });
    keepFresh.on("duplicates", (d) => {
      void vscode.window.showWarningMessage(
        `Lakebase keep-fresh wrote nothing to ${path.basename(d.path)}: ${describeDuplicates({ duplicates: d.keys, duplicateLines: d.lines })} assigned more than once. Keep one line of each.`,
      );
    });
    keepFresh.on("broad-mode", (b) => {
      void vscode.window.showWarningMessage(`${path.basename(b.path)} holds secrets but other users could read it (mode ${b.mode.toString(8)}); keep-fresh made it readable by you only (600).`);
    });
    let toldEditor = false;
    keepFresh.on("in-editor", (x) => {
      if (toldEditor) return; // once per session: every refresh would repeat it
      toldEditor = true;
      void vscode.window.showInformationMessage(`${path.basename(x.path)} has unsaved changes: keep-fresh put ${x.keys.join(", ")} into its editor. Save the file so your app reads them.`);
    });
    this.running.set(key, { signature, keepFresh });
    await keepFresh.start();
    // Not awaited: the warning waits for the user, reconciling must not.
    this.warnIfTracked(file).catch((err) => log.logger.warn(`Could not check whether git ignores ${file}: ${describeError(err)}`));
  }

  private async warnIfTracked(file: string): Promise<void> {
    if (this.warnedGit.has(file) || (await isGitIgnored(file)) !== false) return;
    this.warnedGit.add(file);
    const choice = await vscode.window.showWarningMessage(
      `${path.basename(file)} now holds tokens (keep-fresh) but git does not ignore it: they could be committed.`,
      "Add to .gitignore",
    );
    if (choice === "Add to .gitignore") await addToGitignore(path.dirname(file), path.basename(file));
  }
}

async function readEnv(file: string): Promise<Map<string, string>> {
  try {
    return parseEnv(await fs.readFile(file, "utf8"));
  } catch {
    return new Map();
  }
}
