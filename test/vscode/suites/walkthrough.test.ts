// The walkthrough (the cookbook in five minutes) done as a user does it: open it, run each step's
// command on the emulator, and see each step check itself off — in the extension's context keys
// and in the walkthrough the workbench shows. Each step's picture (light and dark) is taken here;
// `node scripts/walkthrough-media.mjs` turns them into media/walkthrough/*.png.
import * as assert from "node:assert/strict";
import { cpSync, existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { activateExtension, EXTENSION_ID, screenshot, waitFor, workbenchDom, workspaceFolder } from "../support/emulatorRest";

type StepId = "profile" | "project" | "target" | "env" | "query" | "migrations";
type State = Record<StepId, boolean> & { keys: Record<StepId, string>; migrationsApplied: number };
interface Target { profile: string; endpoint: string; database: string; host: string }

const WALKTHROUGH = `${EXTENSION_ID}#lakebase.cookbook`;
const STEPS: StepId[] = ["profile", "project", "target", "env", "query", "migrations"];
const THEMES = [["light", "Default Light Modern"], ["dark", "Default Dark Modern"]] as const;

async function state(): Promise<State> {
  return vscode.commands.executeCommand<State>("lakebase.walkthrough.state");
}

async function stepDone(step: StepId): Promise<State> {
  return waitFor(`the walkthrough's ${step} step to be done`, async () => { const s = await state(); return s[step] ? s : undefined; }, 30_000);
}

/** What each step's picture keeps of a 1000×640 window: the part the step is about. */
const CLIPS: Partial<Record<StepId, { x: number; y: number; width: number; height: number }>> = {
  profile: { x: 0, y: 30, width: 560, height: 250 },
  project: { x: 0, y: 30, width: 560, height: 250 },
  target: { x: 0, y: 30, width: 600, height: 610 },
  env: { x: 348, y: 30, width: 652, height: 240 },
  migrations: { x: 348, y: 320, width: 652, height: 170 },
};

/** The scene of one step, in both themes. */
async function pictures(step: StepId): Promise<string[]> {
  const files: string[] = [];
  await vscode.commands.executeCommand("notifications.clearAll"); // the toasts would cover the scene
  for (const [name, theme] of THEMES) {
    await vscode.workspace.getConfiguration("workbench").update("colorTheme", theme, vscode.ConfigurationTarget.Global);
    const file = await screenshot(`walkthrough-${step}-${name}`, "1000x640", CLIPS[step]);
    if (file) files.push(file);
  }
  return files;
}

describe("walkthrough: the cookbook in five minutes", function () {
  this.timeout(240_000);
  const root = () => workspaceFolder().uri.fsPath;
  const saved: Record<string, string | undefined> = {};
  let savedTarget: Target | undefined;
  let app: string;

  before(async () => {
    await activateExtension();
    savedTarget = await vscode.commands.executeCommand<Target | undefined>("lakebase.target.show");
    for (const f of [".env", ".env.example"]) saved[f] = existsSync(path.join(root(), f)) ? readFileSync(path.join(root(), f), "utf8") : undefined;
    for (const f of [".env", ".env.example"]) rmSync(path.join(root(), f), { force: true });
    await vscode.commands.executeCommand("lakebase.target.clear");
    // The cookbook's drizzle app, with drizzle-kit from the repository.
    const repo = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    app = path.join(root(), "cookbook-app");
    rmSync(app, { recursive: true, force: true });
    cpSync(path.join(repo, "test", "fixtures", "drizzle-app"), app, { recursive: true });
    symlinkSync(path.join(repo, "node_modules"), path.join(app, "node_modules"), "dir");
  });

  after(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await vscode.workspace.getConfiguration("workbench").update("colorTheme", undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration("lakebase").update("defaultProfile", undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand("lakebase.target.clear");
    if (savedTarget) await vscode.commands.executeCommand("lakebase.target.select", { profile: savedTarget.profile, endpoint: savedTarget.endpoint, database: savedTarget.database });
    for (const [f, text] of Object.entries(saved)) {
      if (text === undefined) rmSync(path.join(root(), f), { force: true }); else writeFileSync(path.join(root(), f), text);
    }
    rmSync(app, { recursive: true, force: true });
  });

  it("is contributed with six steps, each completing on a context key the extension sets", async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { walkthroughs: Array<{ id: string; steps: Array<{ id: string; completionEvents: string[]; description: string }> }> } };
    const walkthrough = manifest.contributes.walkthroughs.find((w) => w.id === "lakebase.cookbook");
    assert.ok(walkthrough, "the lakebase.cookbook walkthrough");
    assert.deepEqual(walkthrough.steps.map((s) => s.id), STEPS);
    const keys = (await state()).keys;
    for (const step of walkthrough.steps) {
      assert.deepEqual(step.completionEvents, [`onContext:${keys[step.id as StepId]}`]);
      // Every step has a button that runs a command the extension (or VS Code) has.
      const commands = [...step.description.matchAll(/\]\(command:([\w.]+)\)/g)].map((m) => m[1]!);
      assert.ok(commands.length > 0, `${step.id} has a button`);
      const all = await vscode.commands.getCommands(true);
      for (const c of commands) assert.ok(all.includes(c), `${step.id}'s button runs ${c}, which exists`);
    }
  });

  it("opens, and each step checks itself off when its command really got there", async () => {
    await vscode.commands.executeCommand("workbench.action.openWalkthrough", WALKTHROUGH, false);
    console.log(`walkthrough tab: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)).join(" | ")}`);
    const before = await state();
    assert.equal(before.target, false, "no target yet");
    assert.equal(before.env, false, "no .env yet");

    // 1. Pick a profile: done when it answers (validated), not when the picker closes.
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    assert.equal(await vscode.commands.executeCommand("lakebase.profiles.setDefault", { profile: "emulator" }), "emulator");
    await stepDone("profile");
    await vscode.commands.executeCommand("workbench.view.extension.lakebase");
    await vscode.commands.executeCommand("lakebase.explorer.reveal", "profile::emulator");
    await pictures("profile");

    // 2. Create a project.
    const project = await vscode.commands.executeCommand<{ name: string }>("lakebase.project.create", { profile: "emulator", projectId: "cookbook-app", displayName: "Cookbook app" });
    assert.equal(project.name, "projects/cookbook-app");
    await stepDone("project");
    await vscode.commands.executeCommand("lakebase.explorer.reveal", "profile::emulator::projects/cookbook-app/branches/production");
    await pictures("project");

    // 3. Use its endpoint for this folder.
    const endpoint = "projects/cookbook-app/branches/production/endpoints/primary";
    const target = await vscode.commands.executeCommand<Target>("lakebase.target.select", { profile: "emulator", endpoint });
    assert.equal(target.endpoint, endpoint);
    assert.equal((await stepDone("target")).env, false, "a target alone is not a .env");
    await vscode.commands.executeCommand("lakebase.explorer.reveal", `profile::emulator::${endpoint}`);
    await waitFor("the credential countdown", async () => /production · \d+m/.test((await vscode.commands.executeCommand<{ text: string }>("lakebase.credentials.statusSnapshot")).text));
    await pictures("target");

    // 4. Write .env and .env.example.
    const written = await vscode.commands.executeCommand<{ file: string; example?: { file: string } }>("lakebase.env.write", { file: ".env", example: true });
    assert.equal(written.file, path.join(root(), ".env"));
    assert.ok(existsSync(path.join(root(), ".env.example")));
    await stepDone("env");
    await vscode.window.showTextDocument(vscode.Uri.file(written.file));
    await pictures("env");

    // 5. Run a first query: the results panel shows its row.
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    const summary = await vscode.commands.executeCommand<{ status: string; results: Array<{ rowCount: number }> }>("lakebase.walkthrough.firstQuery");
    assert.equal(summary.status, "ok", JSON.stringify(summary));
    assert.equal(summary.results[0]?.rowCount, 1);
    await stepDone("query");
    await vscode.commands.executeCommand("workbench.action.closeSidebar"); // room for the editor and the results
    await new Promise((r) => setTimeout(r, 1000)); // let the panel paint its row
    await pictures("query");
    await vscode.commands.executeCommand("workbench.view.extension.lakebase");

    // 6. Generate, then apply the drizzle migrations (generating alone is not applying).
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    const config = path.join("cookbook-app", "drizzle.config.ts");
    const gen = await vscode.commands.executeCommand<{ exitCode: number; output: string }>("lakebase.migrations.generate", { config, confirm: false });
    assert.equal(gen.exitCode, 0, gen.output);
    // Generating applies nothing. The step itself may already be done by an earlier suite of this
    // window (it counts any apply in the session), so the check is on the count of applies.
    const generated = await state();
    assert.equal(generated.migrationsApplied, before.migrationsApplied, "generated, not applied yet");
    assert.equal(generated.migrations, before.migrationsApplied > 0, "the step is done only after an apply");
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(app, "src", "schema.ts")));
    const apply = await vscode.commands.executeCommand<{ exitCode: number; output: string }>("lakebase.migrations.apply", { config, confirm: false });
    assert.equal(apply.exitCode, 0, apply.output);
    await waitFor("this apply to be counted", async () => (await state()).migrationsApplied === before.migrationsApplied + 1);
    const done = await stepDone("migrations");
    assert.deepEqual(STEPS.filter((s) => !done[s]), [], "every step done");
    await pictures("migrations");

    // What the user sees: the walkthrough with all six steps checked.
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await vscode.commands.executeCommand("workbench.action.closePanel");
    await vscode.commands.executeCommand("notifications.clearAll");
    await vscode.commands.executeCommand("workbench.action.openWalkthrough", WALKTHROUGH, false);
    const dom = await waitFor("the walkthrough to show its six steps checked", async () => {
      const steps = await workbenchDom("walkthrough-steps", "button.getting-started-step[data-step-id]");
      if (steps === undefined) return [];
      return steps.length === STEPS.length && steps.every((s) => s.attributes["aria-checked"] === "true") ? steps : undefined;
    });
    if (dom.length > 0) {
      assert.deepEqual(dom.map((s) => s.attributes["data-step-id"]!.split("#").pop()), STEPS);
      assert.match(dom[0]!.text, /Sign in or pick a profile/);
    }
    for (const [name, theme] of THEMES) {
      await vscode.workspace.getConfiguration("workbench").update("colorTheme", theme, vscode.ConfigurationTarget.Global);
      await screenshot(`walkthrough-done-${name}`, "1400x900");
    }
  });
});
