// Issue #13: `workspaceContains:.git` woke the extension in every git repository of every user.
// Following is opt-in per folder and the setting lives in the folder's .vscode/settings.json (the
// offer writes it there), so that file is what brings the follower back after a window reload.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

describe("activation for git branch following", () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, "../../../package.json"), "utf8")) as {
    activationEvents: string[];
    contributes: { configuration: { properties: Record<string, { scope?: string }> } | Array<{ properties: Record<string, { scope?: string }> }> };
  };

  it("does not activate in every git repository", () => {
    assert.ok(!manifest.activationEvents.some((e) => /^workspaceContains:(\*\*\/)?\.git$/.test(e)), manifest.activationEvents.join(", "));
    assert.ok(!manifest.activationEvents.includes("*"));
  });

  it("activates where a folder's settings can turn following on, and the setting is per folder", () => {
    assert.ok(manifest.activationEvents.includes("workspaceContains:.vscode/settings.json"), manifest.activationEvents.join(", "));
    const config = manifest.contributes.configuration;
    const props = Array.isArray(config) ? Object.assign({}, ...config.map((c) => c.properties)) as Record<string, { scope?: string }> : config.properties;
    assert.equal(props["lakebase.git.followBranches"]?.scope, "resource");
  });
});
