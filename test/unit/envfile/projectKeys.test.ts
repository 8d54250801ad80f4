import assert from "node:assert/strict";
import { inProjectKeys } from "../../../src/core/envfile/projectKeys";

const VALUES = { DATABRICKS_HOST: "https://dev.cloud.databricks.com", LAKEBASE_ENDPOINT: "projects/shop/branches/production/endpoints/primary", PGHOST: "h", PGPORT: "5432", PGDATABASE: "d", PGUSER: "u", PGSSLMODE: "require" };

describe("the keys a project's env file names its workspace by", () => {
  it("a file with DATABRICKS_CONFIG_PROFILE (databricks apps init) gets the profile, not a host", () => {
    const out = inProjectKeys("DATABRICKS_CONFIG_PROFILE=old\r\nLAKEBASE_ENDPOINT=projects/a/branches/b/endpoints/c\r\n", "dev", VALUES);
    assert.deepEqual(Object.keys(out), ["DATABRICKS_CONFIG_PROFILE", "LAKEBASE_ENDPOINT", "PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGSSLMODE"]);
    assert.equal(out.DATABRICKS_CONFIG_PROFILE, "dev");
  });

  it("a file with a host, a new file and a file with both keep what they have", () => {
    assert.deepEqual(inProjectKeys("DATABRICKS_HOST=x\n", "dev", VALUES), VALUES);
    assert.deepEqual(inProjectKeys(undefined, "dev", VALUES), VALUES);
    assert.deepEqual(inProjectKeys("", "dev", VALUES), VALUES);
    const both = inProjectKeys("DATABRICKS_HOST=x\nDATABRICKS_CONFIG_PROFILE=old\n", "dev", VALUES);
    assert.equal(both.DATABRICKS_HOST, VALUES.DATABRICKS_HOST);
    assert.equal(both.DATABRICKS_CONFIG_PROFILE, "dev");
  });
});
