// `npm start` ends promptly, and takes everything it started with it, when its own process gets
// SIGINT (what a process manager or `kill -INT <npm's pid>` sends), not only on Ctrl+C to the group.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: "127.0.0.1", port }, () => { s.destroy(); resolve(true); });
    s.on("error", () => resolve(false));
  });
}

/** A process as /proc shows it: its parent and its start time (so a reused pid is not mistaken for it). */
interface Proc { pid: number; ppid: number; started: string; command: string }

function procStat(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim();
    return { pid, ppid: Number(fields[1]), started: fields[19]!, command };
  } catch {
    return undefined; // gone
  }
}

/** Every process below `root` now (the VS Code server runs in a process group of its own, so a group kill misses it). */
function descendants(root: number): Proc[] {
  const all = readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map((d) => procStat(Number(d))).filter((p): p is Proc => p !== undefined);
  const found: Proc[] = [];
  const parents = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) {
      if (parents.has(p.ppid) && !parents.has(p.pid)) { parents.add(p.pid); found.push(p); grew = true; }
    }
  }
  return found;
}

const stillAlive = (procs: Proc[]) => procs.filter((p) => { const now = procStat(p.pid); return now !== undefined && now.started === p.started && !/^\s*$/.test(now.command); });

describe("demo: npm start and signals", function () {
  this.timeout(240_000);
  let npm: ChildProcess | undefined;
  // Everything npm start had started, seen while it ran: ended after the test whatever its outcome.
  let started: Proc[] = [];

  after(() => {
    // Look before killing: once npm's group is gone, the server (a group of its own) is nobody's child.
    if (npm?.pid) started.push(...descendants(npm.pid));
    if (npm?.pid && npm.exitCode === null && npm.signalCode === null) { try { process.kill(-npm.pid, "SIGKILL"); } catch { /* gone */ } }
    for (const p of stillAlive(started)) { try { process.kill(p.pid, "SIGKILL"); } catch { /* gone */ } }
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
    // The emulator speaks TLS like the service.
    const emulatorUrl = /emulator at (https:\/\/127\.0\.0\.1:(\d+))/.exec(out);
    assert.ok(emulatorUrl, `no emulator URL in:\n${out}`);
    assert.equal(await portOpen(port), true);
    assert.equal(await portOpen(Number(emulatorUrl[2])), true);
    started = descendants(npm.pid!);
    const server = started.filter((p) => p.command.includes("server-main.js"));
    assert.ok(server.length > 0, `no VS Code server among npm start's processes:\n${started.map((p) => p.command).join("\n")}`);

    const t0 = Date.now();
    process.kill(npm.pid!, "SIGINT");
    const code = await Promise.race([exited, new Promise<"still running">((r) => setTimeout(() => r("still running"), 15_000))]);
    const seconds = (Date.now() - t0) / 1000;
    assert.notEqual(code, "still running", `npm start still running 15 s after SIGINT:\n${out.slice(-2000)}`);
    assert.ok(seconds < 15, `took ${seconds} s`);
    assert.equal(await portOpen(port), false, "the VS Code server still listens");
    assert.equal(await portOpen(Number(emulatorUrl[2])), false, "the emulator still listens");
    assert.deepEqual(stillAlive(server).map((p) => p.command), [], "the VS Code server outlived npm start");
  });
});
