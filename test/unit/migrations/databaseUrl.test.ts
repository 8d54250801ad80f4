import assert from "node:assert/strict";
import { buildDatabaseUrl, buildDisplayUrl, childTlsEnv, psqlCommand } from "../../../src/core/migrations/databaseUrl";

describe("buildDatabaseUrl", () => {
  const target = { host: "ep-x.database.us-east-1.cloud.databricks.com", port: 5432, database: "databricks_postgres", user: "dev@example.com", sslMode: "require" as const };

  it("URL-encodes user and password and verifies the server certificate (sslmode=verify-full)", () => {
    const url = buildDatabaseUrl(target, "a/b:c@d?e");
    assert.equal(url, "postgresql://dev%40example.com:a%2Fb%3Ac%40d%3Fe@ep-x.database.us-east-1.cloud.databricks.com:5432/databricks_postgres?sslmode=verify-full");
    const parsed = new URL(url);
    assert.equal(decodeURIComponent(parsed.password), "a/b:c@d?e");
    assert.equal(decodeURIComponent(parsed.username), "dev@example.com");
    // node-pg reads sslrootcert as a file path: the URL never names one (the child gets NODE_EXTRA_CA_CERTS).
    assert.equal(parsed.searchParams.get("sslrootcert"), null);
  });

  it("verifies even when an extra CA is configured, and on loopback hosts", () => {
    const url = buildDatabaseUrl({ ...target, host: "127.0.0.2", extraCaFile: "/tmp/ca.pem" }, "pw");
    assert.equal(url, "postgresql://dev%40example.com:pw@127.0.0.2:5432/databricks_postgres?sslmode=verify-full");
  });

  it("has a display form without the password", () => {
    assert.equal(buildDisplayUrl({ ...target, host: "127.0.0.2" }), "postgresql://dev%40example.com@127.0.0.2:5432/databricks_postgres?sslmode=require");
  });
});

describe("drizzle-kit child TLS environment", () => {
  const target = { host: "127.0.0.2", port: 5432, database: "databricks_postgres", user: "dev@example.com", sslMode: "require" as const };
  it("trusts the extra CA file through NODE_EXTRA_CA_CERTS, and adds nothing without one", () => {
    assert.deepEqual(childTlsEnv({ ...target, extraCaFile: "/home/me/ca.pem" }), { NODE_EXTRA_CA_CERTS: "/home/me/ca.pem" });
    assert.deepEqual(childTlsEnv(target), {});
  });
});

describe("psqlCommand", () => {
  const target = { host: "ep-x.database.us-east-1.cloud.databricks.com", port: 5432, database: "databricks_postgres", user: "dev@example.com", sslMode: "require" as const };
  it("verifies the certificate against the system CAs (libpq ≥ 16)", () => {
    assert.equal(psqlCommand(target), `psql "host=ep-x.database.us-east-1.cloud.databricks.com port=5432 dbname=databricks_postgres user=dev@example.com sslmode=verify-full sslrootcert=system"`);
  });
  it("verifies against the extra CA file when one is set, quoting paths with spaces", () => {
    assert.equal(psqlCommand({ ...target, extraCaFile: "/tmp/ca.pem" }), `psql "host=ep-x.database.us-east-1.cloud.databricks.com port=5432 dbname=databricks_postgres user=dev@example.com sslmode=verify-full sslrootcert=/tmp/ca.pem"`);
    assert.equal(psqlCommand({ ...target, extraCaFile: "/My Certs/it's.pem" }), `psql "host=ep-x.database.us-east-1.cloud.databricks.com port=5432 dbname=databricks_postgres user=dev@example.com sslmode=verify-full sslrootcert='/My Certs/it\\\\'s.pem'"`);
  });
});
