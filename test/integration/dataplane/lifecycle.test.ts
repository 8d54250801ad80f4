import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import pg from "pg";
import { connected, postgresProcessesUnder, startHarness, type Harness } from "./dataPlaneHarness";

const DEV = "dev@example.com";
const run = promisify(execFile);

/** Drain a query through a cursor-free simple query; returns ms. */
async function timeRows(c: pg.Client, n: number): Promise<number> {
  const started = performance.now();
  const { rowCount } = await c.query({ text: `SELECT g, 'row ' || g AS label FROM generate_series(1, ${n}) g`, rowMode: "array" });
  assert.equal(rowCount, n);
  return performance.now() - started;
}

async function psqlRows(host: string, port: number, user: string, password: string, n: number): Promise<number> {
  const started = performance.now();
  const { stdout } = await run("sh", ["-c", `psql -h "$H" -p "$P" -U "$U" -d databricks_postgres -Atc "SELECT g, 'row ' || g FROM generate_series(1, ${n}) g" | wc -l`], {
    env: { ...process.env, H: host, P: String(port), U: user, PGPASSWORD: password, PGSSLMODE: "disable" },
  });
  assert.equal(Number(stdout.trim()), n);
  return performance.now() - started;
}

describe("data plane: lifecycle and performance", function () {
  this.timeout(120_000);
  let h: Harness | undefined;
  after(async () => { await h?.dispose(); });

  it("starts, materializes branches, streams big results at direct speed, and stops without leftovers", async () => {
    let t = performance.now();
    h = await startHarness();
    const startMs = performance.now() - t;
    const branches = ["projects/perf/branches/production", "projects/perf2/branches/production", "projects/perf3/branches/production"];
    for (const b of branches) await h.dp.createBranch(b);
    const materializeMs: number[] = [];
    for (const b of branches) {
      t = performance.now();
      await h.dp.superuser(b);
      materializeMs.push(performance.now() - t);
    }
    const addr = await h.dp.openEndpoint(`${branches[0]}/endpoints/primary`, branches[0]!);
    const viaDoor = await connected(addr, DEV, h.tokens.issue("tok-perf", DEV));
    const direct = new pg.Client(await h.dp.superuser(branches[0]!));
    await direct.connect();
    await timeRows(viaDoor, 10_000); // warm-up
    await timeRows(direct, 10_000);
    const doorMs = await timeRows(viaDoor, 1_000_000);
    const directMs = await timeRows(direct, 1_000_000);
    await Promise.all([viaDoor.end(), direct.end()]);
    // psql in its own process: only the proxying happens in this process.
    const su = await h.dp.superuser(branches[0]!);
    await psqlRows(addr.host, addr.port, DEV, h.tokens.issue("tok-psql-warm", DEV), 10_000);
    const psqlDoorMs = await psqlRows(addr.host, addr.port, DEV, h.tokens.issue("tok-psql", DEV), 1_000_000);
    const psqlDirectMs = await psqlRows(su.host, su.port, su.user, su.password, 1_000_000);
    console.log(`      start() ${startMs.toFixed(0)} ms; materialize ${materializeMs.map((m) => m.toFixed(0)).join(", ")} ms; ` +
      `1M rows via pg: front door ${doorMs.toFixed(0)} ms, direct ${directMs.toFixed(0)} ms; ` +
      `via psql: front door ${psqlDoorMs.toFixed(0)} ms, direct ${psqlDirectMs.toFixed(0)} ms`);
    // Generous bounds: the machine may be shared; the point is "same order of magnitude".
    assert.ok(startMs < 15_000, `start() took ${startMs} ms`);
    assert.ok(doorMs < directMs * 2 + 1000, `front door ${doorMs} ms vs direct ${directMs} ms`);

    assert.ok(postgresProcessesUnder(h.dataDir).length >= 3, "one postmaster per materialized branch");
    await h.dp.stop();
    assert.deepEqual(postgresProcessesUnder(h.dataDir), []);
    assert.equal(existsSync(h.dataDir), false, "data dirs are removed");
    await assert.rejects(connected(addr, DEV, h.tokens.issue("tok-after", DEV)));
    await assert.rejects(h.dp.createBranch("projects/late/branches/production"), /stopped/);
  });
});
