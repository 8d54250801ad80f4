// Query parameters in a real VS Code against the emulator: a statement with `$1` and `:name` run from
// the editor asks for each value (typed from the catalog, remembered per document), sends them as bind
// parameters — an injection attempt is stored as data and the table survives — and history records them.
import * as assert from "node:assert/strict";
import { rmSync } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import type { HistoryEntry } from "../../../src/core/history/queryHistory";
import type { QuerySummary } from "../../../src/ui/query/querySummary";
import type { CatalogSummary } from "../../../src/ui/sql/sqlCatalogs";
import { activateExtension, ensureProject, screenshot, stubWindow, workspaceFolder } from "../support/emulatorRest";

const PROJECT = "vscode-params";
const SETUP = `
DROP TABLE IF EXISTS param_notes;
CREATE TABLE param_notes (id int PRIMARY KEY, body text, done boolean NOT NULL DEFAULT false);
INSERT INTO param_notes VALUES (1, 'first', false), (2, 'second', true);
`;
const EVIL = "'; DROP TABLE param_notes; --";
const SCRIPT = [
  "INSERT INTO param_notes (id, body) VALUES ($1, :body);",
  "SELECT id, body, done FROM param_notes WHERE id = $1 OR body = ':body' ORDER BY id;",
  "SELECT count(*) AS notes FROM param_notes;",
].join("\n");

const run = (arg?: unknown) => vscode.commands.executeCommand<QuerySummary | undefined>("lakebase.query.run", arg);
type InputOptions = vscode.InputBoxOptions & { title: string };

