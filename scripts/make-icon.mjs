// Renders the marketplace icon media/icon.png (256×256) from media/lakebase.svg with the headless
// Chromium the test tiers already use, so the PNG is never drawn by hand:
//   node scripts/make-icon.mjs        (commit the result)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { chromiumPath, REPO_ROOT } from "./vscode-host/paths.mjs";

const SIZE = 128; // CSS pixels; rendered at 2× for a 256 px PNG (the marketplace wants ≥ 128 px)
const BACKGROUND = "#1b3139"; // Databricks navy
const STROKE = "#ff5f46"; // Databricks orange

const glyph = readFileSync(join(REPO_ROOT, "media", "lakebase.svg"), "utf8")
  .replace('stroke="currentColor"', `stroke="${STROKE}"`)
  .replace(/width="24" height="24"/, 'width="88" height="88"');
const html = `<!doctype html><html><body style="margin:0;background:transparent">
<div style="width:${SIZE}px;height:${SIZE}px;border-radius:24px;background:${BACKGROUND};display:flex;align-items:center;justify-content:center">${glyph}</div>
</body></html>`;

const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 2 });
  await page.setContent(html);
  const out = join(REPO_ROOT, "media", "icon.png");
  await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
  console.log(`make-icon: wrote ${out}`);
} finally {
  await browser.close();
}
