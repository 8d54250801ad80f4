// What a suite inside the extension host cannot do itself: touch the workbench's own DOM (click a
// notification's Cancel) or measure inside the results webview (first row painted, frame times,
// its memory). The suite logs `[lakebase:workbench] ID {json}` (test/vscode/support/workbench.ts);
// the runner does it in the page and writes DIR/ID.json with {ok, value} or {ok: false, error}.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const LINE = /^\[lakebase:workbench\] ([\w-]+) (\{.*\})$/s;

/** Handles one host log line if it is a request; returns whether it was one. */
export function handleWorkbenchRequest(page, dir, text) {
  const m = LINE.exec(text.trim());
  if (!m || !page) return false;
  const [, id, json] = m;
  void run(page, JSON.parse(json)).then(
    (value) => reply(dir, id, { ok: true, value }),
    (err) => reply(dir, id, { ok: false, error: String(err?.message ?? err) }),
  );
  return true;
}

function reply(dir, id, body) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${id}.json`);
  writeFileSync(`${file}.tmp`, JSON.stringify(body));
  renameSync(`${file}.tmp`, file); // the suite waits for the final name
}

async function run(page, req) {
  switch (req.action) {
    // Clicks the first visible element matching `selector` whose text matches `text` (waits for it).
    case "click": {
      const loc = page.locator(req.selector, req.text ? { hasText: new RegExp(req.text) } : {}).first();
      await loc.waitFor({ state: "visible", timeout: req.timeoutMs ?? 10_000 });
      const text = await loc.innerText();
      await loc.click({ timeout: req.timeoutMs ?? 10_000 });
      return text;
    }
    // Moves the pointer over the first visible element matching `selector` (a status bar item's tooltip).
    case "hover": {
      const loc = page.locator(req.selector).first();
      await loc.waitFor({ state: "visible", timeout: req.timeoutMs ?? 10_000 });
      await loc.hover({ timeout: req.timeoutMs ?? 10_000 });
      return loc.innerText();
    }
    // Moves the pointer to the window's (x, y), e.g. off a status bar item so its tooltip goes.
    case "mouseMove":
      await page.mouse.move(Number(req.x), Number(req.y));
      return null;
    // Drags the side bar's edge so the side bar is `width` pixels wide (VS Code has no command for a width).
    case "sideBarWidth": {
      const box = await page.locator(".part.sidebar").boundingBox();
      if (!box) throw new Error("no side bar on screen");
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + box.width, y);
      await page.mouse.down();
      await page.mouse.move(box.x + Number(req.width), y, { steps: 8 });
      await page.mouse.up();
      await page.mouse.move(5, 5); // off the sash, which stays highlighted under the pointer
      return (await page.locator(".part.sidebar").boundingBox())?.width ?? null;
    }
    // The visible text of every element matching `selector` in the workbench.
    case "texts":
      return page.locator(req.selector).allInnerTexts();
    // Evaluates `fn` (a function's source, called with `arg`) in the results webview's own document.
    case "webview": {
      const frame = await resultsFrame(page, req.timeoutMs ?? 10_000);
      // An expression string is evaluated over CDP, outside the webview's CSP (which forbids eval).
      return frame.evaluate(`(${req.fn})(${JSON.stringify(req.arg ?? null)})`);
    }
    // A user's action on an element of the results webview: click, dblclick, rightclick, fill (value), press (value: a key).
    case "webviewAct": {
      const frame = await resultsFrame(page, req.timeoutMs ?? 10_000);
      const loc = frame.locator(req.selector, req.text ? { hasText: new RegExp(req.text) } : {}).first();
      await loc.waitFor({ state: "visible", timeout: req.timeoutMs ?? 10_000 });
      // Every action with a timeout of its own: a covered element fails with Playwright's reason instead of waiting forever.
      const timeout = req.timeoutMs ?? 10_000;
      if (req.act === "click") await loc.click({ timeout });
      else if (req.act === "dblclick") await loc.dblclick({ timeout });
      else if (req.act === "rightclick") await loc.click({ button: "right", timeout });
      else if (req.act === "fill") await loc.fill(String(req.value ?? ""), { timeout });
      else if (req.act === "press") await loc.press(String(req.value), { timeout });
      else throw new Error(`unknown webview action ${req.act}`);
      return loc.innerText().catch(() => "");
    }
    // JS heap of the results webview's renderer (Chromium's performance.memory, after a GC when exposed).
    case "webviewMemory": {
      const frame = await resultsFrame(page, req.timeoutMs ?? 10_000);
      return frame.evaluate(() => {
        const m = performance.memory;
        return m ? { usedJSHeapSize: m.usedJSHeapSize, totalJSHeapSize: m.totalJSHeapSize } : null;
      });
    }
    default:
      throw new Error(`unknown workbench request ${req.action}`);
  }
}

/** The results webview's content frame: the one that holds the grid's root. */
async function resultsFrame(page, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const f of page.frames()) {
      const has = await f.evaluate(() => document.title === "Lakebase Results" && !!document.getElementById("root")).catch(() => false);
      if (has) return f;
    }
    if (Date.now() > deadline) throw new Error("no results webview frame in the workbench");
    await new Promise((r) => setTimeout(r, 100));
  }
}
