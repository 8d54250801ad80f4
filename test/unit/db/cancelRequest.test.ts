import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TLSSocket, createSecureContext } from "node:tls";
import { sendCancelRequest } from "../../../src/core/db/cancelRequest";
import { TlsTrust } from "../../../src/core/tlsTrust";
import { createEmulatorCa } from "../../../emulator/tls";

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
