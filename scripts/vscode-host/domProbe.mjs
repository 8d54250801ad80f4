// Suites cannot see the workbench's DOM (they run in the extension host). A suite that must check
// what the workbench shows — e.g. which walkthrough steps are checked — logs
// "[lakebase:dom] NAME SELECTOR"; the runner writes the matching elements (text and attributes)
// to DIR/NAME.json, and the suite waits for that file.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const DOM_PROBE = /\[lakebase:dom\] ([\w-]+) (.+)$/;

/** @param {import("playwright-core").Page} page */
export async function probeDom(page, dir, name, selector) {
  const file = join(dir, `${name}.json`);
  let found;
  try {
    found = await page.$$eval(selector, (els) => els.map((e) => ({
      text: (e.textContent ?? "").trim().slice(0, 500),
      attributes: Object.fromEntries([...e.attributes].map((a) => [a.name, a.value])),
    })));
  } catch (err) {
    found = { error: err.message };
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(found, null, 2));
  renameSync(`${file}.tmp`, file); // the suite waits for the final name
}
