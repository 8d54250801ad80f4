/**
 * `npm run bench` (second part), or `tsx bench/sqlLanguage.ts` alone: the SQL language features.
 *   - catalog read (src/core/sql/catalog/readCatalog.ts) of 5,000 tables × 20 columns on the emulator's Postgres;
 *   - completion p95 over that catalog (warm cache) in FROM, SELECT-list, alias. and JOIN positions;
 *   - PostgreSQL parser load time, and diagnostics p95 for a 2,000-line migration: after an edit
 *     (what typing costs: one statement parsed again) and cold (every statement parsed).
 * Targets: catalog read ≤ 1 s; completion p95 ≤ 30 ms; diagnostics after an edit p95 ≤ 50 ms.
 * Results: bench/results/sql-latest.json. Env: BENCH_TABLES (default 5000), BENCH_REPS (default 3).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator } from "../emulator/index";
import { indexCatalog } from "../src/core/sql/analysis/catalogIndex";
import { complete } from "../src/core/sql/analysis/completion";
import { readCatalog } from "../src/core/sql/catalog/readCatalog";
import { diagnose, DiagnosticsCache } from "../src/core/sql/diagnostics/diagnose";
import { loadPgParser } from "../src/core/sql/diagnostics/pgParser";
import { type Check, checks, median } from "./report";
import { buildStack } from "./stack";

const TABLES = Number(process.env.BENCH_TABLES ?? 5000);
const REPS = Math.max(1, Number(process.env.BENCH_REPS ?? 3));
const log = (s: string) => process.stderr.write(`${s}\n`);
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

// 5,000 tables of 20 columns (a primary key each, every 10th with a foreign key to the one before),
// created 250 per statement: one transaction for all would run out of lock slots.
const BATCH = 250;
function setupSql(): string {
  const parts = ["DROP SCHEMA IF EXISTS bench_catalog CASCADE;", "CREATE SCHEMA bench_catalog;"];
  for (let from = 1; from <= TABLES; from += BATCH) {
    parts.push(`DO $$ BEGIN
  FOR t IN ${from}..${Math.min(TABLES, from + BATCH - 1)} LOOP
    EXECUTE format('CREATE TABLE bench_catalog.t_%s (id bigint PRIMARY KEY, %s%s)', t,
      (SELECT string_agg(format('col_%s_of_%s %s', c, t, CASE WHEN c % 2 = 0 THEN 'integer' ELSE 'text' END), ', ') FROM generate_series(1, 19) c),
      CASE WHEN t % 10 = 0 THEN format(', parent_id bigint REFERENCES bench_catalog.t_%s(id)', t - 1) ELSE '' END);
  END LOOP;
END $$;`);
  }
  return parts.join("\n");
}

function migration(lines: number): string {
  const block = "CREATE TABLE m_N (id serial PRIMARY KEY, name text NOT NULL, created_at timestamptz DEFAULT now());\nALTER TABLE m_N ADD COLUMN note text;\nINSERT INTO m_N (name) VALUES ('a');\nCREATE INDEX ON m_N (name);\n";
  let text = "";
  for (let i = 0; text.split("\n").length <= lines; i++) text += block.replace(/m_N/g, `m_${i}`);
  return text;
}

async function main(): Promise<void> {
  const emu = await startEmulator({ seed: true });
  try {
    const seed = emu.postgres.seeded!;
    const stack = buildStack({
      workspaceUrl: emu.workspaceUrl, caFile: emu.caFile, pat: emu.identities.user.pat,
      db: { profile: "emulator", endpoint: seed.endpoint, host: seed.host, port: seed.port, database: seed.database, user: emu.identities.user.email },
    });
    const db = { profile: "emulator", endpoint: seed.endpoint, host: seed.host, port: seed.port, database: seed.database, user: emu.identities.user.email };
    const t0 = Date.now();
    const setup = await stack.runner.runScript(db, setupSql());
    if (setup.error) throw new Error(`setup failed: ${setup.error.message}`);
    log(`bench sql: ${TABLES} tables ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const readMs: number[] = [];
    let catalog;
    for (let rep = 0; rep < REPS; rep++) {
      const checkout = await stack.pools.connect(db);
      try {
        const s = performance.now();
        catalog = await readCatalog(checkout.client);
        readMs.push(performance.now() - s);
      } finally {
        checkout.client.release();
      }
    }
    await stack.dispose();
    const relations = catalog!.relations.filter((r) => r.schema === "bench_catalog");
    if (relations.length !== TABLES) throw new Error(`expected ${TABLES} tables in the catalog, read ${relations.length}`);
    const columns = relations.reduce((n, r) => n + r.columns.length, 0);

    const index = indexCatalog({ ...catalog!, searchPath: ["bench_catalog", "public"] });
    const cases = [
      "SELECT * FROM |",
      "SELECT | FROM t_10 a JOIN t_11 b ON a.id = b.id",
      "SELECT a.| FROM t_4000 a",
      "SELECT * FROM t_4000 x JOIN |",
      "SELECT * FROM bench_catalog.|",
    ];
    for (const c of cases) complete(c.replace("|", ""), c.indexOf("|"), index); // warm: per-catalog lists built once
    const completionMs: number[] = [];
    for (let i = 0; i < 500; i++) {
      const c = cases[i % cases.length];
      const s = performance.now();
      const r = complete(c.replace("|", ""), c.indexOf("|"), index);
      completionMs.push(performance.now() - s);
      if (r.items.length === 0) throw new Error(`no completion for ${c}`);
    }

    const parser = await loadPgParser(() => import("libpg-query"));
    const text = migration(2000);
    const cold: number[] = [];
    for (let i = 0; i < 10; i++) {
      const s = performance.now();
      await diagnose(text, parser, { index, sliceMs: Infinity });
      cold.push(performance.now() - s);
    }
    const cache = new DiagnosticsCache();
    await diagnose(text, parser, { index, cache, sliceMs: Infinity });
    const edit: number[] = [];
    for (let i = 0; i < 100; i++) {
      const edited = text.replace("m_250 (name) VALUES ('a')", `m_250 (name) VALUES ('${i}')`);
      const s = performance.now();
      await diagnose(edited, parser, { index, cache, sliceMs: Infinity });
      edit.push(performance.now() - s);
    }

    const results: Check[] = [
      { what: `catalog read of ${TABLES} tables × 20 columns (median of ${REPS})`, value: median(readMs), limit: 1000, unit: " ms", pass: median(readMs) <= 1000 },
      { what: "completion p95 (warm cache)", value: p95(completionMs), limit: 30, unit: " ms", pass: p95(completionMs) <= 30 },
      { what: "diagnostics p95, 2,000-line migration after an edit", value: p95(edit), limit: 50, unit: " ms", pass: p95(edit) <= 50 },
    ];
    const lines = [
      `SQL language: ${TABLES.toLocaleString("en-US")} tables, ${columns.toLocaleString("en-US")} columns, ${catalog!.functions.length} functions`,
      `  catalog read: median ${median(readMs).toFixed(0)} ms (${readMs.map((m) => m.toFixed(0)).join(", ")})`,
      `  completion: p50 ${median(completionMs).toFixed(2)} ms, p95 ${p95(completionMs).toFixed(2)} ms over ${completionMs.length} requests`,
      `  parser load: ${parser.loadMs.toFixed(0)} ms; diagnostics of ${text.split("\n").length - 1} lines: cold p95 ${p95(cold).toFixed(1)} ms, after an edit p95 ${p95(edit).toFixed(1)} ms`,
      "",
      checks(results),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    mkdirSync(join(import.meta.dirname, "results"), { recursive: true });
    writeFileSync(join(import.meta.dirname, "results", "sql-latest.json"), `${JSON.stringify({
      date: new Date().toISOString(), tables: TABLES, columns, node: process.version,
      catalogReadMs: readMs, completionP50: median(completionMs), completionP95: p95(completionMs), parserLoadMs: parser.loadMs,
      diagnosticsColdP95: p95(cold), diagnosticsEditP95: p95(edit), checks: results,
    }, null, 2)}\n`);
    process.stdout.write(`${results.filter((c) => c.pass).length} passed, ${results.filter((c) => !c.pass).length} failed\n`);
    if (results.some((c) => !c.pass)) process.exitCode = 1;
  } finally {
    await emu.stop();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
  process.exitCode = 1;
});
