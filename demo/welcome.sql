-- Lakebase for VS Code: the demo workspace (npm start).
--
-- 1. In the Lakebase view, open emulator → Demo app → production, right-click the
--    "primary" endpoint and choose "Use for This Workspace" (or run "Lakebase: Use for
--    This Workspace" from the palette). The status bar now counts down the credential.
-- 2. Put the cursor in a statement below and press Ctrl+Enter (Cmd+Enter on macOS),
--    or click "Run" above it.
-- 3. Type SQL: tables, columns (after "c."), joins on foreign keys and functions complete from
--    the branch's catalog; hover a name for its type, F12 shows its DDL. Typos are underlined
--    before you run anything (PostgreSQL's own parser, plus "Did you mean …" for unknown names).
-- 4. Migrations: the drizzle-app folder is a small drizzle app (drizzle-app/README.md). Run
--    "Lakebase: Generate Migrations", then "Lakebase: Rehearse Migrations on a Throwaway Branch"
--    (a copy of the target branch, reported and thrown away), then "Lakebase: Apply Migrations".
--    drizzle-kit gets a short-lived DATABASE_URL for the target; no password goes in a file.

SELECT c.name, count(o.id) AS orders, coalesce(sum(o.total), 0) AS spent
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id
GROUP BY c.name
ORDER BY spent DESC;

-- A big result streams in pages; the grid stays fast. Try sort, filter, copy, export.
SELECT g AS id, md5(g::text) AS hash, now() - g * interval '1 minute' AS at
FROM generate_series(1, 200000) AS g;

-- Errors point at the place in your SQL.
SELECT nme FROM customers;

-- Switch the target to the "dev" branch: it has one customer more.
SELECT * FROM customers ORDER BY id;
