/** The bench table: `rows` rows × 10 columns of common types (ints, numeric, text, timestamptz, bool, float, date, uuid). */
export function setupSql(rows: number): string {
  return `
DROP TABLE IF EXISTS bench_rows;
CREATE TABLE bench_rows AS
SELECT i::int8 AS id, (i % 1000)::int4 AS qty, round((i * 1.37)::numeric % 10000, 2) AS price,
       'customer ' || i AS name, md5(i::text) AS code, timestamptz '2024-01-01' + i * interval '1 second' AS created,
       i % 3 = 0 AS active, (i * 0.001)::float8 AS score, date '2020-01-01' + (i % 3650) AS day, md5(i::text)::uuid AS ref
FROM generate_series(1, ${rows}) AS i;
ANALYZE bench_rows;`;
}
