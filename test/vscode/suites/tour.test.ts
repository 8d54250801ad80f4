// The main job end to end, as a user would see it (and what the runner's final screenshot shows):
// a project in the tree, the workspace target, the credential countdown, a query from an editor
// with its rows in the results panel.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { LakebaseApi } from "../../../src/api";
import { activateExtension, rest, screenshot, waitFor } from "../support/emulatorRest";

interface Snapshot { visible: boolean; text: string; state?: string }

describe("tour", function () {
  this.timeout(60000);

  it("selects a target, shows the countdown, runs a query from an editor and shows the rows", async () => {
    const api = await activateExtension<LakebaseApi>();
    await vscode.commands.executeCommand("lakebase.project.create", { profile: "emulator", projectId: "tour-app", displayName: "Tour app" });
    const endpoint = (await rest("GET", "/api/2.0/postgres/projects/tour-app/branches/production/endpoints")).json.endpoints[0];
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint: endpoint.name });

    await vscode.commands.executeCommand("workbench.view.extension.lakebase");
    await vscode.commands.executeCommand("lakebase.explorer.reveal", `profile::emulator::${endpoint.name}`);

    const doc = await vscode.workspace.openTextDocument({ language: "sql", content: "-- Customers by country\nSELECT country, count(*) AS customers, min(since) AS first_since\nFROM customers\nGROUP BY country\nORDER BY customers DESC;\n\nSELECT * FROM customers ORDER BY id;\n" });
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    const setup = await api.runQuery({
      sql: "CREATE TABLE IF NOT EXISTS customers (id int PRIMARY KEY, name text, country text, since date);\n" +
        "INSERT INTO customers SELECT g, 'Customer ' || g, (ARRAY['NL','US','DE','FR'])[1 + g % 4], date '2024-01-01' + g FROM generate_series(1, 500) g ON CONFLICT DO NOTHING;",
    });
    assert.equal(setup.status, "ok", JSON.stringify(setup.error));
    editor.selection = new vscode.Selection(6, 3, 6, 3); // inside the second statement
    const summary = await vscode.commands.executeCommand<{ status: string; results: Array<{ rowCount: number }> }>("lakebase.query.run");
    assert.equal(summary.status, "ok");
    assert.equal(summary.results[0]?.rowCount, 500, "the statement under the cursor ran, not the file");

    const bar = await waitFor("the credential countdown", async () => {
      const s = await vscode.commands.executeCommand<Snapshot>("lakebase.credentials.statusSnapshot");
      return s.visible && /production · \d+m/.test(s.text) ? s : undefined;
    });
    assert.match(bar.text, /\$\(database\) production · \d+m/);
    // Let the panel paint, then keep a picture of the live workbench (README's screenshot).
    await new Promise((r) => setTimeout(r, 1500));
    await screenshot("tour");
  });
});
