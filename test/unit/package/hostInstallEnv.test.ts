// The VS Code hosts are installed by a child npm (scripts/vscode-host/install.mjs). Under `npm test` the
// parent npm's own variables are in the environment; code-server's postinstall reads
// npm_config_user_agent to check the Node major, so a leaked parent value refuses the host's Node.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");

interface InstallModule {
  npmEnv(privateTmp: string, parentEnv?: NodeJS.ProcessEnv): Record<string, string | undefined>;
  npmCliPath(): string;
}
const load = async (): Promise<InstallModule> => import(path.join(ROOT, "scripts", "vscode-host", "install.mjs")) as Promise<InstallModule>;

// What `npm test` (npm 11 on Node 20) exports to its child processes, among others.
const parentNpm = {
  npm_config_user_agent: "npm/11.0.0 node/v14.2.0 linux x64 workspaces/false",
  npm_node_execpath: "/usr/bin/node-of-the-parent",
  npm_execpath: "/usr/lib/node_modules/npm/bin/npm-cli.js",
  npm_lifecycle_event: "test",
  npm_package_name: "lakebase-vscode",
  NPM_CONFIG_IGNORE_SCRIPTS: "true",
};

describe("VS Code host install: npm's environment", function () {
  this.timeout(60_000);

  it("passes on no npm_* variable of the parent npm, and adds what the install needs", async () => {
    const { npmEnv } = await load();
    const env = npmEnv("/tmp/private", { PATH: "/usr/bin", HOME: "/home/u", ...parentNpm });
    assert.equal(env.PATH, "/usr/bin");
    assert.equal(env.HOME, "/home/u");
    assert.equal(env.TMPDIR, "/tmp/private");
    const npmKeys = Object.keys(env).filter((k) => /^npm_/i.test(k)).sort();
    assert.deepEqual(npmKeys, ["npm_config_audit", "npm_config_fund", "npm_config_unsafe_perm", "npm_config_update_notifier", "npm_config_yes"]);
  });

  it("a real npm install under a parent npm's variables tells install scripts the Node that runs it", async () => {
    const { npmEnv, npmCliPath } = await load();
    const dir = mkdtempSync(path.join(tmpdir(), "lakebase-npmenv-"));
    try {
      // A root package's own postinstall records what code-server's postinstall reads.
      writeFileSync(path.join(dir, "package.json"), JSON.stringify({
        name: "npmenv-probe", version: "1.0.0", private: true,
        scripts: { postinstall: "node -e \"require('fs').writeFileSync('agent.txt', String(process.env.npm_config_user_agent))\"" },
      }));
      // As under `npm test`: the parent npm's variables are in this process's own environment.
      const saved = { ...process.env };
      Object.assign(process.env, parentNpm);
      let env: Record<string, string | undefined>;
      try { env = npmEnv(dir); } finally { for (const k of Object.keys(parentNpm)) { if (k in saved) process.env[k] = saved[k]; else delete process.env[k]; } }
      const res = spawnSync(process.execPath, [npmCliPath(), "install", "--no-package-lock", "--offline", "--loglevel=error"], { cwd: dir, env, encoding: "utf8" });
      assert.equal(res.status, 0, res.stderr);
      const agent = readFileSync(path.join(dir, "agent.txt"), "utf8");
      assert.match(agent, new RegExp(`node/${process.version.replace(/\./g, "\\.")} `), `the install script saw: ${agent}`);
      assert.doesNotMatch(agent, /node\/v14\.2\.0/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
