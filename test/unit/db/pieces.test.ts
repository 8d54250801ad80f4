import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TLSSocket, createSecureContext, rootCertificates } from "node:tls";
import { sendCancelRequest } from "../../../src/core/db/cancelRequest";
import { classifyConnectError, explainConnectError } from "../../../src/core/db/connectErrors";
import { uniqueKeys } from "../../../src/core/db/export";
import { toQueryError } from "../../../src/core/db/queryError";
import { isLoopbackHost, sslFor, sslModeFor } from "../../../src/core/db/ssl";
import { TlsTrust } from "../../../src/core/tlsTrust";
import { createEmulatorCa } from "../../../emulator/tls";
import { changesSessionState, executionMode, firstKeyword, isCopyFromStdin } from "../../../src/core/db/statementKind";
import { TypeNameCache } from "../../../src/core/db/typeNames";
import { splitStatements } from "../../../src/core/sql/splitStatements";

describe("db: ssl", () => {
  it("recognises loopback hosts", () => {
    for (const h of ["localhost", "127.0.0.1", "127.4.5.6", "::1", "[::1]", "::ffff:127.0.0.1"]) assert.ok(isLoopbackHost(h), h);
    for (const h of ["ep-a-b.database.us-east-1.cloud.databricks.com", "10.0.0.1", "128.0.0.1", "localhost.evil.com"]) assert.ok(!isLoopbackHost(h), h);
  });
  // Issue #10 changes this expectation: loopback hosts (the emulator) get verified TLS too.
  it("verifies TLS for every host, loopback included; servername only for DNS names", () => {
    assert.deepEqual(sslFor("127.0.0.1"), { rejectUnauthorized: true });
    assert.deepEqual(sslFor("[::1]"), { rejectUnauthorized: true });
    assert.deepEqual(sslFor("localhost"), { rejectUnauthorized: true, servername: "localhost" });
    assert.deepEqual(sslFor("ep-x.database.cloud.databricks.com"), { rejectUnauthorized: true, servername: "ep-x.database.cloud.databricks.com" });
    assert.equal(sslModeFor("127.0.0.1"), "require", ".env files say require, also for the emulator");
  });
  it("adds the extra CA to Node's root store, read when a connection opens", () => {
    const dir = mkdtempSync(join(tmpdir(), "ssl-ca-"));
    try {
      const file = join(dir, "ca.pem");
      writeFileSync(file, FAKE_PEM);
      const trust = new TlsTrust(file);
      const ssl = { ...sslFor("127.0.0.2", trust) }; // pg copies the options like this per connection
      assert.equal(ssl.rejectUnauthorized, true);
      assert.equal(ssl.servername, undefined);
      const ca = ssl.ca as string[];
      assert.ok(ca.length >= rootCertificates.length + 1);
      assert.equal(ca.at(-1), FAKE_PEM);
      assert.ok(rootCertificates.every((c) => ca.includes(c)), "Node's roots stay trusted");
      assert.equal(trust.ca(), ca, "unchanged file: same list");
      writeFileSync(file, `${FAKE_PEM}\n${FAKE_PEM}`);
      assert.match(({ ...sslFor("127.0.0.2", trust) }.ca as string[]).at(-1)!, /END CERTIFICATE-----\n+-----BEGIN/, "a rewritten file is read again");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("says what is wrong with an unusable lakebase.extraCaFile", () => {
    const dir = mkdtempSync(join(tmpdir(), "ssl-ca-"));
    try {
      assert.throws(() => new TlsTrust(join(dir, "nope.pem")).ca(), /The lakebase\.extraCaFile setting points at .*nope\.pem, which cannot be read \(ENOENT\)\. Fix the path or clear the setting\./);
      writeFileSync(join(dir, "key.pem"), "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n");
      assert.throws(() => new TlsTrust(join(dir, "key.pem")).ca(), /holds no PEM certificate/);
      assert.equal(new TlsTrust(undefined).ca(), undefined, "no setting: Node's defaults");
      assert.equal(new TlsTrust("").ca(), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const FAKE_PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";

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
    // Issue #10 changes this expectation: the fix named is the lakebase.extraCaFile setting.
    assert.match(explainConnectError({ code: "DEPTH_ZERO_SELF_SIGNED_CERT", message: "self signed" }, "h"), /TLS certificate of h could not be verified \(DEPTH_ZERO_SELF_SIGNED_CERT: self signed\).*lakebase\.extraCaFile/);
    assert.match(explainConnectError({ code: "ERR_TLS_CERT_ALTNAME_INVALID", message: "Hostname/IP does not match" }, "h"), /could not be verified \(ERR_TLS_CERT_ALTNAME_INVALID/);
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

describe("db: cancel request", function () {
  this.timeout(20_000);
  let dir: string;
  let trust: TlsTrust;
  let context: ReturnType<typeof createSecureContext>;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "cancel-ca-"));
    const ca = await createEmulatorCa(dir);
    const cert = await ca.issue(["127.0.0.1"]);
    context = cert.context;
    trust = new TlsTrust(ca.caFile);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A Postgres-like listener: answers SSLRequest with S, then reads the cancel packet inside TLS. */
  async function tlsListener(received: Buffer[]): Promise<{ port: number; close(): void; handshakes: () => number }> {
    let handshakes = 0;
    const server = createServer((raw: Socket) => {
      raw.once("data", (b) => {
        assert.equal(b.readInt32BE(4), 80877103, "an SSLRequest comes first");
        raw.write("S");
        const secure = new TLSSocket(raw, { isServer: true, secureContext: context });
        secure.on("secure", () => handshakes++);
        secure.on("data", (d) => received.push(d));
        secure.on("error", () => secure.destroy());
      });
      raw.on("error", () => raw.destroy());
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return { port: (server.address() as AddressInfo).port, close: () => server.close(), handshakes: () => handshakes };
  }

  it("sends the 16-byte CancelRequest packet with pid and secret, inside verified TLS", async () => {
    const received: Buffer[] = [];
    const server = await tlsListener(received);
    await sendCancelRequest("127.0.0.1", server.port, { processID: 4242, secretKey: -5 }, 3000, trust);
    await new Promise((r) => setTimeout(r, 50));
    server.close();
    assert.equal(server.handshakes(), 1);
    const b = Buffer.concat(received);
    assert.equal(b.length, 16);
    assert.equal(b.readInt32BE(0), 16);
    assert.equal(b.readInt32BE(4), 80877102);
    assert.equal(b.readInt32BE(8), 4242);
    assert.equal(b.readInt32BE(12), -5);
  });
  it("refuses a server whose certificate it cannot verify, sending nothing", async () => {
    const received: Buffer[] = [];
    const server = await tlsListener(received);
    try {
      await assert.rejects(sendCancelRequest("127.0.0.1", server.port, { processID: 1, secretKey: 1 }, 3000), /self-signed certificate/);
      assert.equal(Buffer.concat(received).length, 0);
    } finally {
      server.close();
    }
  });
  it("fails fast when nothing listens", async () => {
    await assert.rejects(sendCancelRequest("127.0.0.1", 1, { processID: 1, secretKey: 1 }, 1000), /ECONNREFUSED/);
  });
});
