import * as vscode from "vscode";
import { ExplorerModel, type ExplorerNode, type ProfileSummary } from "../../core/explorer/model";
import { PgSchemaReader } from "../../core/explorer/pgSchemaReader";
import { explorerQueryable } from "../../core/explorer/explorerQueryable";
import { profileNodeId, resourceNodeId } from "../../core/explorer/nodes";
import { configProblemNodes } from "../../core/explorer/configProblemNodes";
import { endpointDescription } from "../../core/explorer/resourceNodes";
import type { ProfileInfo } from "../../core/profiles/profileService";
import { registerCommand } from "../commands";
import { folderKey, type Shell } from "../shell";
import { ExplorerTree } from "./explorerTree";
import { nodeContextValue, profileContextValue } from "./contextValues";
import { endpointIcon, nodeIcon } from "./nodeIcons";
import { registerProvisioning } from "./provisioningCommands";
import { registerRoleCommands } from "./roleCommands";

const BROKEN_STATES = new Set(["unusable", "unsupported", "error", "needs-login"]);

function summary(p: ProfileInfo): ProfileSummary {
  return {
    name: p.name,
    host: p.host,
    authType: p.authType,
    isDefault: p.isDefault,
    problem: BROKEN_STATES.has(p.state) ? p.reason ?? p.state : undefined,
  };
}

