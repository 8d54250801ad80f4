/**
 * `tsx bench/catalogProfile.ts`: where a 5,000-table catalog read spends its time — each query's
 * round trip on the emulator's front door, and building the catalog — to guide readCatalog's shape.
 * Not part of `npm run bench` (it prints a breakdown, no targets).
 */
import { startEmulator } from "../emulator/index";
import { readCatalog } from "../src/core/sql/catalog/readCatalog";
import { COLUMNS_SQL, CONSTRAINTS_SQL, FUNCTIONS_SQL, RELATIONS_SQL, SCHEMAS_SQL, TYPES_SQL } from "../src/core/sql/catalog/catalogQueries";
import { buildStack } from "./stack";

const TABLES = 5000;
function setupSql(): string {
  const parts = ["DROP SCHEMA IF EXISTS bench_catalog CASCADE;", "CREATE SCHEMA bench_catalog;"];
  for (let from = 1; from <= TABLES; from += 250) {
    parts.push(`DO $$ BEGIN FOR t IN ${from}..${Math.min(TABLES, from + 249)} LOOP
      EXECUTE format('CREATE TABLE bench_catalog.t_%s (id bigint PRIMARY KEY, %s%s)', t,
        (SELECT string_agg(format('col_%s_of_%s %s', c, t, CASE WHEN c % 2 = 0 THEN 'integer' ELSE 'text' END), ', ') FROM generate_series(1, 19) c),
        CASE WHEN t % 10 = 0 THEN format(', parent_id bigint REFERENCES bench_catalog.t_%s(id)', t - 1) ELSE '' END);
    END LOOP; END $$;`);
  }
  return parts.join("\n");
}

const COLUMN_WHERE = `a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'`;
const ENTRY = `json_build_array(a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, CASE WHEN a.atthasdef THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END, a.attidentity, a.attgenerated, ds.description)`;
const FROM = `FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = a.attrelid AND ds.classoid = 'pg_catalog.pg_class'::regclass AND ds.objsubid = a.attnum
WHERE ${COLUMN_WHERE}`;
const VARIANTS: Record<string, string> = {
  perRelationJson: `SELECT a.attrelid::text AS oid, json_agg(${ENTRY} ORDER BY a.attnum)::text AS cols ${FROM} GROUP BY a.attrelid`,
  oneDocument: `SELECT json_agg(json_build_array(a.attrelid, a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, CASE WHEN a.atthasdef THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END, a.attidentity, a.attgenerated, ds.description) ORDER BY a.attrelid, a.attnum)::text AS doc ${FROM}`,
  flatArrayMode: `SELECT a.attrelid::text, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, CASE WHEN a.atthasdef THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END ${FROM} ORDER BY a.attrelid, a.attnum`,
};

async function main(): Promise<void> {
  const emu = await startEmulator({ seed: true });
  try {
    const seed = emu.postgres.seeded!;
    const db = { profile: "emulator", endpoint: seed.endpoint, host: seed.host, port: seed.port, database: seed.database, user: emu.identities.user.email };
    const stack = buildStack({ workspaceUrl: emu.workspaceUrl, caFile: emu.caFile, pat: emu.identities.user.pat, db });
    const setup = await stack.runner.runScript(db, setupSql());
    if (setup.error) throw new Error(setup.error.message);
    const checkout = await stack.pools.connect(db);
    try {
      await checkout.client.query("SET search_path = pg_catalog");
      const plan = await checkout.client.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING ON) ${COLUMNS_SQL}`);
      process.stdout.write(`${plan.rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n")}\n`);
      const timed = async (name: string, sql: string) => {
        const runs: number[] = [];
        for (let i = 0; i < 3; i++) { const s = performance.now(); await checkout.client.query({ text: sql, rowMode: "array" }); runs.push(performance.now() - s); }
        process.stdout.write(`${name}: ${runs.map((m) => m.toFixed(0)).join(", ")} ms\n`);
      };
      await timed("columns as is", COLUMNS_SQL);
      await timed("columns, no ORDER BY", COLUMNS_SQL.replace(/ORDER BY a.attrelid, a.attnum$/, ""));
      await timed("columns, no format_type", COLUMNS_SQL.replace("pg_catalog.format_type(a.atttypid, a.atttypmod)", "a.atttypid::text"));
      await timed("columns, pg_get_expr only with a default", COLUMNS_SQL.replace("CASE WHEN a.attgenerated = '' THEN", "CASE WHEN a.atthasdef AND a.attgenerated = '' THEN"));
      await timed("columns, count only", `SELECT count(*) FROM (${COLUMNS_SQL}) x`);
      await checkout.client.query("RESET search_path");
      for (let rep = 0; rep < 1; rep++) {
        const parts: string[] = [];
        await checkout.client.query("SET search_path = pg_catalog");
        for (const [name, sql] of Object.entries({ SCHEMAS_SQL, RELATIONS_SQL, COLUMNS_SQL, CONSTRAINTS_SQL, FUNCTIONS_SQL, TYPES_SQL })) {
          const s = performance.now();
          const r = await checkout.client.query(sql);
          const e = await checkout.client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`);
          const server = (e.rows[0] as { "QUERY PLAN": Array<{ "Execution Time": number }> })["QUERY PLAN"][0]["Execution Time"];
          parts.push(`${name} ${r.rowCount} rows ${(performance.now() - s).toFixed(0)} ms (incl. explain; server ${server.toFixed(0)} ms)`);
        }
        for (const [name, sql] of Object.entries(VARIANTS)) {
          const s = performance.now();
          const r = await checkout.client.query(sql);
          let n = 0;
          for (const row of r.rows as Array<Record<string, unknown>>) { const v = row.cols ?? row.doc; if (typeof v === "string") n += (JSON.parse(v) as unknown[]).length; }
          parts.push(`${name}: ${r.rowCount} rows, ${n} parsed, ${(performance.now() - s).toFixed(0)} ms`);
        }
        await checkout.client.query("RESET search_path");
        const s = performance.now();
        await readCatalog(checkout.client);
        process.stdout.write(`rep ${rep}: readCatalog ${(performance.now() - s).toFixed(0)} ms\n  ${parts.join("\n  ")}\n`);
      }
    } finally {
      checkout.client.release();
      await stack.dispose();
    }
  } finally {
    await emu.stop();
  }
}

void main();
