// The walkthrough as package.json contributes it: the steps in the cookbook's order, each completing
// on the context key the extension sets (walkthroughSteps.ts), with a button and its pictures.
import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { envMatchesTarget, STEP_KEYS, STEP_ORDER, WALKTHROUGH_ID } from "../../../src/ui/walkthrough/walkthroughSteps";

const ROOT = join(__dirname, "../../..");
interface Step { id: string; title: string; description: string; completionEvents: string[]; media: { image: Record<string, string>; altText: string } }
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { contributes: { walkthroughs: Array<{ id: string; title: string; steps: Step[] }>; commands: Array<{ command: string }> } };

describe("walkthrough manifest", () => {
  const walkthrough = manifest.contributes.walkthroughs.find((w) => w.id === WALKTHROUGH_ID);

  it("has the cookbook's six steps, each completing on its context key only", () => {
    assert.ok(walkthrough);
    assert.deepEqual(walkthrough.steps.map((s) => s.id), STEP_ORDER);
    for (const s of walkthrough.steps) assert.deepEqual(s.completionEvents, [`onContext:${STEP_KEYS[s.id as keyof typeof STEP_KEYS]}`], s.id);
  });

  it("every step has a button for a command the extension contributes (or VS Code's own view command)", () => {
    const ours = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const s of walkthrough!.steps) {
      const buttons = [...s.description.matchAll(/\]\(command:([\w.]+)\)/g)].map((m) => m[1]!);
      assert.ok(buttons.length > 0, `${s.id} has a button`);
      for (const b of buttons) assert.ok(ours.has(b) || b === "workbench.view.extension.lakebase", `${s.id}: ${b}`);
      assert.doesNotMatch(s.description, /`/, "walkthrough descriptions show backticks literally");
    }
  });

  it("every step's pictures exist (light and dark, made by the VS Code tier) and are small", () => {
    for (const s of walkthrough!.steps) {
      assert.ok(s.media.altText, `${s.id} has alt text`);
      for (const theme of ["light", "dark"]) {
        const file = join(ROOT, s.media.image[theme]!);
        assert.ok(existsSync(file), `${file} exists`);
        assert.deepEqual([...readFileSync(file).subarray(1, 4)], [0x50, 0x4e, 0x47], `${file} is a PNG`);
        assert.ok(statSync(file).size < 80 * 1024, `${file} is under 80 KB`);
      }
    }
  });

  it(".env counts as written for the target only when it names the target's endpoint and host next to a .env.example", () => {
    const target = { endpoint: "projects/a/branches/b/endpoints/c", host: "ep-1.example.com" };
    const env = new Map([["LAKEBASE_ENDPOINT", target.endpoint], ["PGHOST", "EP-1.example.com"]]);
    assert.equal(envMatchesTarget(env, target, true), true);
    assert.equal(envMatchesTarget(env, target, false), false, "no .env.example");
    assert.equal(envMatchesTarget(new Map([...env, ["PGHOST", "old.example.com"]]), target, true), false);
    assert.equal(envMatchesTarget(new Map([["PGHOST", target.host]]), target, true), false);
  });
});
