// Edit Data in a real VS Code against the emulator: the table opens as an editable result, the SQL is shown
// before it runs, an edit reaches Postgres, a row changed by someone else since it was read applies nothing,
// the default branch asks first, and a table without a primary key opens read-only.
import * as assert from "node:assert/strict";
import pg from "pg";
import * as vscode from "vscode";
import type { LakebaseApi } from "../../../src/api";
import type { QuerySummary } from "../../../src/ui/query/querySummary";
import type { PanelSnapshot } from "../../../src/ui/results/resultsPanel";
import { activateExtension, emuSsl, ensureProject, stubWindow, waitFor } from "../support/emulatorRest";

const run = (sql: string) => vscode.commands.executeCommand<QuerySummary>("lakebase.query.run", { sql, returnRows: 10 });
const snapshot = () => vscode.commands.executeCommand<PanelSnapshot>("lakebase.results.snapshot");
const applyEdits = <T>(arg: unknown) => vscode.commands.executeCommand<T>("lakebase.data.applyEdits", arg);
/** A plain pg session as another user of the database would have: not the panel's, not the extension's pool. */
async function otherSession(sql: string): Promise<void> {
  const api = await activateExtension<LakebaseApi>();
  const t = api.target();
  assert.ok(t, "a target is selected");
  const cred = await api.getCredential({ profile: t.profile, endpoint: t.endpoint });
  const client = new pg.Client({ host: t.host, port: 5432, database: t.database, user: cred.user, password: cred.token, ssl: emuSsl(t.host) });
  await client.connect();
  try { await client.query(sql); } finally { await client.end(); }
}
const names = async () => (await run("SELECT name FROM edit_customers ORDER BY id")).results[0]?.rows?.map((r) => r[0]);

