// The README's feature pictures, taken in a real VS Code against the emulator, light and dark at 1400×900
// (and a 1000 px wide light one to check the layout holds): the explorer expanded down to an endpoint and
// its compute state, the status bar's countdown with its tooltip, a result with its status line, the
// migrations in their terminal, the .env diagnostics, the schema diff, an Explain plan and SQL completion.
// Each scene is asserted on screen before it is shot; `node scripts/readme-media.mjs` copies the pictures
// into media/screenshots/. (The walkthrough's and Edit Data's come from walkthrough.test.ts and
// resultsScreenshots.test.ts.)
import * as assert from "node:assert/strict";
import { cpSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import type { QuerySummary } from "../../../src/ui/query/querySummary";
import type { StatusBarSnapshot } from "../../../src/ui/credentials/credentialStatusBar";
import { activateExtension, ensureProject, EXTENSION_ID, rest, screenshot, stubWindow, waitFor, workspaceFolder } from "../support/emulatorRest";
import { textsOf } from "../support/webviewProbes";
import { hoverInWorkbench, inResultsWebview, moveMouseInWorkbench, setSideBarWidth, workbenchRequestsAvailable, workbenchTexts } from "../support/workbench";

const PROJECT = "readme-shop";
const PROD = `projects/${PROJECT}/branches/production`;
const ENDPOINT = `${PROD}/endpoints/primary`;
const FEATURE = `projects/${PROJECT}/branches/loyalty`;
const THEMES = [["light", "Default Light Modern"], ["dark", "Default Dark Modern"]] as const;
// Wide enough for the tree rows' descriptions (compute state, target); the default width cuts them off.
const SIDE_BAR_WIDTH = 460;
const STATUS_ITEM = `[id="${EXTENSION_ID}.lakebase.credentials"]`;
const SETUP = `
CREATE TABLE IF NOT EXISTS customers (id int PRIMARY KEY, name text NOT NULL, email text, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customers(id), total numeric(10,2) NOT NULL, placed_at timestamptz NOT NULL DEFAULT now());
INSERT INTO customers (id, name, email) SELECT g, 'Customer ' || g, 'c' || g || '@example.com' FROM generate_series(1, 200) g ON CONFLICT DO NOTHING;
INSERT INTO orders (id, customer_id, total) SELECT g, 1 + g % 200, (g % 97) * 1.25 FROM generate_series(1, 5000) g ON CONFLICT DO NOTHING;
ANALYZE customers; ANALYZE orders;`;

const run = (sql: string, extra: Record<string, unknown> = {}) => vscode.commands.executeCommand<QuerySummary>("lakebase.query.run", { sql, ...extra });
const setTheme = (theme: string | undefined) => vscode.workspace.getConfiguration("workbench").update("colorTheme", theme, vscode.ConfigurationTarget.Global);
const statusBar = () => vscode.commands.executeCommand<StatusBarSnapshot>("lakebase.credentials.statusSnapshot");

/** The scene in both themes at 1400×900, and light at 1000×700 (the layout at a narrower window). */
async function pictures(name: string, before?: () => Promise<void>): Promise<void> {
  // Each time: VS Code 1.139 narrows the side bar again after a picture's window resize (1.100 keeps it).
  const scene = async () => { await setSideBarWidth(SIDE_BAR_WIDTH); await before?.(); };
  for (const [kind, theme] of THEMES) {
    await setTheme(theme);
    await scene();
    assert.ok(await screenshot(`readme-${name}-${kind}`, "1400x900"), `picture ${name}-${kind}`);
  }
  await setTheme(THEMES[0][1]);
  await scene();
  assert.ok(await screenshot(`readme-${name}-light-1000`, "1000x700"), `picture ${name}-light-1000`);
  await setTheme(undefined);
}

/** The visible rows of the workbench's lists (tree rows, the Problems list, the suggest widget), once one matches. */
async function rowMatching(selector: string, re: RegExp, what: string): Promise<string> {
  return waitFor(what, async () => (await workbenchTexts(selector)).find((t) => re.test(t)), 20_000);
}

async function clean(): Promise<void> {
  await moveMouseInWorkbench(5, 5); // off the status bar: its tooltip would stay over the next scene
  await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  await vscode.commands.executeCommand("workbench.action.closePanel");
  await vscode.commands.executeCommand("notifications.clearAll");
}

describe("readme screenshots", function () {
  this.timeout(240_000);
  const root = () => workspaceFolder().uri.fsPath;
  const made: string[] = [];

  before(async function () {
    if (!workbenchRequestsAvailable() || !process.env.LAKEBASE_TEST_SCREENSHOT_DIR) this.skip();
    await activateExtension();
    await ensureProject(PROJECT, "Shop");
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint: ENDPOINT, database: "databricks_postgres" });
    const setup = await run(SETUP);
    assert.equal(setup.status, "ok", JSON.stringify(setup.error));
    if ((await rest("GET", `/api/2.0/postgres/${FEATURE}`)).status !== 200) {
      await vscode.commands.executeCommand("lakebase.branch.create", { profile: "emulator", sourceBranch: PROD, branchId: "loyalty", ttlSeconds: 7 * 24 * 3600 });
    }
    // VS Code 1.139 opens the secondary side bar (chat) on a fresh window: an empty pane in every picture.
    await vscode.commands.executeCommand("workbench.action.closeAuxiliaryBar").then(undefined, () => undefined);
    await clean();
  });
  after(async () => {
    await setTheme(undefined);
    await clean();
    for (const f of made) rmSync(f, { recursive: true, force: true });
  });

  it("the explorer: profile → project → branches → endpoint with its compute state, and the status bar countdown", async () => {
    await vscode.commands.executeCommand("workbench.view.extension.lakebase");
    const width = await setSideBarWidth(SIDE_BAR_WIDTH);
    assert.ok(width !== null && Math.abs(width - SIDE_BAR_WIDTH) <= 4, `side bar ${width} px wide`);
    await vscode.commands.executeCommand("lakebase.explorer.reveal", `profile::emulator::${FEATURE}`);
    await vscode.commands.executeCommand("lakebase.explorer.reveal", `profile::emulator::${ENDPOINT}`);
    const endpointRow = await rowMatching(".monaco-list-row", /^primary/m, "the endpoint's row in the tree");
    assert.match(endpointRow.replace(/\s+/g, " "), /^primary ?(active|idle \(scaled to zero\)|waking up)\b.*● workspace target/, endpointRow);
    const rows = await workbenchTexts(".monaco-list-row .label-name");
    for (const label of ["emulator", "Shop", "production", "loyalty", "primary"]) assert.ok(rows.includes(label), `"${label}" in the tree: ${JSON.stringify(rows)}`);
    const bar = await waitFor("the credential countdown", async () => { const s = await statusBar(); return /production · \d+m/.test(s.text ?? "") ? s : undefined; });
    assert.equal(bar.visible, true);
    // A query of the target's tables beside the tree (an empty editor area says nothing).
    const doc = await vscode.workspace.openTextDocument({ language: "sql", content: "-- Runs on the folder's target (the CodeLens says which)\nSELECT * FROM customers ORDER BY created_at DESC LIMIT 20;\n" });
    await vscode.window.showTextDocument(doc);
    await pictures("explorer");
  });

  it("the status bar's tooltip: which branch, when the credential expires, the compute", async () => {
    const bar = await statusBar();
    assert.ok(bar.tooltip, "the item has a tooltip");
    const firstLine = bar.tooltip.split("\n")[0]!;
    const hover = async () => {
      await vscode.commands.executeCommand("notifications.clearAll");
      await hoverInWorkbench(STATUS_ITEM);
      await waitFor("the tooltip on screen", async () => (await workbenchTexts(".monaco-hover, .workbench-hover")).some((t) => t.includes(firstLine)));
    };
    await hover();
    await pictures("status-bar", hover);
  });

  it("a result and its status line (connect time apart from execution)", async () => {
    await clean();
    const doc = await vscode.workspace.openTextDocument({ language: "sql", content: "SELECT c.name, count(o.id) AS orders, sum(o.total) AS spent\nFROM customers c JOIN orders o ON o.customer_id = c.id\nGROUP BY c.name\nORDER BY spent DESC\nLIMIT 50;\n" });
    await vscode.window.showTextDocument(doc);
    const r = await run(doc.getText());
    assert.equal(r.status, "ok", JSON.stringify(r.error));
    assert.equal(r.results[0]?.rowCount, 50);
    const status = await waitFor("the panel's status line", async () => (await inResultsWebview(textsOf, ".status")).find((t) => /50 rows/.test(t)), 20_000);
    assert.match(status, /50 rows/);
    await pictures("results");
  });

  it("the schema diff: a branch's new table, its DDL side by side", async () => {
    await clean();
    const featureEndpoint = ((await rest("GET", `/api/2.0/postgres/${FEATURE}/endpoints`)).json.endpoints as Array<{ name: string }>)[0]!.name;
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint: featureEndpoint, database: "databricks_postgres" });
    const ddl = await run("CREATE TABLE IF NOT EXISTS loyalty_points (customer_id int PRIMARY KEY REFERENCES customers(id), points int NOT NULL DEFAULT 0);\nALTER TABLE customers ADD COLUMN IF NOT EXISTS tier text;");
    assert.equal(ddl.status, "ok", JSON.stringify(ddl.error));
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint: ENDPOINT, database: "databricks_postgres" });
    const result = await vscode.commands.executeCommand<{ changes: string[] }>("lakebase.schema.compare", { profile: "emulator", from: PROD, to: FEATURE, confirm: false });
    assert.deepEqual(result?.changes, ["+ column public.customers.tier text", "+ table public.loyalty_points"]);
    await vscode.commands.executeCommand("lakebase.schema.openDiff", { key: "table:public.customers" });
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, "a diff editor is open");
    await rowMatching(".monaco-list-row", /loyalty_points/, "the schema diff view's rows");
    await pictures("schema-diff");
  });

  it("the .env diagnostics: a stale PGHOST and missing keys, squiggled and listed", async () => {
    await clean();
    const file = path.join(root(), ".env.local");
    made.push(file);
    writeFileSync(file, ["# databricks apps init", "DATABRICKS_CONFIG_PROFILE=emulator", "PGHOST=old-host.example.com", "PGDATABASE=databricks_postgres", `LAKEBASE_ENDPOINT=${ENDPOINT}`, ""].join("\n"));
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const diags = await waitFor("the .env's diagnostics", () => { const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === "Lakebase"); return d.length >= 2 ? d : undefined; });
    assert.deepEqual(diags.map((d) => String(d.code)).sort(), ["missing-keys", "pghost-not-endpoint"]);
    await vscode.commands.executeCommand("workbench.actions.view.problems");
    await rowMatching(".markers-panel .monaco-list-row", /PGHOST old-host\.example\.com is not a host/, "the stale PGHOST in the Problems panel");
    await pictures("env-diagnostics");
  });

  it("the migrations: generate, rehearse on a throwaway branch, apply — in their terminal", async () => {
    await clean();
    const repo = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    const app = path.join(root(), "shop-app");
    made.push(app);
    rmSync(app, { recursive: true, force: true });
    cpSync(path.join(repo, "test", "fixtures", "drizzle-app"), app, { recursive: true });
    symlinkSync(path.join(repo, "node_modules"), path.join(app, "node_modules"), "dir");
    const config = path.join("shop-app", "drizzle.config.ts");
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(app, "src", "schema.ts")));
    const gen = await vscode.commands.executeCommand<{ exitCode: number; output: string }>("lakebase.migrations.generate", { config, confirm: false });
    assert.equal(gen.exitCode, 0, gen.output);
    const rehearsal = await vscode.commands.executeCommand<{ exitCode: number; changes: string[]; parentUnchanged: boolean }>("lakebase.migrations.rehearse", { config, confirm: false, ttlSeconds: 600 });
    assert.equal(rehearsal.exitCode, 0);
    assert.deepEqual(rehearsal.changes, ["+ table public.authors", "+ table public.posts"]);
    assert.equal(rehearsal.parentUnchanged, true);
    const apply = await vscode.commands.executeCommand<{ exitCode: number; output: string }>("lakebase.migrations.apply", { config, confirm: false });
    assert.equal(apply.exitCode, 0, apply.output);
    const terminal = vscode.window.terminals.find((t) => t.name === "drizzle-kit migrate");
    assert.ok(terminal, `the migrate terminal: ${vscode.window.terminals.map((t) => t.name).join(", ")}`);
    terminal.show(true);
    await waitFor("the migrate terminal active", () => vscode.window.activeTerminal?.name === "drizzle-kit migrate");
    // What that terminal shows is what the run returned (xterm draws on a canvas: its text is not in the DOM).
    assert.match(apply.output, /migrations applied successfully/);
    await pictures("migrations");
    const tables = await run("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('authors', 'posts')", { returnRows: 1 });
    assert.equal(tables.results[0]?.rows?.[0]?.[0], "authors,posts");
  });

  it("Explain: the plan of a join, as a tree", async () => {
    await clean();
    const doc = await vscode.workspace.openTextDocument({ language: "sql", content: "SELECT c.name, sum(o.total)\nFROM customers c JOIN orders o ON o.customer_id = c.id\nWHERE o.total > 50\nGROUP BY c.name;\n" });
    await vscode.window.showTextDocument(doc);
    const plan = await vscode.commands.executeCommand<{ status?: string }>("lakebase.query.explainAnalyze", { sql: doc.getText() });
    assert.ok(plan, "a plan");
    const snap = await waitFor("the plan panel", async () => { const s = await vscode.commands.executeCommand<{ open: boolean; html?: string }>("lakebase.plan.snapshot"); return s.open && /Hash Join|Nested Loop|Merge Join/.test(s.html ?? "") ? s : undefined; });
    assert.match(snap.html ?? "", /orders/);
    await pictures("explain");
  });

  it("SQL completion: an alias's columns from the live catalog, with their types", async () => {
    await clean();
    const doc = await vscode.workspace.openTextDocument({ language: "sql", content: "SELECT c.\nFROM customers c\nJOIN orders o ON o.customer_id = c.id;\n" });
    const editor = await vscode.window.showTextDocument(doc);
    const summary = await vscode.commands.executeCommand<{ status: string }>("lakebase.sql.refreshCatalog");
    assert.equal(summary.status, "ready", JSON.stringify(summary));
    const at = new vscode.Position(0, "SELECT c.".length);
    const suggest = async () => {
      editor.selection = new vscode.Selection(at, at);
      await vscode.commands.executeCommand("editor.action.triggerSuggest");
      await rowMatching(".suggest-widget .monaco-list-row", /^id/, "the suggest widget listing customers' columns");
    };
    await suggest();
    const rows = (await workbenchTexts(".suggest-widget .monaco-list-row .label-name")).slice(0, 4);
    assert.deepEqual(rows, ["id", "name", "email", "created_at"], "the columns in table order");
    await pictures("completion", suggest);
    await vscode.commands.executeCommand("hideSuggestWidget");
  });

  it("Create Project offers the PostgreSQL versions Lakebase documents, 17 (the default) first", async () => {
    const inputs = stubWindow("showInputBox", (opts) => (/id/.test((opts as { prompt?: string }).prompt ?? "") ? "readme-versions" : ""));
    const picks = stubWindow("showQuickPick", () => undefined);
    try {
      const created = await vscode.commands.executeCommand("lakebase.project.create", { profile: "emulator" });
      assert.equal(created, undefined, "cancelled at the version picker");
    } finally { inputs.restore(); picks.restore(); }
    const items = picks.calls[0]?.[0] as Array<{ label: string; description?: string }>;
    assert.deepEqual(items.map((i) => [i.label, i.description]), [["PostgreSQL 17", "default"], ["PostgreSQL 18", undefined], ["PostgreSQL 16", undefined]]);
  });
});
