import * as path from "node:path";
import * as vscode from "vscode";
import { UserFacingError } from "../../core/errors";
import { lastSegment } from "../../core/lakebase/resourceNames";
import { findDrizzleConfigs } from "../../core/migrations/drizzleProject";
import { runMigration } from "../../core/migrations/migrationService";
import { askedForTerminal, pushWithApproval, type DataLossReport, type PushResult } from "../../core/migrations/pushWithApproval";
import { rehearseMigrations, type RehearsalResult } from "../../core/migrations/rehearse";
import { branchGuard } from "../../core/target/branchGuard";
import type { DrizzleCommand } from "../../core/migrations/runDrizzleKit";
import type { ResolvedTarget } from "../../core/lakebaseServices";
import { registerCommand } from "../commands";
import { folderKey, type Shell } from "../shell";
import { commandArgs } from "../commandArgs";
import { migrationTimeoutMs } from "./migrationSettings";
import { OutputTerminal } from "./outputTerminal";

/**
 * drizzle-kit generate / migrate / push / rehearse against the workspace target. Each command
 * takes `{config?, confirm?: false, folder?}` for automation and returns `{exitCode, …}`.
 * Push asks before any data loss on every branch; automation consents with `acceptDataLoss: true`.
 */
export function registerMigrations(shell: Shell): void {
  const { context, log } = shell;
  const preloadScript = context.asAbsolutePath(path.join("dist", "drizzlePreload.cjs"));

  const simple = (command: DrizzleCommand) => async (arg: unknown) => {
    const { args, string } = commandArgs(arg);
    const configPath = await chooseConfig(shell, string("config"));
    if (!configPath) return undefined;
    const target = command === "generate" ? undefined : await shell.services.resolve(folderKey(shell.requireFolder()));
    if (target && !(await confirmTarget(shell, target, command, args.confirm === false))) return undefined;
    const abort = new AbortController();
    const out = OutputTerminal.acquire(`drizzle-kit ${command}`, () => abort.abort(), shell.log.redact);
    const timeoutMs = migrationTimeoutMs(shell.currentFolder()?.uri);
    try {
      await out.line(`$ drizzle-kit ${command}${target ? `  → ${describe(target)}` : ""}`, "dim");
      const run = (extraArgs: string[]) => runMigration(shell.services, {
        configPath, command, target, signal: abort.signal, preloadScript, extraArgs,
        timeoutMs,
        onOutput: (t) => void out.write(t),
      });
      const result: PushResult = command === "push"
        ? await pushWithApproval(run, (report) => approveDataLoss(target!, report, args.acceptDataLoss === true, out))
        : await run([]);
      await out.line(`\ndrizzle-kit ${command} exited with ${result.exitCode}${result.timedOut ? " (timed out)" : ""}`, result.exitCode === 0 ? "green" : "red");
      if (result.timedOut) {
        throw new UserFacingError(`drizzle-kit ${command} did not finish within lakebase.migrations.timeout (${timeoutMs / 1000} s) and was stopped.`, [
          { title: "Open Settings", command: "workbench.action.openSettings", args: ["lakebase.migrations.timeout"] },
        ]);
      }
      // generate asks the same rename questions; drizzle-kit fails them without a TTY.
      if (result.needsTerminal || (result.exitCode !== 0 && askedForTerminal(result.output))) {
        throw new UserFacingError(`drizzle-kit ${command} has a question only a terminal can answer (e.g. whether a column was renamed). Run it in a terminal, or generate a migration and apply it.`);
      }
      if (result.exitCode !== 0 && !result.cancelled) {
        throw new UserFacingError(`drizzle-kit ${command} failed (exit ${result.exitCode}): ${lastMeaningfulLine(result.output)}`);
      }
      if (result.approved === false) {
        await out.line("Nothing was pushed: not approved.", "yellow");
        if (args.confirm !== false) void vscode.window.showInformationMessage(`drizzle-kit push: nothing was changed${target ? ` on ${describe(target)}` : ""}.`);
      } else if (result.cancelled) vscode.window.setStatusBarMessage(`drizzle-kit ${command} cancelled`, 4000);
      else if (args.confirm !== false) void vscode.window.showInformationMessage(`drizzle-kit ${command} finished${target ? ` on ${describe(target)}` : ""}.`);
      return {
        exitCode: result.exitCode, output: result.output, cancelled: result.cancelled, timedOut: result.timedOut,
        ...(result.dataLoss ? { dataLoss: result.dataLoss.statements, approved: result.approved } : {}),
      };
    } finally {
      out.dispose();
    }
  };

  registerCommand(context, log.logger, "lakebase.migrations.generate", simple("generate"));
  registerCommand(context, log.logger, "lakebase.migrations.apply", simple("migrate"));
  registerCommand(context, log.logger, "lakebase.migrations.push", simple("push"));

  registerCommand(context, log.logger, "lakebase.migrations.rehearse", async (arg: unknown) => {
    const { args, string } = commandArgs(arg);
    const configPath = await chooseConfig(shell, string("config"));
    if (!configPath) return undefined;
    const target = await shell.services.resolve(folderKey(shell.requireFolder()));
    const abort = new AbortController();
    const out = OutputTerminal.acquire("drizzle-kit rehearsal", () => abort.abort(), shell.log.redact);
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: "Rehearsing migrations on a throwaway branch", cancellable: true },
        (progress, token) => {
          token.onCancellationRequested(() => abort.abort());
          return rehearseMigrations(shell.services, {
            configPath, target, signal: abort.signal, preloadScript, timeoutMs: migrationTimeoutMs(shell.currentFolder()?.uri),
            ttlSeconds: typeof args.ttlSeconds === "number" ? args.ttlSeconds : 3600,
            onStep: (s) => { progress.report({ message: s }); void out.line(`• ${s}`, "dim"); },
            onOutput: (t) => void out.write(t),
          });
        },
      );
      await reportRehearsal(out, result);
      if (args.confirm !== false) await offerNextStep(result);
      return { exitCode: result.exitCode, branch: result.branch, changes: result.summary, parentUnchanged: result.parentUnchanged, output: result.output };
    } finally {
      out.dispose();
    }
  });
}

