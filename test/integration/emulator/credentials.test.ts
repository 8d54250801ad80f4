/* eslint-disable @typescript-eslint/no-explicit-any -- raw JSON replies are checked field by field */
import assert from "node:assert/strict";
import pg from "pg";
import type { Emulator } from "../../../emulator/index";
import { api, createBranch, createProject, emuFetch, emuSsl, useEmulator, waitOperation } from "../../support/emulator";

const P = "/api/2.0/postgres";
const PROD_EP = "projects/cred/branches/production/endpoints/primary";
const DEV_EP = "projects/cred/branches/dev/endpoints/primary";

async function credential(emu: Emulator, endpoint: string, token?: string): Promise<{ token: string; expire_time: string }> {
  const r = await api(emu, "POST", `${P}/credentials`, { endpoint }, token);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json;
}

function connect(emu: Emulator, endpoint: string, user: string, password: string): Promise<pg.Client> {
  const addr = emu.postgres.endpoint(endpoint);
  if (!addr) throw new Error(`no front door for ${endpoint}`);
  const c = new pg.Client({ host: addr.host, port: addr.port, user, password, database: "databricks_postgres", ssl: emuSsl(emu, addr.host) });
  return c.connect().then(() => c);
}

async function loginError(p: Promise<pg.Client>): Promise<string | undefined> {
  try {
    const c = await p;
    await c.end();
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
}

async function loginFailure(p: Promise<pg.Client>): Promise<{ code?: string; message: string; hint?: string }> {
  try {
    const c = await p;
    await c.end();
  } catch (err) {
    return err as { code?: string; message: string; hint?: string };
  }
  throw new Error("expected the login to be refused");
}

async function oauthToken(emu: Emulator): Promise<string> {
  const sp = emu.identities.servicePrincipal;
  const t = await (await emuFetch(emu)(`${emu.workspaceUrl}/oidc/v1/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `grant_type=client_credentials&scope=all-apis&client_id=${sp.clientId}&client_secret=${sp.clientSecret}`,
  })).json() as any;
  return t.access_token;
}

describe("emulator: database credentials through the front door", () => {
  const emu = useEmulator({ operationPolls: 0 });
  const user = "dev@example.com";
  before(async function () {
    this.timeout(120000);
    await createProject(emu(), "cred");
    const c = await connect(emu(), PROD_EP, user, (await credential(emu(), PROD_EP)).token);
    await c.query("CREATE TABLE items (id int PRIMARY KEY, label text)");
    await c.query("INSERT INTO items VALUES (1, 'from production')");
    await c.end();
    await createBranch(emu(), "cred", "dev");
  });

  it("returns {token, expire_time} one hour ahead by default and validates ttl", async () => {
    const cred = await credential(emu(), PROD_EP);
    assert.match(cred.expire_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const left = Date.parse(cred.expire_time) - Date.now();
    assert.ok(left > 3590_000 && left <= 3600_000, `left ${left}`);
    // Bracketed by the clock before and after the call (expire_time is whole seconds, so up to
    // 1 s earlier): how long the request took on a loaded machine cannot matter.
    const before = Date.now();
    const ttl = await api(emu(), "POST", `${P}/credentials`, { endpoint: PROD_EP, ttl: "900s" });
    const after = Date.now();
    const expire = Date.parse(ttl.json.expire_time);
    assert.ok(expire >= before + 900_000 - 1000 && expire <= after + 900_000, `expire_time ${ttl.json.expire_time} is 900 s after the call`);
    for (const bad of ["299s", "3601s", "abc"]) {
      const r = await api(emu(), "POST", `${P}/credentials`, { endpoint: PROD_EP, ttl: bad });
      assert.equal(r.status, 400, bad);
      assert.equal(r.json.error_code, "INVALID_PARAMETER_VALUE");
    }
    const missing = await api(emu(), "POST", `${P}/credentials`, {});
    assert.equal(missing.json.message, `Field 'endpoint' is required, expected non-default value (not "")!`);
    const unknown = await api(emu(), "POST", `${P}/credentials`, { endpoint: "projects/cred/branches/production/endpoints/nope" });
    assert.equal(unknown.status, 404);
  });

  it("accepts several valid tokens at once and rejects a token for another endpoint or identity", async () => {
    const [a, b] = [await credential(emu(), PROD_EP), await credential(emu(), PROD_EP)];
    const c1 = await connect(emu(), PROD_EP, user, a.token);
    const c2 = await connect(emu(), PROD_EP, user, b.token);
    assert.equal((await c1.query("SELECT current_user AS u")).rows[0].u, user);
    await Promise.all([c1.end(), c2.end()]);
    const devToken = (await credential(emu(), DEV_EP)).token;
    assert.equal(await loginError(connect(emu(), PROD_EP, user, devToken)), "28P01", "token bound to another endpoint");
    assert.equal(await loginError(connect(emu(), PROD_EP, emu().identities.servicePrincipal.clientId, a.token)), "28P01", "token bound to another identity");
    assert.equal(await loginError(connect(emu(), PROD_EP, user, "not-a-token")), "28P01");
  });

  it("lets only the project owner in until a Postgres role exists for the identity, like the service", async () => {
    const sp = emu().identities.servicePrincipal;
    const spToken = await oauthToken(emu());
    const refused = await loginFailure(connect(emu(), PROD_EP, sp.clientId, (await credential(emu(), PROD_EP, spToken)).token));
    assert.equal(refused.code, "28000");
    assert.equal(refused.message, `role "${sp.clientId}" does not exist: create a Postgres role for this identity on projects/cred/branches/production, then reconnect`);
    assert.match(refused.hint ?? "", /POST \/api\/2\.0\/postgres\/projects\/cred\/branches\/production\/roles/);

    // The owner (who created the project) creates the role through the roles API; then the SP gets in.
    const role = await waitOperation(emu(), await api(emu(), "POST", `${P}/projects/cred/branches/production/roles?role_id=sp-app`, {
      spec: { postgres_role: sp.clientId, identity_type: "SERVICE_PRINCIPAL", auth_method: "LAKEBASE_OAUTH_V1" },
    }));
    assert.equal(role.response.status.postgres_role, sp.clientId);
    const c = await connect(emu(), PROD_EP, sp.clientId, (await credential(emu(), PROD_EP, spToken)).token);
    assert.equal((await c.query("SELECT current_user AS u")).rows[0].u, sp.clientId);
    await c.end();

    // Deleting the role shuts the door again.
    await waitOperation(emu(), await api(emu(), "DELETE", `${P}/projects/cred/branches/production/roles/sp-app`));
    const again = await loginFailure(connect(emu(), PROD_EP, sp.clientId, (await credential(emu(), PROD_EP, spToken)).token));
    assert.equal(again.code, "28000");
  });

  it("lets the service principal into a project it owns without creating a role", async () => {
    const sp = emu().identities.servicePrincipal;
    const spToken = await oauthToken(emu());
    const op = await waitOperation(emu(), await api(emu(), "POST", `${P}/projects?project_id=sp-owned`, {}, spToken), spToken);
    assert.equal(op.response.status.owner, sp.clientId);
    const ep = "projects/sp-owned/branches/production/endpoints/primary";
    const c = await connect(emu(), ep, sp.clientId, (await credential(emu(), ep, spToken)).token);
    assert.equal((await c.query("SELECT current_user AS u, pg_has_role(current_user, 'databricks_superuser', 'MEMBER') AS su")).rows[0].su, true);
    await c.end();
    // The user who does not own it is refused there.
    const refused = await loginFailure(connect(emu(), ep, user, (await credential(emu(), ep)).token));
    assert.equal(refused.code, "28000");
  });

  it("binds a service principal's token to its application id", async () => {
    const sp = emu().identities.servicePrincipal;
    await waitOperation(emu(), await api(emu(), "POST", `${P}/projects/cred/branches/production/roles?role_id=sp-bound&replace_existing=true`, {
      spec: { postgres_role: sp.clientId, identity_type: "SERVICE_PRINCIPAL", auth_method: "LAKEBASE_OAUTH_V1" },
    }));
    const t = { access_token: await oauthToken(emu()) };
    const cred = await credential(emu(), PROD_EP, t.access_token);
    const c = await connect(emu(), PROD_EP, sp.clientId, cred.token);
    assert.equal((await c.query("SELECT current_user AS u")).rows[0].u, sp.clientId);
    await c.end();
    assert.equal(await loginError(connect(emu(), PROD_EP, user, cred.token)), "28P01");
  });

  it("fails login with 28P01 once the token expired while an open session survives", async () => {
    emu().faults.setCredentialLifetime(2);
    const cred = await credential(emu(), PROD_EP);
    const open = await connect(emu(), PROD_EP, user, cred.token);
    await new Promise((r) => setTimeout(r, 2200));
    assert.equal(emu().checkToken(cred.token, user, PROD_EP), "expired");
    assert.equal(await loginError(connect(emu(), PROD_EP, user, cred.token)), "28P01");
    assert.equal((await open.query("SELECT 1 AS one")).rows[0].one, 1, "the open session keeps working");
    await open.end();
  });

  it("expire-all makes every issued token fail at the next login", async () => {
    const cred = await credential(emu(), PROD_EP);
    emu().faults.expireAllCredentials();
    assert.equal(await loginError(connect(emu(), PROD_EP, user, cred.token)), "28P01");
  });

  it("isolates branch copies: writes on the child are not seen on the parent and vice versa", async () => {
    const prod = await connect(emu(), PROD_EP, user, (await credential(emu(), PROD_EP)).token);
    const dev = await connect(emu(), DEV_EP, user, (await credential(emu(), DEV_EP)).token);
    assert.deepEqual((await dev.query("SELECT label FROM items ORDER BY id")).rows, [{ label: "from production" }], "child copied the parent's data");
    await dev.query("INSERT INTO items VALUES (2, 'dev only')");
    await prod.query("INSERT INTO items VALUES (3, 'prod only')");
    assert.deepEqual((await prod.query("SELECT id FROM items ORDER BY id")).rows.map((r) => r.id), [1, 3]);
    assert.deepEqual((await dev.query("SELECT id FROM items ORDER BY id")).rows.map((r) => r.id), [1, 2]);
    await Promise.all([prod.end(), dev.end()]);
  });

  it("drops all sessions on demand", async () => {
    const c = await connect(emu(), PROD_EP, user, (await credential(emu(), PROD_EP)).token);
    c.on("error", () => undefined);
    const r = await (await emuFetch(emu())(`${emu().workspaceUrl}/__emulator/dataplane/drop-sessions`, { method: "POST" })).json() as any;
    assert.ok(r.dropped >= 1);
    await assert.rejects(c.query("SELECT 1"));
  });
});