/** The sidebar tree (profiles → projects → … → columns) and the commands that act on it. */
export function registerExplorer(shell: Shell): ExplorerModel {
  const { context, log, services } = shell;
  let validated = false;
  const model = new ExplorerModel({
    listProfiles: async () => {
      // Validation calls the workspace: do it when the tree is first shown, not at activation.
      if (!validated) { validated = true; validateInBackground(shell); }
      return services.profiles.list().map(summary);
    },
    clientFor: (profile) => services.lakebase(profile),
    schemaReader: new PgSchemaReader(explorerQueryable(services)),
  }, log.logger.child("explorer"));

  const targetOf = () => {
    const folder = shell.currentFolder();
    return folder ? services.targets.get(folderKey(folder)) : undefined;
  };
  const isTarget = (node: ExplorerNode) => {
    const t = targetOf();
    if (!t || (node.kind !== "branch" && node.kind !== "endpoint") || !node.data || !("profileName" in node.data) || node.data.profileName !== t.profile) return false;
    return node.resourceName === t.endpoint || node.resourceName === t.branch;
  };
  const tree = new ExplorerTree(model, (node, item) => decorate(shell, node, item, isTarget(node)), () => configProblemRows(shell));
  const view = vscode.window.createTreeView("lakebase.explorer", { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(tree, view, model);

  // Profile states and the target decorate rows: repaint when they change. A profile that
  // turned out broken is reloaded so its node says why instead of listing projects.
  context.subscriptions.push(
    services.profiles.onDidChange((change) => {
      if (change.kind === "reloaded") { validated = false; model.refresh(); return; }
      const info = change.profile ? services.profiles.get(change.profile) : undefined;
      if (info && BROKEN_STATES.has(info.state)) model.refresh();
      else tree.repaint(change.profile ? model.getNode(profileNodeId(change.profile)) : undefined);
    }),
    services.targets.onDidChange(() => tree.repaint()),
    services.compute.onDidChange((c) => tree.repaint(model.getNode(resourceNodeId(c.profile, c.endpoint)))),
  );

  // After a refresh the tree has forgotten the row: load its ancestors again, then select (and open) it.
  const reveal = async (profile: string, resourceName: string, opts: { expand?: boolean } = {}) => {
    const node = await findNode(model, resourceNodeId(profile, resourceName));
    if (node) await view.reveal(node, { select: true, focus: false, expand: opts.expand === true });
  };

  registerCommand(context, log.logger, "lakebase.explorer.refresh", (node?: unknown) => {
    // A full refresh also asks every profile again who it is (a sign-in may have fixed one).
    if (!node) { validated = true; validateInBackground(shell); }
    model.refresh(node && typeof node === "object" && "id" in node ? (node as ExplorerNode) : undefined);
  });
  registerCommand(context, log.logger, "lakebase.explorer.loadMore", (node: unknown) => model.loadMore(node as ExplorerNode));
  registerCommand(context, log.logger, "lakebase.explorer.retry", (node: unknown) => model.retry(node as ExplorerNode));
  // For automation and tests: the tree as plain data with each row's contextValue, loading the children of `id` (root when omitted).
  const withContext = (nodes: ExplorerNode[]) => nodes.map((n) => ({ ...n, contextValue: nodeContextValue(n) }));
  registerCommand(context, log.logger, "lakebase.explorer.children", async (id?: unknown) => {
    if (typeof id !== "string") return withContext(await tree.getChildren(undefined));
    const node = await findNode(model, id);
    if (!node) throw new Error(`No explorer node ${id}`);
    return withContext(await model.children(node));
  });

  // For tests: which rows are selected and open (VS Code does not expose a tree's expansion state).
  const expanded = new Set<string>();
  context.subscriptions.push(
    view.onDidExpandElement((e) => expanded.add(e.element.id)),
    view.onDidCollapseElement((e) => expanded.delete(e.element.id)),
  );
  registerCommand(context, log.logger, "lakebase.explorer.viewState", () => ({ selection: view.selection.map((n) => n.id), expanded: [...expanded] }));

  registerCommand(context, log.logger, "lakebase.explorer.reveal", async (id?: unknown) => {
    const node = typeof id === "string" ? await findNode(model, id) : undefined;
    if (!node) throw new Error(`No explorer node ${String(id)}`);
    await view.reveal(node, { select: true, focus: true, expand: true });
    return node;
  });

  registerProvisioning(shell, { refresh: (n) => model.refresh(n), reveal });
  registerRoleCommands(shell, { refresh: (n) => model.refresh(n), reveal });
  return model;
}

function configProblemRows(shell: Shell): ExplorerNode[] {
  return configProblemNodes(shell.services.profiles.problems(), shell.services.profiles.list().length);
}

const STATE_ICON: Record<string, string> = { valid: "pass", "needs-login": "sign-in", error: "error", unsupported: "circle-slash", unusable: "warning" };

function decorate(shell: Shell, node: ExplorerNode, item: vscode.TreeItem, target: boolean): void {
  if (node.kind === "endpoint" && node.data?.kind === "endpoint") {
    // A state learnt after the listing (scaled to zero, woken by a query) replaces the listed one.
    const state = shell.services.compute.state({ profile: node.data.profileName, endpoint: node.data.endpoint.name });
    if (state) {
      item.description = endpointDescription(node.data.endpoint, state);
      item.iconPath = new vscode.ThemeIcon(endpointIcon(state));
    }
  }
  if (node.data?.kind === "configProblem") {
    item.iconPath = new vscode.ThemeIcon("warning", new vscode.ThemeColor("editorWarning.foreground"));
    item.command = { command: "lakebase.profiles.openConfig", title: "Open Config File", arguments: [{ line: node.data.line }] };
  }
  if (node.kind === "profile" && node.data?.kind === "profile") {
    const info = shell.services.profiles.get(node.data.profileName);
    if (!info) return;
    const state = info.state === "unknown" ? "checking…" : info.state === "needs-login" ? "needs login" : info.state;
    item.description = [node.description, state].filter(Boolean).join(" · ");
    if (STATE_ICON[info.state]) item.iconPath = new vscode.ThemeIcon(STATE_ICON[info.state]!, info.state === "valid" ? undefined : new vscode.ThemeColor(info.state === "needs-login" ? "editorWarning.foreground" : "errorForeground"));
    item.contextValue = profileContextValue(nodeContextValue(node), { canLogin: Boolean(info.loginCommand), u2m: info.authType === "databricks-cli" });
    if (info.identity) item.tooltip = `${node.tooltip ?? ""}\nsigned in as ${info.identity.userName}`;
  }
  if (target) {
    item.description = `${item.description ? `${String(item.description)} · ` : ""}● workspace target`;
    item.iconPath = new vscode.ThemeIcon(nodeIcon(node), new vscode.ThemeColor("charts.green"));
  }
}

/**
 * Ids are `profile::<name>::<resource name>` (plus `::endpoints`-style folder suffixes), so an
 * id read as a path contains the paths of all its ancestors.
 */
function asPath(id: string): string {
  return id.replace(/::(endpoints|databases|roles)$/, "/$1").replace(/::/g, "/");
}

/** A node by id, loading its ancestors when a refresh has dropped them. */
async function findNode(model: ExplorerModel, id: string): Promise<ExplorerNode | undefined> {
  const known = model.getNode(id);
  if (known) return known;
  const wanted = asPath(id);
  let level = await model.children(undefined);
  for (let depth = 0; depth < 12; depth++) {
    const exact = level.find((n) => n.id === id);
    if (exact) return exact;
    const ancestor = level.find((n) => wanted.startsWith(`${asPath(n.id)}/`));
    if (!ancestor) return undefined;
    level = await model.children(ancestor);
  }
  return undefined;
}

/** Asks each usable profile who it is (SCIM Me) so the tree can show valid / needs login. */
function validateInBackground(shell: Shell): void {
  for (const p of shell.services.profiles.list()) {
    if (p.state === "unusable" || p.state === "unsupported") continue;
    shell.services.profiles.validate(p.name).catch((err) => shell.log.logger.warn(`validating profile ${p.name}:`, err));
  }
}
