import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ExportError, exportQuery, type ExportProgress } from "../../../src/core/db/export";
import { useEmulator } from "../../support/emulator";
import { makeHarness, type Harness } from "./queryStack";

const QUERY = `SELECT g AS id, md5(g::text) AS h, (g % 7 = 0) AS b,
  CASE WHEN g % 5 = 0 THEN NULL WHEN g % 3 = 0 THEN '' ELSE 'x,"y"' || E'\\n' || g END AS s,
  DATE '2026-01-01' + g AS d, g / 3.0 AS n
FROM generate_series(1, 100000) g ORDER BY g`;

describe("exportQuery against the emulator", function () {
  this.timeout(120_000);
  const emu = useEmulator({ seed: true });
  let h: Harness;
  let dir: string;
  beforeEach(() => {
    h = makeHarness(emu());
    dir = mkdtempSync(join(tmpdir(), "lakebase-export-"));
  });
  afterEach(async () => {
    await h.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("CSV of 100k rows is byte-for-byte what psql's \\copy … csv header gives", async () => {
    const file = join(dir, "out.csv");
    const progress: ExportProgress[] = [];
    const started = Date.now();
    const r = await exportQuery(h.pools, h.target, `${QUERY};`, { format: "csv", path: file, onProgress: (p) => progress.push(p) });
    const ms = Date.now() - started;
    const token = await h.credentials.get({ profile: h.target.profile, endpoint: h.target.endpoint, identity: h.target.user });
    // Async: the emulator's front door runs in this process, a sync child would deadlock it.
    const { stdout: psql } = await promisify(execFile)("psql", [
      "-X", "-q", "-v", "ON_ERROR_STOP=1",
      "-h", h.target.host, "-p", String(h.target.port), "-U", h.target.user, "-d", h.target.database,
      "-c", `\\copy (${QUERY.replace(/\n/g, " ")}) to stdout csv header`,
    ], { env: { ...process.env, PGPASSWORD: token, PGSSLMODE: "verify-full", PGSSLROOTCERT: emu().caFile }, maxBuffer: 1 << 28, encoding: "buffer", timeout: 60_000 });
    const ours = readFileSync(file);
    console.log(`      CSV: ${r.rows} rows, ${(r.bytes / 2 ** 20).toFixed(1)} MB in ${ms} ms (${Math.round(r.rows / (ms / 1000))} rows/s)`);
    assert.equal(r.rows, 100_000);
    assert.equal(r.bytes, ours.length);
    assert.ok(ours.equals(psql), "identical bytes");
    assert.ok(progress.length > 1 && progress.at(-1)!.bytes === ours.length);
    assert.deepEqual(readdirSync(dir), ["out.csv"], "no temp file left");
  });

  it("JSON is an array of objects with text values and nulls", async () => {
    const file = join(dir, "out.json");
    const r = await exportQuery(h.pools, h.target, "SELECT 1 AS id, NULL::int AS missing, 2.50::numeric AS n, 'a\"b' AS id, g FROM generate_series(1, 2500) g", { format: "json", path: file, pageSize: 1000 });
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Array<Record<string, string | null>>;
    assert.equal(r.rows, 2500);
    assert.equal(parsed.length, 2500);
    assert.deepEqual(parsed[0], { id: "1", missing: null, n: "2.50", id_2: 'a"b', g: "1" });
    assert.equal(parsed[2499].g, "2500");
    const empty = join(dir, "empty.json");
    await exportQuery(h.pools, h.target, "SELECT 1 WHERE false", { format: "json", path: empty });
    assert.deepEqual(JSON.parse(readFileSync(empty, "utf8")), []);
  });

  it("cancel stops the server and removes the partial file", async () => {
    for (const format of ["csv", "json"] as const) {
      const file = join(dir, `big.${format}`);
      const ac = new AbortController();
      let abortedAt = 0;
      const p = exportQuery(h.pools, h.target, "SELECT g, md5(g::text) FROM generate_series(1, 3000000) g", {
        format, path: file, signal: ac.signal,
        onProgress: (pr) => { if (pr.bytes > 1_000_000 && !ac.signal.aborted) { abortedAt = Date.now(); ac.abort(); } },
      });
      await assert.rejects(p, (err: unknown) => err instanceof ExportError && err.cancelled);
      const latency = Date.now() - abortedAt;
      console.log(`      ${format} export cancel latency: ${latency} ms`);
      assert.equal(existsSync(file), false);
      assert.deepEqual(readdirSync(dir), [], "no partial file");
    }
    const s = await h.runner.runScript(h.target, "SELECT 1", { returnRows: 1 });
    assert.deepEqual(s.results[0].rows, [["1"]]);
  });

  it("a failing query reports the Postgres error, positioned in the user's text, and writes nothing", async () => {
    const sql = "SELECT nope FROM customers";
    for (const format of ["csv", "json"] as const) {
      const err = await exportQuery(h.pools, h.target, sql, { format, path: join(dir, `x.${format}`) }).catch((e: unknown) => e);
      assert.ok(err instanceof ExportError);
      assert.equal(err.query?.sqlstate, "42703");
      assert.equal(sql.slice(err.query!.scriptOffset!, err.query!.scriptOffset! + 4), "nope");
    }
    assert.deepEqual(readdirSync(dir), []);
    await assert.rejects(exportQuery(h.pools, h.target, "SELECT 1; SELECT 2", { format: "csv", path: join(dir, "y.csv") }), /exactly one query/);
  });

  it("CSV of a statement that ends in a -- comment (the comment must not swallow COPY's closing parenthesis)", async () => {
    const file = join(dir, "commented.csv");
    const r = await exportQuery(h.pools, h.target, "-- the first three\nSELECT g AS n FROM generate_series(1, 3) g -- three rows", { format: "csv", path: file });
    assert.equal(r.rows, 3);
    assert.equal(readFileSync(file, "utf8"), "n\n1\n2\n3\n");
    const json = join(dir, "commented.json");
    const j = await exportQuery(h.pools, h.target, "SELECT 'a' AS s -- trailing;\n", { format: "json", path: json });
    assert.equal(j.rows, 1);
    assert.deepEqual(JSON.parse(readFileSync(json, "utf8")), [{ s: "a" }]);
  });
});
