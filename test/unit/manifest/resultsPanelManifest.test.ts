// The manifest parts a window reload depends on: VS Code activates the extension to restore the results tab
// only when an onWebviewPanel activation event names its view type (issue #15).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

describe("package.json for the results panel", () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, "../../../package.json"), "utf8")) as { activationEvents: string[]; contributes: { menus: Record<string, Array<{ command: string; when?: string }>> } };

  it("activates on the results webview's view type, so the serializer can restore it after a reload", () => {
    assert.ok(manifest.activationEvents.includes("onWebviewPanel:lakebase.results"), manifest.activationEvents.join(", "));
  });

  it("offers Edit Data on table nodes only, and keeps the automation commands out of the palette", () => {
    const item = manifest.contributes.menus["view/item/context"]!.find((m) => m.command === "lakebase.table.editData");
    assert.equal(item?.when, "view == lakebase.explorer && viewItem == lakebase.table");
    const hidden = manifest.contributes.menus.commandPalette!.filter((m) => m.when === "false").map((m) => m.command);
    for (const c of ["lakebase.results.adopt", "lakebase.data.applyEdits"]) assert.ok(hidden.includes(c), `${c} hidden from the palette`);
  });
});
