/**
 * "Lakebase: Compare Branch Schemas…": two branches of a project (or a branch and its parent),
 * a tree of what differs, each object's DDL side by side, and "Draft Migration SQL" as a new
 * untitled document (never run by itself). The diff itself is the core's (src/core/schema).
 */
import * as vscode from "vscode";
import { UserFacingError } from "../../core/errors";
import { lastSegment } from "../../core/lakebase/resourceNames";
import type { Branch } from "../../core/lakebase/types";
import { compareBranches, compareWithPointInTime } from "../../core/schema/compareBranches";
import { describeChanges } from "../../core/schema/diffCatalogs";
import { draftMigrationSql } from "../../core/schema/draftMigration";
import { registerCommand } from "../commands";
import { commandArgs } from "../commandArgs";
import { folderKey, type Shell } from "../shell";
import { DDL_SCHEME, DiffSideDocuments } from "./diffSideDocuments";
import { SchemaDiffTree } from "./schemaDiffTree";

/** `tree`: what the Schema Diff view shows, roots and their children, by object key. */
export interface CompareResult { from: string; to: string; changes: string[]; tree: Array<{ key: string; change: string; children: string[] }> }

export function registerSchemaDiff(shell: Shell): void {
  const { context, services } = shell;
  const docs = new DiffSideDocuments();
  const tree = new SchemaDiffTree();
  let next = 1;
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(DDL_SCHEME, docs),
    vscode.window.createTreeView("lakebase.schemaDiff", { treeDataProvider: tree, showCollapseAll: true }),
  );

  registerCommand(context, shell.log.logger, "lakebase.schema.compare", async (arg: unknown): Promise<CompareResult | undefined> => {
    const a = commandArgs(arg);
    const target = shell.currentFolder() ? services.targets.get(folderKey(shell.currentFolder()!)) : undefined;
    // From a branch in the explorer: that branch, against a branch picked next (its parent first).
    const onBranch = a.node?.data?.kind === "branch";
    const profile = (a.node && !onBranch ? undefined : a.profile) ?? target?.profile;
    let to = a.branch("to");
    let from = a.string("from");
    // `asOf` (ISO time): compare against `from` as it was then (a throwaway point-in-time branch).
    let asOf = a.string("asOf");
    const project = a.string("project") ?? (to ? to.split("/branches/")[0] : from ? from.split("/branches/")[0] : target?.project);
    if (!profile || !project) throw new UserFacingError("Which project? Select a target for this folder (Use for This Workspace) or pass {profile, from, to}.", [{ title: "Select Target", command: "lakebase.target.select" }]);
    if (!to || !from) {
      const branches: Branch[] = [];
      for await (const b of services.lakebase(profile).listBranches(project)) branches.push(b);
      if (!to) {
        const picked = await vscode.window.showQuickPick(branches.map((b) => ({ label: lastSegment(b.name), description: b.name === target?.branch ? "this folder's target" : b.status?.default ? "default" : undefined, name: b.name })).sort((a, b) => Number(b.name === target?.branch) - Number(a.name === target?.branch)), { title: "Compare the schema of which branch?" });
        if (!picked) return undefined;
        to = picked.name;
      }
      const toBranch = branches.find((b) => b.name === to);
      const parent = toBranch?.status?.source_branch;
      const picked = await vscode.window.showQuickPick<{ label: string; name: string; asOf?: boolean }>([
        ...(parent ? [{ label: `$(git-merge) Its parent, ${lastSegment(parent)}`, name: parent }, { label: `$(history) Its parent as of a point in time…`, name: parent, asOf: true }] : []),
        ...branches.filter((b) => b.name !== to && b.name !== parent).map((b) => ({ label: lastSegment(b.name), name: b.name })),
      ], { title: `Compare ${lastSegment(to)} against which branch?` });
      if (!picked) return undefined;
      from = picked.name;
      if (picked.asOf) {
        asOf = await vscode.window.showInputBox({ title: `${lastSegment(from)} as of when?`, value: new Date(Date.now() - 3600_000).toISOString(), prompt: "ISO 8601 time, e.g. 2026-12-01T09:30:00Z (within the project's history retention)" });
        if (!asOf) return undefined;
      }
    }
    const fromLabel = asOf ? `${lastSegment(from)} @ ${asOf}` : lastSegment(from);
    const toLabel = lastSegment(to);
    const cmp = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Comparing the schemas of ${fromLabel} and ${toLabel}` },
      () => (asOf ? compareWithPointInTime(services, { profile, branch: from! }, asOf, { profile, branch: to! }) : compareBranches(services, { profile, branch: from! }, { profile, branch: to! })));
    const id = next++;
    docs.forgetBefore(id);
    tree.show({ id, fromLabel, toLabel, diff: cmp.diff });
    await vscode.commands.executeCommand("setContext", "lakebase.schemaDiff.hasResult", true);
    const changes = describeChanges(cmp.diff);
    if (a.args.confirm !== false) {
      void vscode.commands.executeCommand("lakebase.schemaDiff.focus");
      void vscode.window.setStatusBarMessage(`Lakebase: ${changes.length ? `${changes.length} schema change(s)` : "same schema"} from ${fromLabel} to ${toLabel}`, 8000);
    }
    const shown = tree.getChildren().map((x) => ({ key: x.key, change: x.change, children: tree.getChildren(x).map((y) => y.key) }));
    return { from, to, changes, tree: shown };
  });

  registerCommand(context, shell.log.logger, "lakebase.schema.openDiff", async (arg: unknown) => {
    const c = tree.comparison;
    const key = commandArgs(arg).string("key");
    const change = c?.diff.changes.find((x) => x.key === key);
    if (!c || !change) throw new UserFacingError("Compare two branches first (Lakebase: Compare Branch Schemas…).");
    const left = docs.uri(c.id, "from", c.fromLabel, change.key, change.before);
    const right = docs.uri(c.id, "to", c.toLabel, change.key, change.after);
    await vscode.commands.executeCommand("vscode.diff", left, right, `${change.name}: ${c.fromLabel} ↔ ${c.toLabel}`, { preview: true });
    return { left: left.toString(), right: right.toString() };
  });

  registerCommand(context, shell.log.logger, "lakebase.schema.draftMigration", async () => {
    const c = tree.comparison;
    if (!c) throw new UserFacingError("Compare two branches first (Lakebase: Compare Branch Schemas…): the draft turns one's schema into the other's.");
    const sql = draftMigrationSql(c.diff, { from: c.fromLabel, to: c.toLabel });
    const doc = await vscode.workspace.openTextDocument({ language: "sql", content: sql });
    await vscode.window.showTextDocument(doc, { preview: false });
    return { sql, uri: doc.uri.toString() };
  });
}
