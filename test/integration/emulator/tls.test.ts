import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { connect as tcp } from "node:net";
import { connect, type PeerCertificate } from "node:tls";
import pg from "pg";
import { CredentialManager } from "../../../src/core/credentials/credentialManager";
import { PoolRegistry } from "../../../src/core/db/poolRegistry";
import { NetworkError } from "../../../src/core/http/errors";
import { WorkspaceHttpClient } from "../../../src/core/http/workspaceClient";
import { memoryLogger, SecretRegistry } from "../../../src/core/log";
import { TlsTrust } from "../../../src/core/tlsTrust";
import { emuSsl, emulatorTrust, useEmulator } from "../../support/emulator";
import { makeMint, seededTarget } from "../db/queryStack";

const ME = "/api/2.0/preview/scim/v2/Me";

/** The emulator speaks TLS like the service; the extension's clients verify it like any server. */
describe("emulator TLS: the extension verifies the emulator's per-run certificates", function () {
  this.timeout(60_000);
  const emu = useEmulator({ seed: true, operationPolls: 0 });

  const client = (host: string, tls?: TlsTrust) =>
    new WorkspaceHttpClient({ host, tls, tokenSource: { getToken: async () => ({ token: emu().identities.user.pat }), invalidate: () => undefined }, retry: { maxAttempts: 1 } });

  it("serves REST over https:// with a CA made for this run", () => {
    assert.match(emu().workspaceUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = new X509Certificate(readFileSync(emu().caFile!, "utf8"));
    assert.ok(ca.ca, "the CA file holds a CA certificate");
    assert.match(ca.subject, /Lakebase emulator CA/);
  });

  it("REST: refused without the CA, naming the certificate problem and lakebase.extraCaFile", async () => {
    const err = await client(emu().workspaceUrl).request({ method: "GET", path: ME, auth: true }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof NetworkError, `expected a NetworkError, got ${String(err)}`);
    assert.equal(err.code, "SELF_SIGNED_CERT_IN_CHAIN");
    assert.match(err.message, /TLS certificate of https:\/\/127\.0\.0\.1:\d+ could not be verified \(SELF_SIGNED_CERT_IN_CHAIN\)/);
    assert.match(err.message, /lakebase\.extraCaFile/);
    assert.equal(emu().requests({ pathPrefix: ME }).length, 0, "nothing reached the server: the token was never sent");
  });

  it("REST: accepted with the CA, by IP and by the name localhost", async () => {
    const trust = new TlsTrust(emu().caFile);
    const me = await client(emu().workspaceUrl, trust).request<{ userName: string }>({ method: "GET", path: ME, auth: true });
    assert.equal(me.userName, emu().identities.user.email);
    const byName = await client(emu().workspaceUrl.replace("127.0.0.1", "localhost"), trust).request<{ userName: string }>({ method: "GET", path: ME, auth: true });
    assert.equal(byName.userName, emu().identities.user.email);
  });

  it("front door: a non-TLS login is refused, as the service does", async () => {
    const t = seededTarget(emu());
    const token = (await makeMint(emu(), new SecretRegistry())({ profile: "emulator", endpoint: t.endpoint, identity: t.user })).token;
    const plain = new pg.Client({ host: t.host, port: t.port, user: t.user, database: t.database, password: token, ssl: false });
    const err = await plain.connect().then(() => undefined, (e: unknown) => e as { code?: string; message?: string });
    await plain.end().catch(() => undefined);
    assert.equal(err?.code, "28000");
    assert.match(err?.message ?? "", /connection is insecure \(try using `sslmode=require`\)/);

    const secure = new pg.Client({ host: t.host, port: t.port, user: t.user, database: t.database, password: token, ssl: emuSsl(emu(), t.host) });
    await secure.connect();
    try {
      const r = await secure.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
      assert.equal(r.rowCount, 1, "the backend session exists");
      assert.equal((secure as unknown as { connection: { stream: { encrypted?: boolean } } }).connection.stream.encrypted, true, "the client's socket is TLS");
    } finally {
      await secure.end();
    }
  });

  it("front door: the pool registry refuses it without the CA (certificate problem, lakebase.extraCaFile) and logs in with it", async () => {
    const secrets = new SecretRegistry();
    const credentials = new CredentialManager({ mint: makeMint(emu(), secrets), secrets, logger: memoryLogger(secrets) });
    const untrusting = new PoolRegistry(credentials, { settings: { wakeTimeoutMs: 1000 } });
    const trusting = new PoolRegistry(credentials, { tls: emulatorTrust(emu()) });
    const t = seededTarget(emu());
    try {
      const err = await untrusting.connect(t).then(() => undefined, (e: unknown) => e as Error & { code?: string });
      assert.ok(err, "connecting without the CA must fail");
      assert.equal(err.code, "SELF_SIGNED_CERT_IN_CHAIN");
      assert.match(err.message, new RegExp(`TLS certificate of .*${t.host.replace(/\./g, "\\.")}.* could not be verified \\(SELF_SIGNED_CERT_IN_CHAIN`));
      assert.match(err.message, /lakebase\.extraCaFile/);

      const { client: c } = await trusting.connect(t);
      try {
        assert.equal((await c.query("SELECT current_user AS u")).rows[0].u, t.user);
      } finally {
        c.release();
      }
    } finally {
      await untrusting.dispose();
      await trusting.dispose();
      credentials.dispose();
    }
  });

  it("front door: the certificate names the endpoint's own loopback IP, not another one", async () => {
    const t = seededTarget(emu());
    const other = t.host === "127.0.0.1" ? "127.0.0.2" : "127.0.0.1";
    // Speak the SSLRequest by hand, then check the certificate the door presents.
    const cert = await new Promise<PeerCertificate>((resolve, reject) => {
      const raw = tcp({ host: t.host, port: t.port ?? 5432 }, () => {
        const req = Buffer.alloc(8);
        req.writeInt32BE(8, 0);
        req.writeInt32BE(80877103, 4);
        raw.write(req);
      });
      raw.once("data", (b) => {
        assert.equal(String.fromCharCode(b[0]!), "S");
        const s = connect({ socket: raw, ca: emu().caPem, checkServerIdentity: () => undefined }, () => {
          resolve(s.getPeerCertificate());
          s.destroy();
        });
        s.on("error", reject);
      });
      raw.on("error", reject);
    });
    assert.match(cert.subjectaltname ?? "", new RegExp(`IP Address:${t.host.replace(/\./g, "\\.")}(,|$)`));
    assert.ok(!(cert.subjectaltname ?? "").includes(`IP Address:${other},`) && !(cert.subjectaltname ?? "").endsWith(`IP Address:${other}`));
  });
});
