import assert from "node:assert/strict";
import { EnvFileError } from "../../../src/core/envfile/envFileError";
import { exampleValues, placeholderFor } from "../../../src/core/envfile/envExample";
import { gitignoreEntry } from "../../../src/core/envfile/gitignore";
import { LAKEBASE_SECRET_KEYS, lakebaseEnvValues, type LakebaseEnvTarget } from "../../../src/core/envfile/lakebaseEnv";
import { mergeEnv } from "../../../src/core/envfile/mergeEnv";
import { parseEnv } from "../../../src/core/envfile/dotenvScan";

const TARGET: LakebaseEnvTarget = {
  workspaceHost: "my-ws.cloud.databricks.com/",
  endpointName: "projects/shop/branches/production/endpoints/primary",
  host: "ep-cool-bird-123.database.us-east-1.cloud.databricks.com",
  database: "databricks_postgres",
  user: "dev@example.com",
  sslMode: "require",
};

describe("envfile/lakebaseEnv: the connection values", () => {
  it("produces the driver's variables in a stable order, with https:// and port 5432 by default", () => {
    const v = lakebaseEnvValues(TARGET);
    assert.deepEqual(Object.entries(v), [
      ["DATABRICKS_HOST", "https://my-ws.cloud.databricks.com"],
      ["LAKEBASE_ENDPOINT", "projects/shop/branches/production/endpoints/primary"],
      ["PGHOST", "ep-cool-bird-123.database.us-east-1.cloud.databricks.com"],
      ["PGPORT", "5432"],
      ["PGDATABASE", "databricks_postgres"],
      ["PGUSER", "dev@example.com"],
      ["PGSSLMODE", "require"],
    ]);
  });

  it("adds the secrets only when given, after the connection values", () => {
    const v = lakebaseEnvValues({ ...TARGET, port: 6543, sslMode: "disable", workspaceHost: "http://127.0.0.1:8080" }, { databricksToken: "dapi123", pgPassword: "eyJtoken" });
    assert.equal(v.PGPORT, "6543");
    assert.equal(v.PGSSLMODE, "disable");
    assert.equal(v.DATABRICKS_HOST, "http://127.0.0.1:8080");
    assert.deepEqual(Object.keys(v).slice(-2), ["DATABRICKS_TOKEN", "PGPASSWORD"]);
    assert.deepEqual([...LAKEBASE_SECRET_KEYS], ["DATABRICKS_TOKEN", "PGPASSWORD"]);
  });

  it("rejects a malformed endpoint name, port or empty field with an actionable message", () => {
    assert.throws(() => lakebaseEnvValues({ ...TARGET, endpointName: "primary" }), (e: unknown) => e instanceof EnvFileError && /projects\/<project>/.test(e.message));
    assert.throws(() => lakebaseEnvValues({ ...TARGET, port: 70000 }), /not a valid TCP port/);
    assert.throws(() => lakebaseEnvValues({ ...TARGET, user: " " }), /user is empty/);
    assert.throws(() => lakebaseEnvValues({ ...TARGET, workspaceHost: "https://" }), /not a workspace URL/);
  });

  it("writes every value unquoted into a fresh file, and reads back the same", () => {
    const v = lakebaseEnvValues(TARGET, { databricksToken: "dapi0123456789abcdef0123456789abcdef" });
    const r = mergeEnv("", v);
    assert.ok(!/["'`]/.test(r.text), r.text);
    assert.deepEqual(Object.fromEntries(parseEnv(r.text)), v);
  });
});

describe("envfile/envExample: values for .env.example", () => {
  it("keeps non-secret values and replaces secrets and the user with placeholders", () => {
    const v = exampleValues(lakebaseEnvValues(TARGET, { databricksToken: "dapiSECRET", pgPassword: "pw" }));
    assert.equal(v.PGHOST, TARGET.host);
    assert.equal(v.PGPORT, "5432");
    assert.equal(v.DATABRICKS_TOKEN, "<your-databricks-token>");
    assert.equal(v.PGPASSWORD, "<your-lakebase-oauth-token>");
    assert.equal(v.PGUSER, "<your-databricks-username>");
    assert.ok(!JSON.stringify(v).includes("dapiSECRET"));
    assert.equal(exampleValues({ PGUSER: "me" }, [], []).PGUSER, "me");
    assert.equal(placeholderFor("MY_API.KEY"), "<your-my-api-key>");
  });
});

describe("envfile/gitignore: entries", () => {
  it("turns a relative path into a .gitignore line that matches only it", () => {
    assert.equal(gitignoreEntry(".env"), ".env");
    assert.equal(gitignoreEntry("./apps/api/.env.local"), "apps/api/.env.local");
    assert.equal(gitignoreEntry("#weird[1]*.env"), "\\#weird\\[1\\]\\*.env");
    assert.equal(gitignoreEntry("!x"), "\\!x");
    assert.throws(() => gitignoreEntry("../outside/.env"), EnvFileError);
    assert.throws(() => gitignoreEntry("/abs/.env"), EnvFileError);
  });
});
