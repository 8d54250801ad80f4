/**
 * A TCP proxy in front of a Postgres front door that, when armed, cuts the connection right
 * after forwarding a CommandComplete: the server's ReadyForQuery never arrives. The network
 * failing at that exact point is what left a pg-cursor read waiting forever (soak finding).
 * Plain TCP only (the parser reads backend messages).
 */
import { connect, createServer, type Server, type Socket } from "node:net";

export interface CuttingProxy {
  port: number;
  /** The next CommandComplete on any connection is the last thing it forwards. */
  armOnce(): void;
  cuts(): number;
  close(): Promise<void>;
}

export async function startCuttingProxy(target: { host: string; port: number }): Promise<CuttingProxy> {
  let armed = false;
  let cuts = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const backend = connect(target);
    sockets.add(client).add(backend);
    const cut = () => { client.destroy(); backend.destroy(); };
    client.on("error", cut).on("close", cut);
    backend.on("error", cut).on("close", cut);
    client.pipe(backend);
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
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    armOnce: () => { armed = true; },
    cuts: () => cuts,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
