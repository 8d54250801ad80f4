import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigFileWatcher } from "../../../src/core/profiles/configWatcher";

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("ConfigFileWatcher", () => {
  let watcher: ConfigFileWatcher | undefined;
  afterEach(() => { watcher?.dispose(); watcher = undefined; });

  it("emits once per real change, not for same-content writes, and sees a file created later", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "watch-")), ".databrickscfg");
    let events = 0;
    watcher = new ConfigFileWatcher(file, { debounceMs: 40 }).start();
    watcher.on("changed", () => events++);

    fs.writeFileSync(file, "[a]\nhost = h\n"); // created after the watcher started
    await wait(300);
    assert.equal(events, 1);

    fs.writeFileSync(file, "[a]\nhost = h\n"); // same content
    await wait(300);
    assert.equal(events, 1);

    fs.appendFileSync(file, "[b]\n");
    fs.appendFileSync(file, "host = h\n"); // two writes, one debounced event
    await wait(300);
    assert.equal(events, 2);

    fs.unlinkSync(file);
    await wait(300);
    assert.equal(events, 3);
  });
});
