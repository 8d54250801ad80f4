import assert from "node:assert/strict";
import { createLakebasePool } from "@databricks/lakebase";
import { WorkspaceClient } from "@databricks/sdk-experimental";
import { Agent } from "node:https";
import { createProject, emuSsl, useEmulator } from "../../support/emulator";

/**
 * The official driver (reference §3, §6) against the emulator: credential via REST, login via the front door,
 * both over TLS verified against the emulator's CA (the SDK's own https agent, and pg's `ssl`).
 */
describe("emulator: official @databricks/lakebase driver", () => {
  const emu = useEmulator({ operationPolls: 0 });
  const endpoint = "projects/drv/branches/production/endpoints/primary";
  before(async () => {
    await createProject(emu(), "drv");
  });

  it("gets a credential and runs SELECT 1; 20 concurrent connections cause one credential request", async () => {
    const addr = emu().postgres.endpoint(endpoint)!;
    const agent = new Agent({ keepAlive: true, ca: emu().caPem });
    const workspaceClient = new WorkspaceClient({ host: emu().workspaceUrl, token: emu().identities.user.pat, authType: "pat" }, { agent });
    const pool = createLakebasePool({
      workspaceClient,
      endpoint,
      host: addr.host,
      port: addr.port,
      database: "databricks_postgres",
      user: emu().identities.user.email,
      sslMode: "require",
      // `host` for the identity check: the driver's own pg (8.18) checks an IP host as "localhost"
      // (newer pg passes the host itself); real Lakebase hosts are DNS names, which it checks right.
      ssl: { ...emuSsl(emu(), addr.host), host: addr.host },
      max: 20,
      logger: { error: false },
    });
    try {
      emu().clearRequests();
      const r = await pool.query("SELECT 1 AS one, current_user AS u");
      assert.deepEqual(r.rows, [{ one: 1, u: "dev@example.com" }]);
      const clients = await Promise.all(Array.from({ length: 20 }, () => pool.connect()));
      await Promise.all(clients.map((c) => c.query("SELECT 1")));
      clients.forEach((c) => c.release());
      const creds = emu().requests({ method: "POST", pathPrefix: "/api/2.0/postgres/credentials" });
      assert.equal(creds.length, 1, "the driver caches and shares one credential");
      assert.equal(creds[0]!.status, 200);
    } finally {
      await pool.end();
      agent.destroy();
    }
  });
});
