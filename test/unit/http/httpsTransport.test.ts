import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEmulatorCa, type EmulatorCa } from "../../../emulator/tls";
import { createHttpsTransport } from "../../../src/core/http/httpsTransport";
import { TlsTrust } from "../../../src/core/tlsTrust";

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}
const close = (server: http.Server) => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });

describe("httpsTransport: the workspace client's fetch on node:https", function () {
  this.timeout(20_000);
  let dir: string;
  let ca: EmulatorCa;
  let server: https.Server;
  let url: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "transport-ca-"));
    ca = await createEmulatorCa(dir);
    const cert = await ca.issue(["127.0.0.1", "localhost"]);
    server = https.createServer({ key: cert.key, cert: cert.chain }, (req, res) => {
      if (req.url === "/redirect") {
        res.writeHead(302, { location: "https://elsewhere.example/login" });
        return res.end();
      }
      if (req.url === "/slow") return void setTimeout(() => res.end("late"), 2000);
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        res.writeHead(201, { "content-type": "application/json", "x-request-id": "r-1" });
        res.end(JSON.stringify({ method: req.method, body, auth: req.headers.authorization ?? null }));
      });
    });
    url = `https://127.0.0.1:${await listen(server)}`;
  });
  after(async () => {
    await close(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a certificate it cannot verify, with fetch's error shape and the TLS code as cause", async () => {
    const err = await createHttpsTransport()(`${url}/x`, { method: "GET" }).then(() => undefined, (e: unknown) => e as TypeError & { cause?: { code?: string } });
    assert.ok(err instanceof TypeError);
    assert.equal(err.message, "fetch failed");
    assert.equal(err.cause?.code, "SELF_SIGNED_CERT_IN_CHAIN");
  });

  it("trusts the extra CA: status, headers and body as fetch gives them, by IP and by name", async () => {
    const f = createHttpsTransport(new TlsTrust(ca.caFile));
    const res = await f(`${url}/x`, { method: "POST", headers: { Authorization: "Bearer t0k", "Content-Type": "application/json" }, body: '{"a":1}' });
    assert.equal(res.status, 201);
    assert.equal(res.ok, true);
    assert.equal(res.headers.get("x-request-id"), "r-1");
    assert.deepEqual(await res.json(), { method: "POST", body: '{"a":1}', auth: "Bearer t0k" });
    const byName = await f(`${url.replace("127.0.0.1", "localhost")}/y`, {});
    assert.equal(byName.status, 201);
  });

  it("never follows a redirect (the bearer token stays with the workspace)", async () => {
    const res = await createHttpsTransport(new TlsTrust(ca.caFile))(`${url}/redirect`, { redirect: "manual" });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get("location"), "https://elsewhere.example/login");
  });

  it("rejects with the signal's reason on abort (a timeout stays a TimeoutError)", async () => {
    const err = await createHttpsTransport(new TlsTrust(ca.caFile))(`${url}/slow`, { signal: AbortSignal.timeout(100) }).then(() => undefined, (e: unknown) => e as Error);
    assert.equal(err?.name, "TimeoutError");
  });

  it("a broken extraCaFile is reported as such, not as a network failure", async () => {
    const err = await createHttpsTransport(new TlsTrust(join(dir, "missing.pem")))(`${url}/x`).then(() => undefined, (e: unknown) => e as TypeError & { cause?: Error & { code?: string } });
    assert.equal(err?.cause?.code, "ERR_LAKEBASE_EXTRA_CA");
    assert.match(err?.cause?.message ?? "", /lakebase\.extraCaFile setting points at .*missing\.pem, which cannot be read \(ENOENT\)/);
  });
});

describe("httpsTransport: kept-alive sockets", () => {
  it("retries once on a new socket when the server closed the reused one before answering", async () => {
    let served = 0;
    const seen: number[] = [];
    const sockets = new Set<unknown>();
    const server = http.createServer((req, res) => {
      served++;
      sockets.add(req.socket);
      seen.push(sockets.size);
      // The second request arrives on the kept-alive socket: close it unanswered, as a server
      // does when its keep-alive timeout fires at that moment.
      if (served === 2) return void req.socket.destroy();
      res.end(String(served));
    });
    const port = await listen(server);
    try {
      const f = createHttpsTransport();
      assert.equal(await (await f(`http://127.0.0.1:${port}/a`, { method: "POST", body: "x" })).text(), "1");
      assert.equal(await (await f(`http://127.0.0.1:${port}/b`, { method: "POST", body: "y" })).text(), "3");
      assert.equal(served, 3);
      assert.deepEqual(seen, [1, 1, 2], "the retry used a new socket");
    } finally {
      await close(server);
    }
  });

  it("does not retry a failure on a new socket", async () => {
    const server = http.createServer((req) => req.socket.destroy());
    const port = await listen(server);
    let served = 0;
    server.on("request", () => served++);
    try {
      const err = await createHttpsTransport()(`http://127.0.0.1:${port}/`, { method: "POST", body: "x" }).then(() => undefined, (e: unknown) => e as TypeError & { cause?: { code?: string } });
      assert.equal(err?.cause?.code, "ECONNRESET");
      assert.equal(served, 1);
    } finally {
      await close(server);
    }
  });
});