function describe(t: ResolvedTarget): string {
  return `${t.target.projectLabel ?? lastSegment(t.target.project)} / ${t.target.branchLabel ?? lastSegment(t.target.branch)}`;
}

async function chooseConfig(shell: Shell, given: string | undefined): Promise<string | undefined> {
  const folder = shell.requireFolder();
  if (given) return path.isAbsolute(given) ? given : path.join(folder.uri.fsPath, given);
  const found = await findDrizzleConfigs(folder.uri.fsPath);
  if (found.length === 0) throw new UserFacingError(`No drizzle.config.{ts,js,mjs,cjs,json} in ${folder.name}. Create one (see https://orm.drizzle.team/docs/drizzle-config-file) with dbCredentials.url = process.env.DATABASE_URL.`);
  if (found.length === 1) return found[0];
  const pick = await vscode.window.showQuickPick(found.map((f) => ({ label: path.relative(folder.uri.fsPath, f), value: f })), { title: "Which drizzle config?" });
  return pick?.value;
}

/** Changing a project's default (production) branch or a protected one deserves a second look. */
async function confirmTarget(shell: Shell, target: ResolvedTarget, command: DrizzleCommand, skip: boolean): Promise<boolean> {
  if (skip) return true;
  const guard = await branchGuard(shell.services, target.target);
  if (!guard.isDefault && !guard.isProtected) return true;
  const verb = command === "push" ? "Push the schema" : "Apply migrations";
  const what = guard.isDefault && guard.isProtected ? "the project's default branch, protected" : guard.isDefault ? "the project's default branch" : "a protected branch";
  const ok = await vscode.window.showWarningMessage(
    `${verb} to ${describe(target)}, ${what}?`,
    { modal: true, detail: "Consider \"Lakebase: Rehearse Migrations\" first: it applies them to a throwaway copy of this branch." },
    command === "push" ? "Push" : "Apply",
  );
  return ok !== undefined;
}

/**
 * The user's yes to data loss, on any branch. Automation consents with `acceptDataLoss: true`;
 * without it the modal asks, and anything but the explicit button is a no.
 */
async function approveDataLoss(target: ResolvedTarget, report: DataLossReport, accepted: boolean, out: OutputTerminal): Promise<boolean> {
  const losesData = report.statements.length > 0;
  await out.line(losesData ? "drizzle-kit push would lose data:" : "drizzle-kit push (strict: true) asks before running its statements.", "yellow");
  for (const s of report.statements) await out.line(`  ${s}`, "yellow");
  // acceptDataLoss is consent to lose data; strict mode's question is answered the same way.
  if (accepted) return true;
  const button = losesData ? "Push and Lose Data" : "Push";
  const sql = report.sql.length ? ["", "Statements:", ...report.sql] : [];
  const detail = losesData
    ? [...report.statements, ...sql, "", "This cannot be undone. Consider \"Lakebase: Rehearse Migrations\" or a branch first."].join("\n")
    : ["Your drizzle config sets strict: true.", ...sql].join("\n");
  const message = losesData
    ? `drizzle-kit push to ${describe(target)} would lose data. Push anyway?`
    : `drizzle-kit push to ${describe(target)}: run these statements?`;
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, button);
  return choice === button;
}

async function reportRehearsal(out: OutputTerminal, r: RehearsalResult): Promise<void> {
  await out.line(`\nRehearsal on ${lastSegment(r.branch)}: drizzle-kit exited with ${r.exitCode}`, r.exitCode === 0 ? "green" : "red");
  await out.line(r.summary.length ? "Schema changes:" : "No schema changes.");
  for (const line of r.summary) await out.line(`  ${line}`, line.startsWith("-") ? "red" : line.startsWith("+") ? "green" : "yellow");
  await out.line(r.parentUnchanged ? "The parent branch is unchanged." : "WARNING: the parent branch's schema changed during the rehearsal.", r.parentUnchanged ? "dim" : "red");
}

async function offerNextStep(r: RehearsalResult): Promise<void> {
  const ok = r.exitCode === 0;
  const msg = ok
    ? `Rehearsal succeeded on ${lastSegment(r.branch)}: ${r.summary.length} schema change(s). The branch expires by itself.`
    : `Rehearsal failed on ${lastSegment(r.branch)} (exit ${r.exitCode}). The parent branch was not touched.`;
  const choice = await (ok ? vscode.window.showInformationMessage : vscode.window.showErrorMessage)(msg, "Delete Branch", "Switch Target to It", "Keep");
  if (choice === "Delete Branch") {
    await vscode.commands.executeCommand("lakebase.branch.delete", { profile: r.branchTarget.target.profile, branch: r.branch, confirm: false });
  } else if (choice === "Switch Target to It") {
    await vscode.commands.executeCommand("lakebase.target.select", { profile: r.branchTarget.target.profile, endpoint: r.branchTarget.target.endpoint, database: r.branchTarget.target.database });
  }
}

function lastMeaningfulLine(output: string): string {
  // drizzle-kit draws a spinner with escape codes; the error line is the last readable one.
  const lines = output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "").split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.includes("applying migrations"));
  const err = lines.filter((l) => /^error:|error/i.test(l));
  return (err[err.length - 1] ?? lines[lines.length - 1] ?? "no output").slice(0, 300);
}
