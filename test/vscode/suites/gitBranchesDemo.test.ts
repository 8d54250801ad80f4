// The loop of issue #13's "done when", in a real VS Code with its Git extension: in a git repository
// holding a drizzle app, `git checkout -b feature/x` gives a feature-x Lakebase branch with .env on
// it; a migration applied there; the schema diff of feature-x against production is exactly what the
// migration made (read from the migration file drizzle-kit wrote), nothing else.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { parseEnv } from "../../../src/core/envfile/dotenvScan";
import type { WorkspaceTarget } from "../../../src/core/target/targetStore";
import { activateExtension, ensureProject, EXTENSION_ID, rest, waitFor, workspaceFolder } from "../support/emulatorRest";

const PROJECT = "vscode-git-demo";
const PROD = `projects/${PROJECT}/branches/production`;
const FEATURE = `projects/${PROJECT}/branches/feature-x`;
const target = () => vscode.commands.executeCommand<WorkspaceTarget | undefined>("lakebase.target.show");

interface GitApiLike { repositories: Array<{ rootUri: vscode.Uri }>; openRepository(uri: vscode.Uri): Promise<unknown> }
interface TreeNode { key: string; change: string; children?: string[] }

/** What a drizzle-kit migration file creates: tables, their serial sequences, primary keys and named constraints. */
function migrationObjects(sql: string): TreeNode[] {
  const nodes = new Map<string, Set<string>>();
  for (const m of sql.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"(\w+)" \(([\s\S]*?)\n\);/g)) {
    const [, table, body] = m as unknown as [string, string, string];
    const children = new Set<string>();
    for (const col of body.matchAll(/^\s*"(\w+)" serial/gm)) children.add(`sequence:public.${table}_${col[1]}_seq`);
    if (/PRIMARY KEY/.test(body)) children.add(`constraint:public.${table}.${table}_pkey`);
    for (const c of body.matchAll(/CONSTRAINT "(\w+)"/g)) children.add(`constraint:public.${table}.${c[1]}`);
    nodes.set(table, children);
  }
  for (const m of sql.matchAll(/ALTER TABLE "(\w+)" ADD CONSTRAINT "(\w+)"/g)) nodes.get(m[1]!)?.add(`constraint:public.${m[1]}.${m[2]}`);
  return [...nodes].map(([table, children]) => ({ key: `table:public.${table}`, change: "added", children: [...children].sort() })).sort((a, b) => a.key.localeCompare(b.key));
}

describe("git branches: the demo loop — checkout, migrate, diff", function () {
  this.timeout(240_000);
  let repo: string;
  const env = { ...process.env, GIT_AUTHOR_NAME: "Dev", GIT_AUTHOR_EMAIL: "dev@example.com", GIT_COMMITTER_NAME: "Dev", GIT_COMMITTER_EMAIL: "dev@example.com" };
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8", env });

  before(async () => {
    await activateExtension();
    const gitApi = (await vscode.extensions.getExtension<{ getAPI(v: 1): GitApiLike }>("vscode.git")!.activate()).getAPI(1);
    const endpoint = await ensureProject(PROJECT);
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint });

    // The demo workspace as `npm start` prepares it: a git repository with a drizzle app and an .env.
    repo = path.join(workspaceFolder().uri.fsPath, "git-demo");
    rmSync(repo, { recursive: true, force: true });
    mkdirSync(repo, { recursive: true });
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    cpSync(path.join(ext, "test", "fixtures", "drizzle-app"), path.join(repo, "drizzle-app"), { recursive: true });
    symlinkSync(path.join(ext, "node_modules"), path.join(repo, "drizzle-app", "node_modules"), "dir");
    writeFileSync(path.join(repo, ".gitignore"), "node_modules\n.env\n");
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-q", "-m", "demo");
    const report = await vscode.commands.executeCommand<{ file: string }>("lakebase.env.write", { file: path.join(repo, ".env"), example: false });
    assert.ok(report?.file);
    await vscode.workspace.getConfiguration("lakebase.git").update("followBranches", true, vscode.ConfigurationTarget.Workspace);
    await gitApi.openRepository(vscode.Uri.file(repo));
    await waitFor("the Git extension to know the repository", () => gitApi.repositories.some((r) => r.rootUri.fsPath === repo));
  });

  after(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await vscode.workspace.getConfiguration("lakebase.git").update("followBranches", undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand("lakebase.target.clear");
  });

  it("git checkout -b feature/x → feature-x with .env on it; after a migration there the diff against production is exactly the migration", async () => {
    git("checkout", "-q", "-b", "feature/x");
    const onFeature = await waitFor("the target on feature-x", async () => { const t = await target(); return t?.branch === FEATURE ? t : undefined; }, 60_000);
    const envFile = path.join(repo, ".env");
    await waitFor(".env on feature-x", () => parseEnv(readFileSync(envFile, "utf8")).get("LAKEBASE_ENDPOINT") === onFeature.endpoint || undefined);
    assert.equal(parseEnv(readFileSync(envFile, "utf8")).get("PGHOST"), onFeature.host);
    assert.equal((await rest("GET", `/api/2.0/postgres/${FEATURE}`)).json.status.source_branch, PROD);

    const config = path.join("git-demo", "drizzle-app", "drizzle.config.ts");
    const gen = await vscode.commands.executeCommand<{ exitCode: number; output: string }>("lakebase.migrations.generate", { config, confirm: false });
    assert.equal(gen?.exitCode, 0, gen?.output);
    const dir = path.join(repo, "drizzle-app", "drizzle");
    const files = readdirSync(dir).filter((f) => f.endsWith(".sql"));
    assert.equal(files.length, 1);
    const migration = readFileSync(path.join(dir, files[0]!), "utf8");
    const apply = await vscode.commands.executeCommand<{ exitCode: number; output: string }>("lakebase.migrations.apply", { config, confirm: false });
    assert.equal(apply?.exitCode, 0, apply?.output);

    const expected = migrationObjects(migration);
    assert.deepEqual(expected.map((n) => n.key), ["table:public.authors", "table:public.posts"], "the fixture's migration makes two tables");
    const cmp = await vscode.commands.executeCommand<{ changes: string[]; tree: TreeNode[] }>("lakebase.schema.compare", { profile: "emulator", from: PROD, to: FEATURE, confirm: false });
    assert.deepEqual(cmp?.changes, ["+ table public.authors", "+ table public.posts"]);
    const tree = cmp!.tree.map((n) => ({ ...n, children: [...(n.children ?? [])].sort() })).sort((a, b) => a.key.localeCompare(b.key));
    assert.deepEqual(tree, expected, `the diff tree is the migration's objects, nothing else:\n${migration}`);
    assert.equal((await target())?.branch, FEATURE, "the diff changed no target");
  });
});
