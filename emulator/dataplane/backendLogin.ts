/**
 * Opens the backend half of a front-door session: TCP to the branch cluster,
 * the client's startup parameters, SCRAM as the identity's role, then
 * everything the server says up to the first ReadyForQuery is passed to the
 * client (AuthenticationOk, ParameterStatus, BackendKeyData, ...).
 */
import { connect, type Socket } from "node:net";
import { ScramClient } from "./scram";
import { PacketReader, buildStartup, saslInitialResponse, saslResponse } from "./wire";

export interface BackendSession {
  socket: Socket;
  /** Bytes the backend sent after ReadyForQuery that the client still needs. */
  leftover: Buffer;
  /** BackendKeyData payload (pid + secret), the key cancel requests carry. */
  cancelKey: Buffer | undefined;
  pid: number | undefined;
}

/** The backend refused the session with an ErrorResponse (raw, not yet passed to the client). */
export class BackendRejected extends Error {
  constructor(readonly raw: Buffer, readonly code: string, readonly duringAuth: boolean) {
    super(`backend refused the session (SQLSTATE ${code})`);
  }
}

export interface BackendLoginOptions {
  port: number;
  protocol: number;
  params: Map<string, string>;
  password: string;
  toClient: (bytes: Buffer) => void;
  timeoutMs?: number;
}

export async function loginToBackend(o: BackendLoginOptions): Promise<BackendSession> {
  const socket = connect({ host: "127.0.0.1", port: o.port });
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  socket.removeAllListeners("error");
  socket.on("error", () => socket.destroy());
  const timer = setTimeout(() => socket.destroy(new Error("backend login timed out")), o.timeoutMs ?? 30_000);
  const reader = new PacketReader(socket);
  try {
    socket.write(buildStartup(o.protocol, o.params));
    let scram: ScramClient | undefined;
    let cancelKey: Buffer | undefined;
    let authDone = false;
    for (;;) {
      const msg = await reader.message();
      if (msg.type === "R") {
        const code = msg.body.readInt32BE(0);
        if (code === 0) {
          authDone = true;
          o.toClient(msg.raw);
        } else if (code === 10) {
          const mechanisms = msg.body.subarray(4).toString("utf8").split("\0");
          scram = new ScramClient(o.password);
          if (!mechanisms.includes(scram.mechanism)) throw new Error(`backend offers no ${scram.mechanism}`);
          socket.write(saslInitialResponse(scram.mechanism, scram.firstMessage()));
        } else if (code === 11 && scram) {
          socket.write(saslResponse(scram.finalMessage(msg.body.subarray(4).toString("utf8"))));
        } else if (code === 12 && scram) {
          scram.verifyServerFinal(msg.body.subarray(4).toString("utf8"));
        } else {
          throw new Error(`backend asked for unsupported authentication (code ${code})`);
        }
      } else if (msg.type === "E") {
        throw new BackendRejected(msg.raw, sqlState(msg.body), !authDone);
      } else {
        if (msg.type === "K") cancelKey = Buffer.from(msg.body);
        o.toClient(msg.raw);
        if (msg.type === "Z") {
          clearTimeout(timer);
          return { socket, leftover: reader.detach(), cancelKey, pid: cancelKey?.readInt32BE(0) };
        }
      }
    }
  } catch (err) {
    clearTimeout(timer);
    reader.detach();
    socket.destroy();
    throw err;
  }
}

function sqlState(errorBody: Buffer): string {
  for (const field of errorBody.toString("utf8").split("\0")) if (field.startsWith("C")) return field.slice(1);
  return "";
}
