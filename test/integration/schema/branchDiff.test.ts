import assert from "node:assert/strict";
import pg from "pg";
import type { Catalog } from "../../../src/core/schema/catalogTypes";
import { describeChanges, diffCatalogs } from "../../../src/core/schema/diffCatalogs";
import { draftMigrationSql } from "../../../src/core/schema/draftMigration";
import { readCatalog } from "../../../src/core/schema/readCatalog";
import { createBranch, createProject, useEmulator } from "../../support/emulator";

const PROJECT = "schema-diff";
const PROD = `projects/${PROJECT}/branches/production`;
const FEATURE = `projects/${PROJECT}/branches/feature-x`;

/** The schema both branches start from, with one object of every kind the diff knows. */
const BASE = `
CREATE ROLE reader;
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'happy');
CREATE SEQUENCE app.ticket_seq START 100;
CREATE TABLE app.authors (id serial PRIMARY KEY, name varchar(120) NOT NULL, email text NOT NULL UNIQUE, mood app.mood);
CREATE TABLE app.posts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, author_id integer NOT NULL REFERENCES app.authors(id),
  title varchar(200) NOT NULL, body text, "Order" integer DEFAULT 0, CHECK (length(title) > 0));
CREATE TABLE app.legacy (id integer);
CREATE INDEX posts_author_idx ON app.posts (author_id);
CREATE VIEW app.post_titles AS SELECT id, title FROM app.posts;
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER posts_touch BEFORE UPDATE ON app.posts FOR EACH ROW EXECUTE FUNCTION app.touch();
GRANT SELECT ON app.posts TO reader;
GRANT USAGE ON SCHEMA app TO reader;
CREATE POLICY own_posts ON app.posts FOR SELECT TO reader USING (author_id > 0);
INSERT INTO app.authors (name, email) VALUES ('Ada', 'ada@example.com');
`;

/** What a migration on the feature branch does: at least one change of every kind. */
const MIGRATION = `
ALTER TYPE app.mood ADD VALUE 'meh' AFTER 'sad';
DROP VIEW app.post_titles;
ALTER TABLE app.posts ALTER COLUMN title TYPE text;
ALTER TABLE app.posts ADD COLUMN published_at timestamptz;
ALTER TABLE app.posts ALTER COLUMN body SET NOT NULL;
ALTER TABLE app.posts ALTER COLUMN "Order" SET DEFAULT 1;
ALTER TABLE app.posts ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.authors DROP COLUMN mood;
DROP TABLE app.legacy;
CREATE TABLE app.tags (id serial PRIMARY KEY, post_id bigint REFERENCES app.posts(id) ON DELETE CASCADE, label text NOT NULL);
CREATE INDEX posts_title_idx ON app.posts (title);
CREATE VIEW app.post_titles AS SELECT id, title, published_at FROM app.posts;
CREATE OR REPLACE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.published_at := now(); RETURN NEW; END $$;
CREATE FUNCTION app.post_count(a integer) RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM app.posts WHERE author_id = a $$;
DROP POLICY own_posts ON app.posts;
CREATE POLICY own_posts ON app.posts FOR SELECT TO reader USING (author_id > 1);
GRANT INSERT ON app.posts TO reader;
ALTER SEQUENCE app.ticket_seq INCREMENT BY 5;
`;

