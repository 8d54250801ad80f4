import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rootCertificates } from "node:tls";
import { isLoopbackHost, sslFor, sslModeFor } from "../../../src/core/db/ssl";
import { TlsTrust } from "../../../src/core/tlsTrust";

const FAKE_PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";

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
