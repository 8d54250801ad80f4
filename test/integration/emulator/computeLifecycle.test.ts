// Issue #16: what the emulator says about a branch's compute must be what runs. The project's
// status.pg_version is the PostgreSQL major version its branches run, and a deleted branch
// (e.g. a rehearsal's throwaway copy) stops its Postgres: nothing keeps running for it.
import assert from "node:assert/strict";
import { connect } from "node:net";
import pg from "pg";
import { api, createBranch, createProject, emuFetch, emuSsl, useEmulator, waitOperation } from "../../support/emulator";

const P = "/api/2.0/postgres";

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: "127.0.0.1", port });
    s.once("connect", () => { s.destroy(); resolve(true); });
    s.once("error", () => resolve(false));
  });
}

async function superuserQuery(emu: ReturnType<ReturnType<typeof useEmulator>>, branch: string, sql: string): Promise<{ port: number; rows: Array<Record<string, unknown>> }> {
  const su = await emu.postgres.superuser(branch);
  const c = new pg.Client(su);
  await c.connect();
  try {
    return { port: su.port, rows: (await c.query(sql)).rows };
  } finally {
    await c.end();
  }
}

describe("emulator: compute lifecycle", () => {
  const emu = useEmulator({ operationPolls: 0 });
  before(async () => { await createProject(emu(), "life"); });

  it("reports as the project's pg_version the major version its Postgres runs", async () => {
    const { rows } = await superuserQuery(emu(), "projects/life/branches/production", "SELECT current_setting('server_version_num')::int / 10000 AS major");
    const running = Number(rows[0]!.major);
    const project = (await api(emu(), "GET", `${P}/projects/life`)).json;
    assert.equal(project.status.pg_version, running);
    // Asked for another version, the emulator still says what it runs (it has one PostgreSQL).
    const other = await createProject(emu(), "life-pg16", { spec: { pg_version: 16 } });
    assert.equal(other.status.pg_version, running);
  });

  it("stops a soft-deleted branch's Postgres, and starts it again with its data on undelete", async () => {
    const b = await createBranch(emu(), "life", "rehearsal");
    const { port } = await superuserQuery(emu(), b.name, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (7)");
    assert.equal(await listening(port), true, "the branch's Postgres runs while the branch lives");
    await waitOperation(emu(), await api(emu(), "DELETE", `${P}/${b.name}`));
    assert.equal(await listening(port), false, "the deleted branch's Postgres no longer listens");
    await waitOperation(emu(), await api(emu(), "POST", `${P}/${b.name}/undelete`, {}));
    const again = await superuserQuery(emu(), b.name, "SELECT v FROM kept");
    assert.deepEqual(again.rows, [{ v: 7 }]);
  });

  it("stops a purged branch's Postgres", async () => {
    const b = await createBranch(emu(), "life", "gone");
    const { port } = await superuserQuery(emu(), b.name, "SELECT 1");
    await waitOperation(emu(), await api(emu(), "DELETE", `${P}/${b.name}?purge=true`));
    assert.equal(await listening(port), false);
  });

  it("scales an endpoint to zero on demand: IDLE, then IDLE → ACTIVE while the next login wakes it, then ACTIVE", async () => {
    const name = "projects/life/branches/production/endpoints/primary";
    const get = async () => (await api(emu(), "GET", `${P}/${name}`)).json.status;
    assert.equal((await get()).current_state, "ACTIVE");
    const res = await emuFetch(emu())(`${emu().workspaceUrl}/__emulator/endpoints/suspend`, { method: "POST", body: JSON.stringify({ endpoint: name, wakeMs: 1500 }) });
    assert.equal(res.status, 200);
    const idle = await get();
    assert.equal(idle.current_state, "IDLE");
    assert.equal(idle.pending_state, undefined);
    assert.ok(idle.hosts.host, "a suspended endpoint keeps its host");

    const token = (await api(emu(), "POST", `${P}/credentials`, { endpoint: name })).json.token as string;
    const client = new pg.Client({ host: idle.hosts.host, port: emu().postgres.endpoint(name)!.port, user: emu().identities.user.email, password: token, database: "databricks_postgres", ssl: emuSsl(emu(), idle.hosts.host) });
    const login = client.connect();
    let waking: Record<string, unknown> | undefined;
    for (let i = 0; i < 100 && !waking; i++) {
      const s = await get();
      if (s.pending_state === "ACTIVE") waking = s;
      else await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(waking?.current_state, "IDLE", "while the login waits, the compute is waking");
    await login;
    try {
      assert.deepEqual((await client.query("SELECT 1 AS up")).rows, [{ up: 1 }]);
    } finally {
      await client.end();
    }
    const awake = await get();
    assert.equal(awake.current_state, "ACTIVE");
    assert.equal(awake.pending_state, undefined);
  });
});
