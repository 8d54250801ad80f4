/* eslint-disable @typescript-eslint/no-explicit-any -- raw JSON replies are checked field by field */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startEmulator } from "../../../emulator/index";
import { sslFor } from "../../../src/core/db/ssl";
import { createHttpsTransport } from "../../../src/core/http/httpsTransport";
import { TlsTrust } from "../../../src/core/tlsTrust";
import { api, createProject } from "../../support/emulator";

const ROOT = join(__dirname, "../../..");

function startCli(args: string[]): { child: ChildProcess; ready: Promise<Record<string, any>> } {
  const child = spawn(process.execPath, ["--import", "tsx", "emulator/cli.ts", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  const ready = new Promise<Record<string, any>>((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      out += d;
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line && out.includes("\n")) resolve(JSON.parse(line));
    });
    child.on("exit", (code) => reject(new Error(`cli exited ${code} before ready: ${err}`)));
  });
  return { child, ready };
}

describe("emulator: CLI and --data-dir", function () {
  this.timeout(120000);

  it("starts seeded, prints one JSON line, writes both profiles, serves the demo data, and stops on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emu-cli-test-"));
    const configFile = join(dir, "cfg");
    const { child, ready } = startCli(["--seed", "--config-file", configFile]);
    try {
      const info = await ready;
      assert.equal(info.ready, true);
      assert.match(info.workspaceUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.match(readFileSync(info.caFile, "utf8"), /^-----BEGIN CERTIFICATE-----/);
      const trust = new TlsTrust(info.caFile);
      const fetch = createHttpsTransport(trust);
      assert.equal(info.configFile, configFile);
      assert.equal(info.postgres.port, 5432);
      const cfg = readFileSync(configFile, "utf8");
      assert.match(cfg, /\[emulator\]/);
      assert.match(cfg, /\[emulator-m2m\][\s\S]*auth_type\s*=\s*oauth-m2m/);
      const pat = /token\s*=\s*(\S+)/.exec(cfg)![1]!;
      const cred = await (await fetch(`${info.workspaceUrl}/api/2.0/postgres/credentials`, {
        method: "POST",
        headers: { authorization: `Bearer ${pat}`, "content-type": "application/json" },
        body: JSON.stringify({ endpoint: info.postgres.endpoint }),
      })).json() as any;
      const c = new pg.Client({ host: info.postgres.host, port: info.postgres.port, user: "dev@example.com", password: cred.token, database: info.postgres.database, ssl: sslFor(info.postgres.host, trust) });
      await c.connect();
      const rows = (await c.query("SELECT count(*)::int AS n FROM customers")).rows;
      await c.end();
      assert.deepEqual(rows, [{ n: 3 }]);
      const branches = await (await fetch(`${info.workspaceUrl}/api/2.0/postgres/projects/demo-app/branches`, { headers: { authorization: `Bearer ${pat}` } })).json() as any;
      assert.deepEqual(branches.branches.map((b: { branch_id: string }) => b.branch_id), ["production", "dev"]);
    } finally {
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      child.kill("SIGTERM");
      assert.equal(await exited, 0);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps projects and identities across a restart with the same --data-dir", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "emu-datadir-test-"));
    try {
      const first = await startEmulator({ dataDir, operationPolls: 0 });
      await createProject(first, "kept");
      const pat = first.identities.user.pat;
      await first.stop();
      const second = await startEmulator({ dataDir, operationPolls: 0 });
      try {
        assert.equal(second.identities.user.pat, pat, "the config file stays valid");
        const r = await api(second, "GET", "/api/2.0/postgres/projects/kept");
        assert.equal(r.status, 200);
        const ep = "projects/kept/branches/production/endpoints/primary";
        assert.ok(second.postgres.endpoint(ep), "the endpoint's front door is open again");
        const got = await api(second, "GET", `/api/2.0/postgres/${ep}`);
        assert.equal(got.json.status.current_state, "ACTIVE");
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
