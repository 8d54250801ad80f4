import assert from "node:assert/strict";
import { buildDatabaseUrl, buildDisplayUrl } from "../../../src/core/migrations/databaseUrl";

describe("buildDatabaseUrl", () => {
  const target = { host: "ep-x.database.us-east-1.cloud.databricks.com", port: 5432, database: "databricks_postgres", user: "dev@example.com", sslMode: "require" as const };

  it("URL-encodes user and password and carries sslmode", () => {
    const url = buildDatabaseUrl(target, "a/b:c@d?e");
    assert.equal(url, "postgresql://dev%40example.com:a%2Fb%3Ac%40d%3Fe@ep-x.database.us-east-1.cloud.databricks.com:5432/databricks_postgres?sslmode=require");
    const parsed = new URL(url);
    assert.equal(decodeURIComponent(parsed.password), "a/b:c@d?e");
    assert.equal(decodeURIComponent(parsed.username), "dev@example.com");
  });

  it("has a display form without the password", () => {
    assert.equal(buildDisplayUrl({ ...target, sslMode: "disable", host: "127.0.0.2" }), "postgresql://dev%40example.com@127.0.0.2:5432/databricks_postgres?sslmode=disable");
  });
});
