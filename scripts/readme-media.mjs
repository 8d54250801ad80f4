// The README's pictures, all taken by the real VS Code tier on the oldest host (never drawn by hand):
// copies .vscode-test/screenshots/<name>.png (or LAKEBASE_VSCODE_SCREENSHOT_DIR's) into media/screenshots/
// reduced to a 128-colour palette with pngquant (Debian package `pngquant`), and the hero picture into
// media/screenshot.png. A picture its suite has not saved keeps the committed one and is named at the end.
//   LAKEBASE_TEST_GREP='readme screenshots|walkthrough|results screenshots' npm run test:vscode && node scripts/readme-media.mjs
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, VSCODE_TEST_DIR } from "./vscode-host/paths.mjs";

const LIMIT_KB = 150;
const BOTH = (name) => [`${name}-light`, `${name}-dark`];
const shots = (names, prefix = "") => names.flatMap(BOTH).map((n) => [`${prefix}${n}`, `screenshots/${n}.png`]);
// [saved name, where it goes under media/], by the suite that takes it.
const SUITES = {
  "test/vscode/suites/readmeScreenshots.test.ts": [
    ...shots(["explorer", "status-bar", "results", "migrations", "env-diagnostics", "schema-diff", "explain", "completion"], "readme-"),
    ["readme-results-light", "screenshot.png"],
  ],
  "test/vscode/suites/walkthrough.test.ts": shots(["walkthrough-done"]),
  "test/vscode/suites/resultsScreenshots.test.ts": shots(["edit-review", "wide-1000-columns", "cell-viewer"]),
};

const from = process.env.LAKEBASE_VSCODE_SCREENSHOT_DIR || join(VSCODE_TEST_DIR, "screenshots");
mkdirSync(join(REPO_ROOT, "media", "screenshots"), { recursive: true });
const missing = [];
let total = 0;
for (const [suite, pictures] of Object.entries(SUITES)) {
  for (const [name, to] of pictures) {
    const src = join(from, `${name}.png`);
    if (!existsSync(src)) { missing.push(`${name}.png (${suite})`); continue; }
    const out = join(REPO_ROOT, "media", to);
    execFileSync("pngquant", ["--force", "--strip", "--quality", "55-85", "--speed", "1", "--output", out, "128", src]);
    const kb = statSync(out).size / 1024;
    total += kb;
    console.log(`media/${to}: ${kb.toFixed(0)} KB${kb > LIMIT_KB ? ` — over ${LIMIT_KB} KB` : ""}`);
  }
}
console.log(`${total.toFixed(0)} KB in all, from ${from}`);
if (missing.length) console.log(`not saved by a run, the committed picture kept:\n  ${missing.join("\n  ")}`);
