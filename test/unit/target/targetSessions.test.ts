import assert from "node:assert/strict";
import type { CredentialKey } from "../../../src/core/credentials/types";
import type { DbTarget } from "../../../src/core/db/types";
import type { ResolvedTarget } from "../../../src/core/lakebaseServices";
import { TargetSessions } from "../../../src/core/target/targetSessions";
import { TargetStore, type WorkspaceTarget } from "../../../src/core/target/targetStore";

const FOLDER = "file:///app";

function target(project: string): WorkspaceTarget {
  return {
    profile: "dev", project: `projects/${project}`, branch: `projects/${project}/branches/main`,
    endpoint: `projects/${project}/branches/main/endpoints/primary`, database: "databricks_postgres", host: `${project}.example.com`,
  };
}

function setup() {
  const m = new Map<string, unknown>();
  const targets = new TargetStore({ get: <T>(k: string) => m.get(k) as T | undefined, update: async (k: string, v: unknown) => void m.set(k, v) });
  const leases = new Map<string, number>();
  const closed: string[] = [];
  let gate: Promise<void> | undefined;
  let user = "me@example.com";
  const sessions = new TargetSessions({
    targets,
    resolveTarget: async (t) => {
      const u = user;
      if (gate) await gate;
      const db: DbTarget = { profile: t.profile, endpoint: t.endpoint, host: t.host, port: 5432, database: t.database, user: u };
      return { target: t, db, credentialKey: { profile: t.profile, endpoint: t.endpoint, identity: u }, connection: { host: t.host, port: 5432, database: t.database, user: u, sslMode: "require" } } as ResolvedTarget;
    },
    credentials: {
      acquire: (k: CredentialKey) => {
        const id = `${k.endpoint}|${k.identity}`;
        leases.set(id, (leases.get(id) ?? 0) + 1);
        let done = false;
        return { dispose: () => { if (!done) { done = true; leases.set(id, leases.get(id)! - 1); } } };
      },
    },
    pools: { close: async (db: DbTarget) => { closed.push(`${db.endpoint}|${db.user}`); } },
  });
  return {
    targets, sessions, leases, closed,
    hold: () => { let open!: () => void; gate = new Promise((r) => { open = r; }); return () => { gate = undefined; open(); }; },
    setUser: (u: string) => { user = u; },
  };
}

const flush = () => new Promise((r) => setImmediate(r));

describe("TargetSessions", () => {
  it("a target changed while its identity was looked up never leaves the old lease behind", async () => {
    const { targets, sessions, leases, hold } = setup();
    await targets.set(FOLDER, target("a"));
    const release = hold();
    const opening = sessions.open(FOLDER);
    await targets.set(FOLDER, target("b"));
    release();
    const s = await opening;
    assert.equal(s?.resolved.target.endpoint, target("b").endpoint, "the answer is for the current target");
    assert.equal(leases.get(`${target("a").endpoint}|me@example.com`) ?? 0, 0);
    assert.equal(leases.get(`${target("b").endpoint}|me@example.com`), 1);
  });

  it("a cleared target during the lookup opens nothing", async () => {
    const { targets, sessions, leases, hold } = setup();
    await targets.set(FOLDER, target("a"));
    const release = hold();
    const opening = sessions.open(FOLDER);
    await targets.set(FOLDER, undefined);
    release();
    assert.equal(await opening, undefined);
    assert.deepEqual([...leases.values()].filter((n) => n > 0), []);
  });

  it("concurrent opens share one session; a new identity replaces it and closes the old pool", async () => {
    const { targets, sessions, leases, closed, setUser } = setup();
    await targets.set(FOLDER, target("a"));
    const [s1, s2] = await Promise.all([sessions.open(FOLDER), sessions.open(FOLDER)]);
    assert.equal(s1, s2);
    assert.equal(leases.get(`${target("a").endpoint}|me@example.com`), 1);
    setUser("someone@example.com");
    const s3 = await sessions.open(FOLDER);
    await flush();
    assert.notEqual(s3, s1);
    assert.equal(s1!.disposed, true);
    assert.equal(leases.get(`${target("a").endpoint}|me@example.com`), 0);
    assert.deepEqual(closed, [`${target("a").endpoint}|me@example.com`]);
    await sessions.dispose();
    assert.equal(leases.get(`${target("a").endpoint}|someone@example.com`), 0);
    assert.deepEqual(closed, [`${target("a").endpoint}|me@example.com`, `${target("a").endpoint}|someone@example.com`]);
    await assert.rejects(sessions.open(FOLDER), /disposed/);
  });

  it("says which folder's session a new identity replaced (so what it owned can start again), and only then", async () => {
    const { targets, sessions, setUser } = setup();
    const replaced: string[] = [];
    const sub = sessions.onDidReplace((folder) => replaced.push(folder));
    await targets.set(FOLDER, target("a"));
    await sessions.open(FOLDER);
    await sessions.open(FOLDER);
    assert.deepEqual(replaced, [], "the first open and a reuse replace nothing");
    setUser("someone@example.com");
    await sessions.open(FOLDER);
    assert.deepEqual(replaced, [FOLDER]);
    await targets.set(FOLDER, target("b"));
    await sessions.open(FOLDER);
    assert.deepEqual(replaced, [FOLDER], "a target change ends the session through the target store's own event");
    sub.dispose();
    setUser("third@example.com");
    await sessions.open(FOLDER);
    assert.deepEqual(replaced, [FOLDER], "a disposed subscription hears nothing");
    await sessions.dispose();
  });
});
