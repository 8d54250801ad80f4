import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { memoryLogger, SecretRegistry } from "../../../src/core/log";
import { ProfileService } from "../../../src/core/profiles/profileService";
import { json, startLocalServer } from "../http/localServer";
import { fakeCliEnv } from "./fakeCli";

/**
 * The whole flow with one known secret used as PAT, client secret, CLI-issued token and M2M
 * access token, against a server that echoes whatever credential it receives in its errors.
 * The secret must appear in no log line and no error message or stack.
 */
const SECRET = "s3cr3t-known-value-0123456789abcdef";
const ISSUED = "issued-access-token-abcdefghijklmnop";

describe("no secret leaks (pat + oauth-m2m + databricks-cli + HTTP errors)", function () {
  this.timeout(20_000);

  it("keeps the secret out of every log line and error", async () => {
    const server = await startLocalServer([(req, res) => {
      const auth = req.headers.authorization ?? "";
      const decoded = auth.startsWith("Basic ") ? Buffer.from(auth.slice(6), "base64").toString() : auth;
      // OAuth discovery (M2M finds its token endpoint as the SDK does).
      if (req.url === "/oidc/.well-known/oauth-authorization-server") return json(200, { token_endpoint: `http://${req.headers.host}/oidc/v1/token` })(req, res);
      if (req.url === "/oidc/v1/token" && decoded.endsWith(":good-client-secret-000000")) {
        return json(200, { access_token: ISSUED, expires_in: 3600 })(req, res);
      }
      if (req.url === "/oidc/v1/token") return json(401, { error: "invalid_client", error_description: `bad credentials ${decoded}` })(req, res);
      return json(403, { error_code: "PERMISSION_DENIED", message: `token ${auth} is not allowed`, details: [{ request_id: "r1" }] })(req, res);
    }]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leak-"));
    const file = path.join(dir, "cfg");
    fs.writeFileSync(file, [
      "[pat]", `host = ${server.url}`, `token = ${SECRET}`,
      "[sp-bad]", `host = ${server.url}`, "client_id = app-1", `client_secret = ${SECRET}`,
      "[sp-good]", `host = ${server.url}`, "client_id = app-2", "client_secret = good-client-secret-000000",
      "[cli]", `host = ${server.url}`, "auth_type = databricks-cli",
      "",
    ].join("\n"));
    const secrets = new SecretRegistry();
    const logger = memoryLogger(secrets);
    const fake = fakeCliEnv("leaky", { FAKE_DATABRICKS_TOKEN: SECRET });
    const service = await ProfileService.create({ configFile: file, env: fake.env, logger, secrets, watch: false, http: { sleep: async () => {} } });
    const texts: string[] = [];
    try {
      for (const name of ["pat", "sp-bad", "sp-good", "cli"]) {
        const info = await service.validate(name);
        assert.equal(info.state === "valid", false, `${name} should fail`);
        texts.push(info.reason ?? "");
        await service.http(name).request({ method: "GET", path: "/api/2.0/postgres/projects", auth: true }).catch((e: Error) => texts.push(e.message, e.stack ?? ""));
      }
      // The M2M token issued by the server is a secret too once we hold it.
      await service.http("sp-good").request({ method: "GET", path: "/x", auth: true }).catch((e: Error) => texts.push(e.message));
    } finally {
      service.dispose();
      await server.close();
    }
    assert.ok(texts.length >= 8 && logger.lines.length > 0);
    assert.ok(texts.some((t) => t.includes("was rejected (invalid_client)")));
    assert.ok(texts.some((t) => t.includes("is not allowed")));
    for (const text of [...texts, ...logger.lines]) {
      assert.ok(!text.includes(SECRET), `leaked: ${text}`);
      assert.ok(!text.includes(ISSUED), `leaked issued token: ${text}`);
    }
  });
});