describe("edit data", function () {
  this.timeout(120000);

  before(async () => {
    await activateExtension();
    const endpoint = await ensureProject("vscode-queries", "VS Code queries");
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint, database: "databricks_postgres" });
    const setup = await run("DROP TABLE IF EXISTS edit_customers, edit_log;\n" +
      "CREATE TABLE edit_customers (id int PRIMARY KEY, name text, note text, tags text[], doc jsonb);\n" +
      "INSERT INTO edit_customers VALUES (1, 'Ada', NULL, '{a,b}', '{\"vip\": true}'), (2, 'Grace', '', NULL, NULL), (3, 'Edsger', 'x', '{}', '[]');\n" +
      "CREATE TABLE edit_log (at timestamptz, msg text);");
    assert.equal(setup.status, "ok", JSON.stringify(setup.error));
  });
  after(async () => { await vscode.commands.executeCommand("workbench.action.closeAllEditors"); });

  async function openTable(table: string): Promise<PanelSnapshot> {
    const summary = await vscode.commands.executeCommand<QuerySummary>("lakebase.table.editData", { schema: "public", table });
    assert.equal(summary?.status, "ok", JSON.stringify(summary?.error));
    return waitFor("the rows in the panel", async () => { const s = await snapshot(); const r = s.results[0]; return r && r.rowCount !== undefined && (s.webviewRows[r.resultId] ?? 0) === r.rows && !s.query?.running ? s : undefined; });
  }

  it("shows the parameterised SQL, then applies an edit that reaches Postgres; the default branch asks first", async () => {
    const snap = await openTable("edit_customers");
    assert.deepEqual(snap.results[0]!.edit, { table: "public.edit_customers", key: [0], writable: [true, true, true, true, true] });
    assert.equal(snap.results[0]!.rows, 3);
    const changes = [{ kind: "update", row: 0, values: { 1: "Ada Lovelace", 2: "" } }, { kind: "insert", values: { 0: "4", 1: "Barbara", 3: '{"x y",z}', 4: '{"a": [1]}' } }];
    const { sql } = await applyEdits<{ sql: string }>({ changes, previewOnly: true });
    assert.equal(sql.split("\n")[1], `UPDATE "public"."edit_customers" SET "name" = $1::text, "note" = $2::text WHERE "id" = $3::integer AND "name" = $4::text AND "note" IS NULL AND "tags" = $5::text[] AND "doc" = $6::jsonb;`);
    assert.match(sql, /-- \$1 = 'Ada Lovelace', \$2 = '', \$3 = '1', \$4 = 'Ada', \$5 = '\{a,b\}', \$6 = '\{"vip": true\}'/);

    // production is the project's default branch: a modal asks; dismissing it applies nothing.
    const warn = stubWindow("showWarningMessage", () => undefined);
    try {
      const declined = await applyEdits<{ status: string }>({ changes });
      assert.equal(declined.status, "cancelled");
      assert.match(String(warn.calls[0]?.[0]), /Apply 2 changes to "public"\."edit_customers" on production, the project's default branch\?/);
    } finally { warn.restore(); }
    assert.deepEqual(await names(), ["Ada", "Grace", "Edsger"]);
    await openTable("edit_customers");

    const applied = await applyEdits<{ status: string; updated: number; inserted: number }>({ changes, confirm: false });
    assert.deepEqual([applied.status, applied.updated, applied.inserted], ["applied", 1, 1]);
    const rows = (await run("SELECT id, name, note, tags, doc FROM edit_customers ORDER BY id")).results[0]!.rows;
    assert.deepEqual(rows?.[0], ["1", "Ada Lovelace", "", "{a,b}", '{"vip": true}']);
    assert.deepEqual(rows?.[3], ["4", "Barbara", null, '{"x y",z}', '{"a": [1]}']);
  });

  it("applies nothing when a row changed since it was read (conflict)", async () => {
    await openTable("edit_customers");
    // Someone else (another session, not the panel) changes Grace's row after the panel read it.
    await otherSession("UPDATE edit_customers SET note = 'changed elsewhere' WHERE id = 2");
    const conflict = await applyEdits<{ status: string; change: number; message: string }>({
      changes: [{ kind: "update", row: 0, values: { 1: "Not applied" } }, { kind: "update", row: 1, values: { 1: "Nor this" } }], confirm: false,
    });
    assert.equal(conflict.status, "conflict", JSON.stringify(conflict));
    assert.equal(conflict.change, 1);
    assert.match(conflict.message, /Change 2 \(update\): the row was changed or deleted by someone else since it was read\. Nothing was applied/);
    assert.deepEqual(await names(), ["Ada Lovelace", "Grace", "Edsger", "Barbara"], "the first update was rolled back too");
  });

  it("edits a query's result that comes from one table with its key, and says why another cannot be edited", async () => {
    const summary = await run("SELECT email_less.note AS remark, email_less.id FROM edit_customers AS email_less ORDER BY id");
    assert.equal(summary.status, "ok");
    await waitFor("the result in the panel", async () => ((await snapshot()).results[0]?.rowCount !== undefined ? true : undefined));
    const enabled = await vscode.commands.executeCommand<{ edit?: unknown; reason?: string }>("lakebase.results.edit");
    assert.deepEqual(enabled.edit, { table: "public.edit_customers", key: [1], writable: [true, true] });
    const applied = await applyEdits<{ status: string }>({ changes: [{ kind: "update", row: 2, values: { 0: "edited from a query" } }], confirm: false });
    assert.equal(applied.status, "applied", JSON.stringify(applied));
    assert.deepEqual((await run("SELECT note FROM edit_customers WHERE id = 3")).results[0]?.rows, [["edited from a query"]]);

    await run("SELECT name, count(*) FROM edit_customers GROUP BY name");
    const refused = await vscode.commands.executeCommand<{ edit?: unknown; reason?: string }>("lakebase.results.edit");
    assert.equal(refused.edit, undefined);
    assert.match(refused.reason ?? "", /computed, not read from a table/);
  });

  it("opens Edit Data from the explorer's table node, on that node's branch", async () => {
    type Node = { id: string; kind: string; label: string };
    const children = (id?: string) => vscode.commands.executeCommand<Node[]>("lakebase.explorer.children", id);
    const find = async (id: string, pick: (n: Node) => boolean, what: string) => {
      const found = (await children(id)).find(pick);
      assert.ok(found, `${what} under ${id}`);
      return found;
    };
    // The project was made over REST (ensureProject), not through the tree: a listing the tree loaded
    // earlier (another suite's) does not have it. Refresh, or the test depends on which suites ran first.
    await vscode.commands.executeCommand("lakebase.explorer.refresh");
    const production = await find("profile::emulator::projects/vscode-queries", (n) => n.label === "production", "production");
    const folder = await find(production.id, (n) => n.kind === "databasesFolder", "databases folder");
    const db = await find(folder.id, (n) => n.label === "databricks_postgres", "database");
    const schema = await find(db.id, (n) => n.label === "public", "public");
    const table = await find(schema.id, (n) => n.label === "edit_customers", "edit_customers");
    const summary = await vscode.commands.executeCommand<QuerySummary>("lakebase.table.editData", table);
    assert.equal(summary?.status, "ok", JSON.stringify(summary?.error));
    assert.match(summary.target, /vscode-queries \/ production \/ databricks_postgres/);
    const snap = await waitFor("the editable rows", async () => { const s = await snapshot(); return s.results[0]?.edit && !s.query?.running ? s : undefined; });
    assert.equal(snap.results[0]!.edit?.table, "public.edit_customers");
    assert.equal(snap.results[0]!.rowCount, 4);
  });

  it("opens a table without a primary key read-only, with the reason", async () => {
    const snap = await openTable("edit_log");
    assert.match(snap.results[0]!.edit?.readOnlyReason ?? "", /"public"\."edit_log" has no primary key.*read-only/);
  });
});
