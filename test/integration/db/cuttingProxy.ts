/**
 * A proxy in front of a Postgres front door that, when armed, cuts the connection right after
 * forwarding a CommandComplete: the server's ReadyForQuery never arrives. The network failing at
 * that exact point is what left a pg-cursor read waiting forever (soak finding).
 * The front door speaks TLS and so does the client, so the proxy terminates TLS on both sides
 * (its own CA toward the client, the emulator's CA toward the front door) to read the messages.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TLSSocket, connect as tlsConnect } from "node:tls";
import { createEmulatorCa } from "../../../emulator/tls";

export interface CuttingProxy {
  port: number;
  /** The CA file a client must trust to talk to the proxy. */
  caFile: string;
  /** The next CommandComplete on any connection is the last thing it forwards. */
  armOnce(): void;
  cuts(): number;
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;

/** Reads exactly `n` bytes from a socket that has not been read yet. */
function readExactly(socket: Socket, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let got = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      got = Buffer.concat([got, chunk]);
      if (got.length < n) return;
      socket.off("data", onData).off("error", reject);
      socket.pause();
      if (got.length > n) socket.unshift(got.subarray(n));
      resolve(got.subarray(0, n));
    };
    socket.on("data", onData).once("error", reject);
  });
}

async function upstreamTls(target: { host: string; port: number }, caPem: string): Promise<TLSSocket> {
  const raw = connect(target);
  await new Promise<void>((resolve, reject) => raw.once("connect", resolve).once("error", reject));
  const req = Buffer.alloc(8);
  req.writeInt32BE(8, 0);
  req.writeInt32BE(SSL_REQUEST, 4);
  raw.write(req);
  const answer = await readExactly(raw, 1);
  if (answer.toString() !== "S") throw new Error("the front door refused SSL");
  const secure = tlsConnect({ socket: raw, ca: caPem, host: target.host, rejectUnauthorized: true });
  await new Promise<void>((resolve, reject) => secure.once("secureConnect", resolve).once("error", reject));
  return secure;
}

export async function startCuttingProxy(target: { host: string; port: number }, upstreamCaPem: string): Promise<CuttingProxy> {
  const dir = mkdtempSync(join(tmpdir(), "cutting-proxy-"));
  const ca = await createEmulatorCa(dir);
  const cert = await ca.issue(["127.0.0.1"]);
  let armed = false;
  let cuts = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((raw) => {
    sockets.add(raw);
    void (async () => {
      const req = await readExactly(raw, 8);
      if (req.readInt32BE(4) !== SSL_REQUEST) throw new Error("the client did not ask for SSL");
      raw.write("S");
      const client = new TLSSocket(raw, { isServer: true, secureContext: cert.context });
      const backend = await upstreamTls(target, upstreamCaPem);
      sockets.add(client).add(backend);
      const cut = () => { client.destroy(); backend.destroy(); raw.destroy(); };
      client.on("error", cut).on("close", cut);
      backend.on("error", cut).on("close", cut);
      client.pipe(backend);
      raw.resume();
      let pending = Buffer.alloc(0);
      backend.on("data", (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        // Forward whole messages (type byte + int32 length); stop after an armed CommandComplete.
        let at = 0;
        while (pending.length - at >= 5) {
          const len = pending.readInt32BE(at + 1);
          if (pending.length - at < 1 + len) break;
          const type = String.fromCharCode(pending[at]);
          at += 1 + len;
          if (armed && type === "C") {
            armed = false;
            cuts++;
            client.write(pending.subarray(0, at), cut);
            return;
          }
        }
        if (at > 0) client.write(pending.subarray(0, at));
        pending = pending.subarray(at);
      });
    })().catch(() => raw.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    caFile: ca.caFile,
    armOnce: () => { armed = true; },
    cuts: () => cuts,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
