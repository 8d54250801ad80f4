import assert from "node:assert/strict";
import { createServer, type AddressInfo } from "node:net";
import { sendCancelRequest } from "../../../src/core/db/cancelRequest";
import { classifyConnectError, explainConnectError } from "../../../src/core/db/connectErrors";
import { uniqueKeys } from "../../../src/core/db/export";
import { toQueryError } from "../../../src/core/db/queryError";
import { isLoopbackHost, sslFor } from "../../../src/core/db/ssl";
import { changesSessionState, executionMode, firstKeyword, isCopyFromStdin } from "../../../src/core/db/statementKind";
import { TypeNameCache } from "../../../src/core/db/typeNames";
import { splitStatements } from "../../../src/core/sql/splitStatements";

describe("db: ssl", () => {
  it("uses plain TCP only for loopback hosts", () => {
    for (const h of ["localhost", "127.0.0.1", "127.4.5.6", "::1", "[::1]", "::ffff:127.0.0.1"]) assert.ok(isLoopbackHost(h), h);
    for (const h of ["ep-a-b.database.us-east-1.cloud.databricks.com", "10.0.0.1", "128.0.0.1", "localhost.evil.com"]) assert.ok(!isLoopbackHost(h), h);
    assert.equal(sslFor("127.0.0.1"), false);
    assert.deepEqual(sslFor("ep-x.database.cloud.databricks.com"), { rejectUnauthorized: true, servername: "ep-x.database.cloud.databricks.com" });
  });
});

