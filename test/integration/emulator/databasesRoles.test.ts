import assert from "node:assert/strict";
import pg from "pg";
import { api, createProject, useEmulator, waitOperation } from "../../support/emulator";

const P = "/api/2.0/postgres";
const BR = "projects/dbr/branches/production";

describe("emulator: databases and roles", () => {
  const emu = useEmulator({ operationPolls: 0 });
  before(async () => {
    await createProject(emu(), "dbr");
  });

  async function superuserQuery(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
    const c = new pg.Client(await emu().postgres.superuser(BR));
    await c.connect();
    try {
      return await c.query(sql, params);
    } finally {
      await c.end();
    }
  }

  it("creates a role in Postgres and rejects NO_LOGIN and duplicates", async () => {
    const op = await waitOperation(emu(), await api(emu(), "POST", `${P}/${BR}/roles?role_id=app-writer`, {
      spec: { postgres_role: "app_writer", identity_type: "IDENTITY_TYPE_UNSPECIFIED", attributes: { createdb: true } },
    }));
    assert.equal(op.error, undefined);
    assert.equal(op.response.name, `${BR}/roles/app-writer`);
    assert.equal(op.response.status.auth_method, "PG_PASSWORD_SCRAM_SHA_256");
    assert.equal(op.response.status.attributes.createdb, true);
    const rows = (await superuserQuery("SELECT rolcreatedb FROM pg_roles WHERE rolname = 'app_writer'")).rows;
    assert.deepEqual(rows, [{ rolcreatedb: true }]);

    const noLogin = await api(emu(), "POST", `${P}/${BR}/roles?role_id=nologin`, { spec: { postgres_role: "x", auth_method: "NO_LOGIN" } });
    assert.equal(noLogin.status, 400);
    assert.equal(noLogin.json.message, "Creating roles with auth_method NO_LOGIN is not currently supported");
    const dup = await api(emu(), "POST", `${P}/${BR}/roles?role_id=app-writer`, { spec: { postgres_role: "other" } });
    assert.equal(dup.status, 400);
    assert.equal(dup.json.error_code, "BAD_REQUEST");
    const dupName = await api(emu(), "POST", `${P}/${BR}/roles?role_id=another`, { spec: { postgres_role: "app_writer" } });
    assert.equal(dupName.status, 400);
    const badId = await api(emu(), "POST", `${P}/${BR}/roles?role_id=abc`, { spec: { postgres_role: "abc" } });
    assert.equal(badId.status, 400, "role ids are at least 4 characters");
  });

  it("updates role attributes in Postgres (ALTER ROLE)", async () => {
    const op = await waitOperation(emu(), await api(emu(), "PATCH", `${P}/${BR}/roles/app-writer?update_mask=spec.attributes`, { spec: { attributes: { createdb: false, createrole: true } } }));
    assert.equal(op.error, undefined, JSON.stringify(op.error));
    assert.deepEqual(op.response.status.attributes, { bypassrls: false, createdb: false, createrole: true });
    const rows = (await superuserQuery("SELECT rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = 'app_writer'")).rows;
    assert.deepEqual(rows, [{ rolcreatedb: false, rolcreaterole: true }]);
  });

  it("requires database.spec.role and creates a database owned by it", async () => {
    const noRole = await api(emu(), "POST", `${P}/${BR}/databases?database_id=shop-db`, { spec: { postgres_database: "shop" } });
    assert.equal(noRole.status, 400);
    assert.equal(noRole.json.message, `Field 'database.spec.role' is required, expected non-default value (not "")!`);
    const ghostRole = await api(emu(), "POST", `${P}/${BR}/databases?database_id=shop-db`, { spec: { postgres_database: "shop", role: `${BR}/roles/ghost` } });
    assert.equal(ghostRole.status, 404);

    const op = await waitOperation(emu(), await api(emu(), "POST", `${P}/${BR}/databases?database_id=shop-db`, { spec: { postgres_database: "shop", role: `${BR}/roles/app-writer` } }));
    assert.equal(op.error, undefined, JSON.stringify(op.error));
    assert.deepEqual(op.response.status, { database_id: "shop-db", postgres_database: "shop", role: `${BR}/roles/app-writer` });
    const owner = (await superuserQuery("SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = 'shop'")).rows;
    assert.deepEqual(owner, [{ owner: "app_writer" }]);
    const dup = await api(emu(), "POST", `${P}/${BR}/databases?database_id=shop-db-2`, { spec: { postgres_database: "shop", role: `${BR}/roles/app-writer` } });
    assert.equal(dup.status, 400);
    assert.equal(dup.json.error_code, "BAD_REQUEST");
    const gen = await waitOperation(emu(), await api(emu(), "POST", `${P}/${BR}/databases`, { spec: { postgres_database: "generated_one", role: `${BR}/roles/app-writer` } }));
    assert.match(gen.response.database_id, /^[a-z][a-z0-9-]{3,62}$/, "database_id is generated when omitted");
  });

  it("refuses to delete a role that owns a database, then deletes database and role", async () => {
    const busy = await api(emu(), "DELETE", `${P}/${BR}/roles/app-writer`);
    assert.equal(busy.status, 400);
    for (const d of (await api(emu(), "GET", `${P}/${BR}/databases`)).json.databases) {
      if (d.database_id === "databricks-postgres") continue;
      const del = await waitOperation(emu(), await api(emu(), "DELETE", `${P}/${d.name}`));
      assert.deepEqual(del.response, { "@type": "type.googleapis.com/google.protobuf.Empty" });
    }
    assert.equal((await superuserQuery("SELECT 1 FROM pg_database WHERE datname = 'shop'")).rowCount, 0);
    const del = await waitOperation(emu(), await api(emu(), "DELETE", `${P}/${BR}/roles/app-writer`));
    assert.equal(del.error, undefined);
    assert.equal((await superuserQuery("SELECT 1 FROM pg_roles WHERE rolname = 'app_writer'")).rowCount, 0);
    const gone = await api(emu(), "GET", `${P}/${BR}/roles/app-writer`);
    assert.equal(gone.status, 404);
    assert.match(gone.json.message, /^role id not found/);
  });
});