describe("query parameters", function () {
  this.timeout(120000);
  let doc: vscode.TextDocument;
  let editor: vscode.TextEditor;
  let file: string;

  before(async () => {
    await activateExtension();
    const endpoint = await ensureProject(PROJECT, "VS Code parameters");
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint, database: "databricks_postgres" });
    const setup = await run({ sql: SETUP });
    assert.equal(setup?.status, "ok", JSON.stringify(setup?.error));
    file = path.join(workspaceFolder().uri.fsPath, "parameters.sql");
    await vscode.workspace.fs.writeFile(vscode.Uri.file(file), Buffer.from(SCRIPT));
    doc = await vscode.workspace.openTextDocument(file);
    editor = await vscode.window.showTextDocument(doc);
    const summary = await vscode.commands.executeCommand<CatalogSummary>("lakebase.sql.refreshCatalog");
    assert.equal(summary.status, "ready", JSON.stringify(summary));
  });
  after(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    rmSync(file, { force: true });
  });

  const atLine = (line: number) => { const p = new vscode.Position(line, 2); editor.selection = new vscode.Selection(p, p); };

  it("asks for each placeholder with the column's type and binds the values: an injection attempt is data", async () => {
    const answers: Record<string, string> = { $1: "3", ":body": EVIL };
    const input = stubWindow("showInputBox", (o) => answers[/: (\$\d+|:\w+)/.exec((o as InputOptions).title)![1]]);
    try {
      atLine(0);
      const inserted = await run();
      assert.equal(inserted?.status, "ok", JSON.stringify(inserted?.error));
      assert.equal(inserted.results[0].rowCount, 1);
      const titles = input.calls.map((c) => (c[0] as InputOptions).title);
      assert.deepEqual(titles, ["Query parameter 1 of 2: $1 (integer)", "Query parameter 2 of 2: :body (text)"]);
      assert.equal((input.calls[0][0] as InputOptions).value, "", "nothing remembered yet");
    } finally {
      input.restore();
    }
    const check = await run({ sql: "SELECT body FROM param_notes WHERE id = 3; SELECT count(*) FROM param_notes" });
    assert.equal(check?.status, "ok", JSON.stringify(check?.error));
    assert.deepEqual(check.results[0].rows, [[EVIL]], "the value is stored as text");
    assert.deepEqual(check.results[1].rows, [["3"]], "the table is still there, with its rows");
  });

  it("remembers the last values per document, offers them next time, and the whole file binds them per statement", async () => {
    const input = stubWindow("showInputBox", (o) => (o as InputOptions).value);
    try {
      const whole = await vscode.commands.executeCommand<QuerySummary | undefined>("lakebase.query.runFile");
      assert.deepEqual(input.calls.map((c) => (c[0] as InputOptions).value), ["3", EVIL], "the document's last values are offered");
      // Statement 1 fails (id 3 exists): the script stops there, with the server's own message.
      assert.equal(whole?.status, "error");
      assert.match(whole.error?.message ?? "", /duplicate key value violates unique constraint "param_notes_pkey"/);
    } finally {
      input.restore();
    }
    const input2 = stubWindow("showInputBox", (o) => ((o as InputOptions).title.includes("$1") ? "2" : "second"));
    try {
      atLine(1);
      const selected = await run();
      assert.equal(selected?.status, "ok", JSON.stringify(selected?.error));
      // `':body'` inside quotes is a string, not a parameter: only $1 is asked for in that statement.
      assert.deepEqual(input2.calls.map((c) => (c[0] as InputOptions).title), ["Query parameter 1 of 1: $1 (integer)"]);
      assert.deepEqual(selected.results[0].rows, [["2", "second", "t"]]);
    } finally {
      input2.restore();
    }
  });

  it("Escape in a prompt runs nothing; NULL is SQL NULL; history keeps the values (token-shaped ones masked)", async () => {
    const before = (await vscode.commands.executeCommand<HistoryEntry[]>("lakebase.history.list")).length;
    const cancel = stubWindow("showInputBox", () => undefined);
    try {
      atLine(0);
      assert.equal(await run(), undefined);
      assert.equal(cancel.calls.length, 1, "stops at the first Escape");
    } finally {
      cancel.restore();
    }
    assert.equal((await vscode.commands.executeCommand<HistoryEntry[]>("lakebase.history.list")).length, before, "nothing ran");

    const token = "dapi0123456789abcdef0123456789abcdef";
    const input = stubWindow("showInputBox", (o) => ((o as InputOptions).title.includes("$1") ? "NULL" : token));
    try {
      const r = await run({ sql: "SELECT $1::int IS NULL AS is_null, length(:secret) AS len" });
      assert.equal(r?.status, "ok", JSON.stringify(r?.error));
      assert.deepEqual(r.results[0].rows, [["t", String(token.length)]], "NULL bound as NULL; the token bound as it is");
    } finally {
      input.restore();
    }
    const [latest] = await vscode.commands.executeCommand<HistoryEntry[]>("lakebase.history.list");
    assert.equal(latest.sql, "SELECT $1::int IS NULL AS is_null, length(:secret) AS len");
    assert.deepEqual(latest.parameters, { $1: null, ":secret": "***" });
  });

  it("the real prompt: its title and hint on screen (screenshots), and Escape runs nothing", async () => {
    atLine(0);
    const pending = run();
    const shots: string[] = [];
    try {
      for (const theme of ["Default Light Modern", "Default Dark Modern"]) {
        await vscode.workspace.getConfiguration("workbench").update("colorTheme", theme, vscode.ConfigurationTarget.Global);
        for (const size of ["1000x700", "1400x900"] as const) {
          const file = await screenshot(`query-parameter-${theme.includes("Light") ? "light" : "dark"}-${size.split("x")[0]}`, size);
          if (file) shots.push(file);
        }
      }
    } finally {
      await vscode.workspace.getConfiguration("workbench").update("colorTheme", undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand("workbench.action.closeQuickOpen");
    }
    assert.equal(await pending, undefined, "Escape in the real input box cancels the run");
    assert.equal(shots.length, 4);
  });

  it("automation passes the values and is never prompted; the API names missing ones", async () => {
    const input = stubWindow("showInputBox", () => "unexpected");
    try {
      const r = await run({ sql: "SELECT :a || '-' || $1 AS v", parameters: { ":a": "x", $1: "y" } });
      assert.deepEqual(r?.results[0].rows, [["x-y"]]);
      const api = await activateExtension<{ runQuery(p: unknown): Promise<QuerySummary> }>();
      await assert.rejects(api.runQuery({ sql: "SELECT :a" }), /This SQL has parameters \(:a\): pass their values/);
      assert.equal(input.calls.length, 0);
    } finally {
      input.restore();
    }
  });

  it("Explain and Explain Analyze ask for the values like Run (same prompt, the document's last values) and bind them", async () => {
    interface Plan { analyzed: boolean; root: { nodeType: string; actualRows?: number } }
    const asked = stubWindow("showInputBox", () => "1");
    try {
      atLine(1);
      const r = await vscode.commands.executeCommand<Plan>("lakebase.query.explainAnalyze");
      assert.deepEqual(asked.calls.map((c) => (c[0] as InputOptions).title), ["Query parameter 1 of 1: $1 (integer)"]);
      assert.equal(r.analyzed, true);
      assert.equal(r.root.actualRows, 1, "id = 1 was bound: one row");
    } finally {
      asked.restore();
    }
    const again = stubWindow("showInputBox", (o) => (o as InputOptions).value);
    try {
      atLine(1);
      const r = await vscode.commands.executeCommand<Plan>("lakebase.query.explain");
      assert.equal((again.calls[0][0] as InputOptions).value, "1", "the value used last in this document is offered");
      assert.equal(r.analyzed, false);
    } finally {
      again.restore();
    }
    const escape = stubWindow("showInputBox", () => undefined);
    try {
      atLine(1);
      assert.equal(await vscode.commands.executeCommand("lakebase.query.explainAnalyze"), undefined, "Escape explains nothing");
    } finally {
      escape.restore();
    }
    const never = stubWindow("showInputBox", () => "unexpected");
    try {
      const r = await vscode.commands.executeCommand<Plan>("lakebase.query.explainAnalyze", { sql: "SELECT * FROM param_notes WHERE id = :id", parameters: { ":id": "2" } });
      assert.equal(r.root.actualRows, 1);
      assert.equal(never.calls.length, 0, "automation passes the values and is not asked");
    } finally {
      never.restore();
    }
  });
});
