import * as vscode from "vscode";
import { existsSync } from "node:fs";
import { UserFacingError } from "../../core/errors";
import { registerCommand } from "../commands";
import { profileSettings } from "../settings";
import type { Shell } from "../shell";
import { commandArgs } from "../commandArgs";
import { signInLaunch } from "./signInCommand";

const DOCS_URL = "https://docs.databricks.com/aws/en/dev-tools/cli/authentication";

/** Profiles from the Databricks CLI config: open it, sign in, choose the default, follow settings. */
export function registerProfiles(shell: Shell): void {
  const { context, log, services } = shell;
  const profileArg = (arg: unknown) => commandArgs(arg).profile;

  registerCommand(context, log.logger, "lakebase.profiles.openConfig", async (arg: unknown) => {
    const file = services.profiles.configFile;
    if (!existsSync(file)) {
      const choice = await vscode.window.showInformationMessage(
        `${file} does not exist yet. The Databricks CLI creates it when you sign in.`, "Sign In with the CLI", "Read the Docs");
      if (choice === "Sign In with the CLI") await vscode.commands.executeCommand("lakebase.profiles.login");
      if (choice === "Read the Docs") await vscode.env.openExternal(vscode.Uri.parse(DOCS_URL));
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const editor = await vscode.window.showTextDocument(doc);
    // Jump to the profile's section when opened from a profile node.
    const profile = profileArg(arg);
    const given = commandArgs(arg).args.line;
    const line = typeof given === "number" ? given : profile ? services.profiles.get(profile)?.source.line : undefined;
    if (line) {
      const pos = new vscode.Position(Math.max(0, line - 1), 0);
      editor.selection = new vscode.Selection(pos, pos);
      editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
    }
    return file;
  });

  registerCommand(context, log.logger, "lakebase.profiles.login", async (arg: unknown) => {
    let profile = profileArg(arg);
    // A new profile's host comes from the argument (automation), else the input box.
    let host = (profile ? services.profiles.get(profile)?.host : undefined) ?? commandArgs(arg).string("host");
    if (!host) {
      host = await vscode.window.showInputBox({ prompt: "Workspace URL", placeHolder: "https://my-workspace.cloud.databricks.com", validateInput: (v) => (/^(https?:\/\/)?[\w.-]+/.test(v.trim()) ? undefined : "Enter the workspace URL") });
      if (!host) return undefined;
    }
    if (!profile) {
      profile = await vscode.window.showInputBox({ prompt: "Profile name", value: "DEFAULT" });
      if (!profile) return undefined;
    }
    const cli = profileSettings().cliPath ?? "databricks";
    const name = `Databricks login (${profile})`;
    // The CLI must sign in as the profile, not as whatever DATABRICKS_* the user's environment holds.
    const env = { DATABRICKS_HOST: null as unknown as string, DATABRICKS_TOKEN: null as unknown as string };
    const launch = signInLaunch({ cli, host, profile }, vscode.env.shell, process.platform);
    // The CLI opens the browser; when it writes the profile, the file watcher refreshes the tree.
    if (launch.kind === "shell") {
      const terminal = vscode.window.createTerminal({ name, env });
      terminal.show();
      terminal.sendText(launch.text);
    } else {
      // No shell we can quote for: run the CLI itself (its output stays readable if it fails).
      vscode.window.createTerminal({ name, env, shellPath: launch.shellPath, shellArgs: launch.shellArgs }).show();
    }
    return { profile, host };
  });

  registerCommand(context, log.logger, "lakebase.profiles.setDefault", async (arg: unknown) => {
    const profile = profileArg(arg) ?? (await pickProfile(shell));
    if (!profile) return undefined;
    await vscode.workspace.getConfiguration("lakebase").update("defaultProfile", profile, vscode.ConfigurationTarget.Workspace);
    return profile;
  });

  registerCommand(context, log.logger, "lakebase.profiles.list", () => services.profiles.list().map((p) => ({
    name: p.name, host: p.host, authType: p.authType, state: p.state, reason: p.reason, isDefault: p.isDefault,
  })));

  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
    if (["lakebase.configFile", "lakebase.defaultProfile", "lakebase.databricksCliPath"].some((k) => e.affectsConfiguration(k))) {
      services.profiles.updateSettings(profileSettings()).catch((err) => log.logger.error("Reloading profiles failed:", err));
    }
  }));

  reportConfigProblems(shell);
  context.subscriptions.push(services.profiles.onDidChange((c) => { if (c.kind === "reloaded") reportConfigProblems(shell); }));
}

/** The palette has no tree node: ask which profile. Undefined when dismissed. */
async function pickProfile(shell: Shell): Promise<string | undefined> {
  const profiles = shell.services.profiles.list();
  if (profiles.length === 0) {
    throw new UserFacingError(`${shell.services.profiles.configFile} has no profiles yet. Sign in with the Databricks CLI to create one.`, [
      { title: "Sign In with the CLI", command: "lakebase.profiles.login" },
    ]);
  }
  const picked = await vscode.window.showQuickPick(
    profiles.map((p) => ({ label: p.name, description: [p.host, p.isDefault ? "current default" : undefined].filter(Boolean).join(" · ") })),
    { title: "Lakebase: default profile for this workspace", placeHolder: "Profile to use by default" },
  );
  return picked?.label;
}

let lastReported = "";

/** A broken config file is reported once per distinct set of problems, with a way to open it. */
function reportConfigProblems(shell: Shell): void {
  const errors = shell.services.profiles.problems().filter((p) => p.severity === "error" && p.line !== undefined);
  const key = JSON.stringify(errors);
  if (key === lastReported) return;
  lastReported = key;
  if (!errors.length) return;
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  // Shown to the user: the log's redaction, in case a problem's text carries a value from the file.
  void vscode.window.showWarningMessage(shell.log.redact(`Databricks config ${first.file}:${first.line}: ${first.message}${more}`), "Open Config File").then((c) => {
    if (c) void vscode.commands.executeCommand("lakebase.profiles.openConfig");
  });
}
