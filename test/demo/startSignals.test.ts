// `npm start` ends promptly, and takes everything it started with it, when its own process gets
// SIGINT (what a process manager or `kill -INT <npm's pid>` sends), not only on Ctrl+C to the group.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: "127.0.0.1", port }, () => { s.destroy(); resolve(true); });
    s.on("error", () => resolve(false));
  });
}

describe("demo: npm start and signals", function () {
  this.timeout(240_000);
  let npm: ChildProcess | undefined;

  after(() => {
    // Only if the test failed half-way: end the group we started (detached below).
    if (npm?.pid && npm.exitCode === null) { try { process.kill(-npm.pid, "SIGKILL"); } catch { /* gone */ } }
  });

  it("SIGINT to npm's own process stops the VS Code server, the emulator and npm within seconds", async () => {
    npm = spawn("npm", ["start", "--", "--server"], { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    npm.stdout!.on("data", (c) => { out += c; });
    npm.stderr!.on("data", (c) => { out += c; });
    const exited = new Promise<number | null>((resolve) => npm!.once("exit", (code) => resolve(code)));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /http:\/\/127\.0\.0\.1:(\d+)\/\?folder=/.exec(out);
        if (m) { clearInterval(timer); resolve(Number(m[1])); }
        if (npm!.exitCode !== null) { clearInterval(timer); reject(new Error(`npm start ended early:\n${out}`)); }
      }, 200);
    });
    const emulatorUrl = /emulator at (http:\/\/127\.0\.0\.1:(\d+))/.exec(out);
    assert.ok(emulatorUrl, `no emulator URL in:\n${out}`);
    assert.equal(await portOpen(port), true);

    const t0 = Date.now();
    process.kill(npm.pid!, "SIGINT");
    const code = await Promise.race([exited, new Promise<"still running">((r) => setTimeout(() => r("still running"), 15_000))]);
    const seconds = (Date.now() - t0) / 1000;
    assert.notEqual(code, "still running", `npm start still running 15 s after SIGINT:\n${out.slice(-2000)}`);
    assert.ok(seconds < 15, `took ${seconds} s`);
    assert.equal(await portOpen(port), false, "the VS Code server still listens");
    assert.equal(await portOpen(Number(emulatorUrl[2])), false, "the emulator still listens");
  });
});