describe("schema diff between two branches (emulator, real Postgres)", function () {
  this.timeout(120_000);
  const emu = useEmulator({ operationPolls: 0 });
  const clients: pg.Client[] = [];

  async function connect(branch: string): Promise<pg.Client> {
    const c = new pg.Client(await emu().postgres.superuser(branch));
    c.on("error", () => undefined); // the emulator may stop first; failures show in the queries
    await c.connect();
    clients.push(c);
    return c;
  }
  const catalogOf = async (branch: string): Promise<Catalog> => readCatalog(await connect(branch));
  after(async () => { await Promise.all(clients.map((c) => c.end().catch(() => undefined))); });

  before(async () => {
    await createProject(emu(), PROJECT);
    await (await connect(PROD)).query(BASE);
    await createBranch(emu(), PROJECT, "feature-x", PROD);
    await (await connect(FEATURE)).query(MIGRATION);
  });

  it("a fresh copy has the same catalog as its parent, with one object of every kind", async () => {
    const prod = await catalogOf(PROD);
    const kinds = new Set([...prod.values()].map((o) => o.kind));
    for (const k of ["schema", "enum", "sequence", "table", "function", "constraint", "index", "view", "trigger", "policy", "grant"]) assert.ok(kinds.has(k as never), `no ${k} read`);
    assert.deepEqual(describeChanges(diffCatalogs(prod, await catalogOf(PROD))), []);
    // The DDL is qualified and complete.
    assert.equal(prod.get("table:app.posts")!.ddl, [
      "CREATE TABLE app.posts (",
      "    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,",
      "    author_id integer NOT NULL,",
      "    title character varying(200) NOT NULL,",
      "    body text,",
      '    "Order" integer DEFAULT 0',
      ");",
    ].join("\n"));
    assert.equal(prod.get("constraint:app.posts.posts_author_id_fkey")!.ddl, "ALTER TABLE app.posts ADD CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES app.authors(id);");
    assert.equal(prod.get("grant:relation:app.posts:reader")!.ddl, "GRANT SELECT ON TABLE app.posts TO reader;");
    assert.equal(prod.get("policy:app.posts.own_posts")!.ddl, "CREATE POLICY own_posts ON app.posts AS PERMISSIVE FOR SELECT TO reader USING ((author_id > 0));");
    assert.equal(prod.get("sequence:app.authors_id_seq")!.parent, "table:app.authors");
    assert.equal([...prod.keys()].some((k) => k.startsWith("sequence:app.posts")), false, "an identity column's sequence is part of the column");
  });

  it("shows exactly the migration's changes, feature-x against production", async () => {
    const diff = diffCatalogs(await catalogOf(PROD), await catalogOf(FEATURE));
    assert.deepEqual(describeChanges(diff), [
      "~ enum app.mood: + value 'meh'",
      "~ sequence app.ticket_seq",
      "- column app.authors.mood",
      "- table app.legacy",
      "~ column app.posts.title: character varying(200) NOT NULL → text NOT NULL",
      "~ column app.posts.body: text → text NOT NULL",
      '~ column app.posts.Order: integer DEFAULT 0 → integer DEFAULT 1',
      "+ column app.posts.published_at timestamp with time zone",
      "~ row level security of app.posts: enabled",
      "+ table app.tags",
      "+ function app.post_count(a integer)",
      "~ function app.touch()",
      // The check's text changes with the column's type: length(title::text) → length(title).
      "~ constraint app.posts.posts_title_check",
      "+ index app.posts_title_idx",
      "~ view app.post_titles",
      "~ policy app.posts.own_posts",
      "~ grant app.posts → reader",
    ]);
    // The new table's key, sequence and foreign key come with it.
    const tagChildren = diff.changes.filter((c) => c.parent === "table:app.tags").map((c) => `${c.change} ${c.kind} ${c.name}`).sort();
    assert.deepEqual(tagChildren, ["added constraint app.tags.tags_pkey", "added constraint app.tags.tags_post_id_fkey", "added sequence app.tags_id_seq"]);
  });

  it("the draft migration, applied to a copy of production, gives feature-x's schema", async () => {
    const prod = await catalogOf(PROD);
    const feature = await catalogOf(FEATURE);
    const sql = draftMigrationSql(diffCatalogs(prod, feature), { from: "production", to: "feature-x" });
    assert.match(sql, /^-- Draft migration: turns the schema of production into that of feature-x\./);
    assert.match(sql, /ALTER TABLE app\.posts ALTER COLUMN title TYPE text USING title::text;/);
    assert.match(sql, /DROP TABLE app\.legacy;/);

    await createBranch(emu(), PROJECT, "rehearsal", PROD);
    const copy = await connect(`projects/${PROJECT}/branches/rehearsal`);
    await copy.query(sql);
    assert.deepEqual(describeChanges(diffCatalogs(await readCatalog(copy), feature)), []);
    // Production itself was only read.
    assert.deepEqual(describeChanges(diffCatalogs(prod, await catalogOf(PROD))), []);
  });

  it("the reverse diff drafts the way back", async () => {
    const prod = await catalogOf(PROD);
    const feature = await catalogOf(FEATURE);
    const back = diffCatalogs(feature, prod);
    assert.ok(describeChanges(back).includes("+ table app.legacy"));
    assert.ok(describeChanges(back).includes("- table app.tags"));
    const sql = draftMigrationSql(back, { from: "feature-x", to: "production" });
    assert.match(sql, /value 'meh' is gone; Postgres cannot drop an enum value/);
  });
});
