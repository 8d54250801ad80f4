// The walkthrough's step pictures come from the real VS Code tier (test/vscode/suites/walkthrough.test.ts
// saves .vscode-test/screenshots/walkthrough-<step>-<light|dark>.png). This copies them into
// media/walkthrough/ reduced to a 128-colour palette with pngquant (Debian package `pngquant`),
// so the .vsix stays small.   node scripts/walkthrough-media.mjs
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, VSCODE_TEST_DIR } from "./vscode-host/paths.mjs";

const STEPS = ["profile", "project", "target", "env", "query", "migrations"];
const from = process.env.LAKEBASE_VSCODE_SCREENSHOT_DIR || join(VSCODE_TEST_DIR, "screenshots");
const to = join(REPO_ROOT, "media", "walkthrough");
mkdirSync(to, { recursive: true });
let total = 0;
for (const step of STEPS) {
  for (const theme of ["light", "dark"]) {
    const src = join(from, `walkthrough-${step}-${theme}.png`);
    if (!existsSync(src)) throw new Error(`${src} is missing: run LAKEBASE_TEST_GREP=walkthrough npm run test:vscode first.`);
    const out = join(to, `${step}-${theme}.png`);
    execFileSync("pngquant", ["--force", "--strip", "--quality", "60-90", "--output", out, "128", src]);
    total += statSync(out).size;
    console.log(`${out}: ${(statSync(out).size / 1024).toFixed(0)} KB`);
  }
}
console.log(`media/walkthrough: ${(total / 1024).toFixed(0)} KB in all`);
// The README's pictures (the walkthrough done among them): scripts/readme-media.mjs.