describe("db: connect error classification", () => {
  it("sorts rejected credentials, waking computes and the rest", () => {
    assert.equal(classifyConnectError({ code: "28P01", message: "password authentication failed" }), "bad-credential");
    assert.equal(classifyConnectError({ code: "ECONNREFUSED", message: "connect ECONNREFUSED" }), "waking");
    assert.equal(classifyConnectError({ code: "57P03", message: "the database system is starting up" }), "waking");
    assert.equal(classifyConnectError(new Error("Connection terminated due to connection timeout")), "waking");
    assert.equal(classifyConnectError(new Error("Connection terminated unexpectedly")), "waking");
    assert.equal(classifyConnectError({ code: "3D000", message: 'database "x" does not exist' }), "fatal");
    assert.equal(classifyConnectError({ code: "28000", message: "role does not exist" }), "fatal");
  });
  it("explains failures without leaking anything but the server text", () => {
    assert.match(explainConnectError({ code: "3D000", message: 'database "nope" does not exist' }, "u@h:5432/nope"), /Database not found .* Pick an existing database/);
    assert.match(explainConnectError({ code: "DEPTH_ZERO_SELF_SIGNED_CERT", message: "self signed" }, "h"), /NODE_EXTRA_CA_CERTS/);
  });
  it("says how to create a missing login role, naming the branch", () => {
    const missing = { code: "28000", message: 'role "app-sp" does not exist' };
    assert.equal(explainConnectError(missing, "app-sp@h:5432/db", "projects/p/branches/dev/endpoints/primary"),
      'Login to app-sp@h:5432/db was refused: role "app-sp" does not exist. Only the project owner can log in until a Postgres role exists for an identity: '
      + 'run "Lakebase: Create Postgres Role for a Databricks Identity" on branch dev as the project owner, then try again.');
    assert.match(explainConnectError(missing, "h"), /Create Postgres Role for a Databricks Identity" on the branch as/);
    // Other 28000 refusals keep the generic advice.
    assert.match(explainConnectError({ code: "28000", message: "no PostgreSQL user name specified in startup packet" }, "h"), /Check the Postgres role for this identity exists/);
  });
});

describe("db: statement kinds", () => {
  it("finds the first keyword past comments and parentheses", () => {
    assert.equal(firstKeyword("  -- hi\n/* a /* nested */ b */ (select 1)"), "SELECT");
    assert.equal(firstKeyword("with x as (select 1) select * from x"), "WITH");
  });
  it("streams row-returning statements through a cursor, the rest through a simple query", () => {
    assert.equal(executionMode("SELECT 1"), "cursor");
    assert.equal(executionMode("-- c\nWITH a AS (SELECT 1) SELECT * FROM a"), "cursor");
    assert.equal(executionMode("insert into t values (1) returning id"), "cursor");
    assert.equal(executionMode("insert into t values (1)"), "simple");
    assert.equal(executionMode("BEGIN"), "simple");
    assert.equal(executionMode("COPY t TO STDOUT"), "simple");
    assert.equal(executionMode("VACUUM t"), "simple");
    assert.ok(isCopyFromStdin("copy t (a) from stdin with csv"));
    assert.ok(!isCopyFromStdin("copy t from '/tmp/x'"));
  });
  it("notices statements that leave session state behind", () => {
    assert.ok(changesSessionState("SET search_path = x"));
    assert.ok(changesSessionState("create temp table t (a int)"));
    assert.ok(changesSessionState("select set_config('a.b', '1', false)"));
    assert.ok(!changesSessionState("UPDATE t SET a = 1"));
  });
});

describe("db: type names", () => {
  it("names built-ins without a lookup and caches looked-up ones", async () => {
    const cache = new TypeNameCache();
    let lookups = 0;
    const lookup = async (_sql: string, params: unknown[]) => {
      lookups++;
      assert.deepEqual(params, [["90001", "90002"]]);
      return [{ oid: "90001", name: "mood" }];
    };
    const names = await cache.resolve([23, 25, 90001, 90002, 1184, 90001], lookup);
    assert.equal(names.get(23), "int4");
    assert.equal(names.get(1184), "timestamptz");
    assert.equal(names.get(90001), "mood");
    assert.equal(names.get(90002), "90002", "unknown oid falls back to its number");
    await cache.resolve([90001], async () => { throw new Error("should not be called"); });
    assert.equal(lookups, 1);
  });
  it("a failing lookup shows oids instead of failing", async () => {
    const names = await new TypeNameCache().resolve([77777], async () => { throw new Error("pool exhausted"); });
    assert.equal(names.get(77777), "77777");
  });
});

describe("db: query errors", () => {
  it("maps a Postgres position into the script, counting astral characters once", () => {
    const script = "SELECT 1;\nSELECT '😀', nme FROM t;";
    const stmt = splitStatements(script)[1];
    const pos = [...stmt.text].indexOf("n") + 1; // Postgres counts characters, 1-based
    const e = toQueryError({ message: 'column "nme" does not exist', code: "42703", position: String(pos), hint: "Perhaps nm?" }, stmt, 1);
    assert.equal(e.sqlstate, "42703");
    assert.equal(e.statementIndex, 1);
    assert.equal(e.hint, "Perhaps nm?");
    assert.equal(script.slice(e.scriptOffset!, e.scriptOffset! + 3), "nme");
  });
  it("ignores non-SQLSTATE codes", () => {
    assert.equal(toQueryError({ message: "x", code: "ECONNRESET" }).sqlstate, undefined);
  });
});

describe("db: export helpers", () => {
  it("makes duplicate column names unique for JSON objects", () => {
    assert.deepEqual(uniqueKeys(["id", "name", "id", "id", "id_2"]), ["id", "name", "id_2", "id_3", "id_2_2"]);
  });
});

describe("db: cancel request", () => {
  it("sends the 16-byte CancelRequest packet with pid and secret", async () => {
    const received: Buffer[] = [];
    const server = createServer((s) => s.on("data", (b) => received.push(b)));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    await sendCancelRequest("127.0.0.1", port, { processID: 4242, secretKey: -5 });
    await new Promise((r) => setTimeout(r, 50));
    server.close();
    const b = Buffer.concat(received);
    assert.equal(b.length, 16);
    assert.equal(b.readInt32BE(0), 16);
    assert.equal(b.readInt32BE(4), 80877102);
    assert.equal(b.readInt32BE(8), 4242);
    assert.equal(b.readInt32BE(12), -5);
  });
  it("fails fast when nothing listens", async () => {
    await assert.rejects(sendCancelRequest("127.0.0.1", 1, { processID: 1, secretKey: 1 }, 1000), /ECONNREFUSED/);
  });
});
