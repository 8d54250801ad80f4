import assert from "node:assert/strict";
import { wideSchemaSql } from "../../../bench/wideSchema";
import { createProject, useEmulator } from "../../support/emulator";
import { agentHarness, ownerQuery, type AgentHarness } from "./agentHarness";

describe("agent tools: describe-schema of a 500-table schema (emulator)", function () {
  this.timeout(120_000);
  const emu = useEmulator({ seed: true, operationPolls: 0 });
  let h: AgentHarness;

  before(async () => {
    const project = await createProject(emu(), "wide");
    const endpoint = `${project.name}/branches/production/endpoints/primary`;
    await ownerQuery(emu(), wideSchemaSql(), endpoint);
    const addr = emu().postgres.endpoint(endpoint)!;
    h = await agentHarness(emu(), {
      target: { profile: "emulator", project: project.name, branch: `${project.name}/branches/production`, endpoint, database: "databricks_postgres", host: addr.host },
    });
    await h.call("lakebase_describe_schema", { filter: "t001" }); // warm the pool and credential, as a session would be
  });
  after(async () => h?.dispose());

  it("≤ 32 KB, says it is truncated and how to see the rest (its time is measured in npm run bench)", async () => {
    const r = await h.call("lakebase_describe_schema", {});
    assert.equal(r.isError, undefined, r.text);
    const bytes = Buffer.byteLength(r.text);
    assert.ok(bytes <= 32 * 1024, `${bytes} bytes`);
    assert.match(r.text.split("\n")[0], /^500 tables\/views on production\/databricks_postgres; TRUNCATED: columns shown for the first \d+, names (only for the other|for) \d+/);
    assert.match(r.text, /^public\.t001: id bigint pk serial, parent_id bigint, code varchar\(32\) not null unique, title text not null, amount numeric\(12,2\) default 0, flags jsonb, created_at timestamptz not null default now\(\), note text$/m);
    assert.match(r.text, /^ {2}index t001_created_idx \(created_at\)$/m);
    assert.match(r.text, /^Tables without details/m);
  });

  it("a filter shows one table in full, with its foreign key", async () => {
    const r = await h.call("lakebase_describe_schema", { filter: "t499" });
    assert.match(r.text, /^1 tables\/views matching "t499"/);
    assert.match(r.text, /parent_id bigint → t498\(id\)/);
    const wild = await h.call("lakebase_describe_schema", { filter: "public.t49*" });
    assert.match(wild.text, /^10 tables\/views matching "public\.t49\*"/);
  });
});
