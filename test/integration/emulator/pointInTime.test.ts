import assert from "node:assert/strict";
import pg from "pg";
import { api, createBranch, createProject, useEmulator, waitOperation } from "../../support/emulator";

const PROJECT = "pitr";
const PROD = `projects/${PROJECT}/branches/production`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("emulator: branches at a point in time hold the parent's data as of that moment (WAL archive + recovery)", function () {
  this.timeout(120_000);
  const emu = useEmulator({ operationPolls: 0 });
  const clients: pg.Client[] = [];
  const connect = async (branch: string) => {
    const c = new pg.Client(await emu().postgres.superuser(branch));
    c.on("error", () => undefined);
    await c.connect();
    clients.push(c);
    return c;
  };
  after(async () => { await Promise.all(clients.map((c) => c.end().catch(() => undefined))); });

  async function branchAt(source: string, id: string, time: string) {
    const op = await waitOperation(emu(), await api(emu(), "POST", `/api/2.0/postgres/projects/${PROJECT}/branches?branch_id=${id}`, {
      spec: { source_branch: source, source_branch_time: time, no_expiry: true },
    }));
    assert.equal(op.error, undefined, JSON.stringify(op.error));
    return op.response;
  }

  it("rows written after source_branch_time are not in the new branch; those before are", async () => {
    await createProject(emu(), PROJECT);
    const prod = await connect(PROD);
    await prod.query("CREATE TABLE events (id int PRIMARY KEY, note text)");
    await prod.query("INSERT INTO events VALUES (1, 'before')");
    await sleep(1100);
    const t = new Date().toISOString();
    await sleep(1100);
    await prod.query("INSERT INTO events VALUES (2, 'after')");
    await prod.query("UPDATE events SET note = 'changed after' WHERE id = 1");

    const branch = await branchAt(PROD, "as-of-t", t);
    assert.equal(branch.status.source_branch_time, t);
    const copy = await connect(branch.name);
    assert.deepEqual((await copy.query("SELECT id, note FROM events ORDER BY id")).rows, [{ id: 1, note: "before" }]);
    // The parent is as it was, and the copy is a branch of its own: writable, independent.
    assert.deepEqual((await prod.query("SELECT id, note FROM events ORDER BY id")).rows, [{ id: 1, note: "changed after" }, { id: 2, note: "after" }]);
    await copy.query("INSERT INTO events VALUES (3, 'only on the copy')");
    assert.equal((await prod.query("SELECT count(*)::int AS n FROM events WHERE id = 3")).rows[0].n, 0);
  });

  it("a point in time on a child branch goes through its parent's history too", async () => {
    const prod = await connect(PROD);
    await prod.query("CREATE TABLE lineage (id int)");
    await prod.query("INSERT INTO lineage VALUES (1)");
    await createBranch(emu(), PROJECT, "child", PROD);
    const child = await connect(`projects/${PROJECT}/branches/child`);
    await child.query("INSERT INTO lineage VALUES (2)");
    await sleep(1100);
    const t = new Date().toISOString();
    await sleep(1100);
    await child.query("INSERT INTO lineage VALUES (3)");
    await prod.query("INSERT INTO lineage VALUES (4)");
    const branch = await branchAt(`projects/${PROJECT}/branches/child`, "child-as-of-t", t);
    const copy = await connect(branch.name);
    assert.deepEqual((await copy.query("SELECT id FROM lineage ORDER BY id")).rows.map((r) => r.id), [1, 2]);
  });
});
