/**
 * Postgres protocol cancel: a separate short connection carrying the session's backend key
 * (pid + secret). Needs no password, so it works even when the credential has expired, and
 * Lakebase's proxy (like the emulator's front door) routes it to the right backend. It goes
 * over verified TLS like the session itself: the secret key must not travel in clear text.
 */
import { connect as netConnect, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { DEFAULT_TLS_TRUST, type TlsTrust } from "../tlsTrust";
import { sslFor } from "./ssl";

const CANCEL_REQUEST_CODE = 80877102;
const SSL_REQUEST_CODE = 80877103;

export interface BackendKey { processID: number; secretKey: number }

/** Sends the cancel request; resolves once it is written (the server never answers). */
export function sendCancelRequest(host: string, port: number, key: BackendKey, timeoutMs = 3000, trust: TlsTrust = DEFAULT_TLS_TRUST): Promise<void> {
  const packet = Buffer.alloc(16);
  packet.writeInt32BE(16, 0);
  packet.writeInt32BE(CANCEL_REQUEST_CODE, 4);
  packet.writeInt32BE(key.processID, 8);
  packet.writeInt32BE(key.secretKey | 0, 12);
  let ssl;
  try {
    trust.ca(); // a broken extraCaFile setting: its own message, not a TLS failure
    ssl = sslFor(host, trust);
  } catch (err) {
    return Promise.reject(err as Error);
  }
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const sockets: Socket[] = [];
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const s of sockets) s.destroy();
      if (err) reject(err);
      else resolve();
    };
    const timer = setTimeout(() => finish(new Error(`cancel request to ${host}:${port} timed out`)), timeoutMs);
    const raw = netConnect({ host, port });
    sockets.push(raw);
    raw.on("error", (err) => finish(err));
    const send = (s: Socket) => s.end(packet, () => finish());
    raw.once("connect", () => {
      const req = Buffer.alloc(8);
      req.writeInt32BE(8, 0);
      req.writeInt32BE(SSL_REQUEST_CODE, 4);
      raw.write(req);
    });
    raw.once("data", (b) => {
      if (b[0] !== 0x53 /* 'S' */) return finish(new Error(`server at ${host}:${port} refused TLS for the cancel request`));
      // `host` too: without it an IP is checked as "localhost" (no servername is sent for IPs).
      const secure = tlsConnect({ ...ssl, host: host.replace(/^\[|\]$/g, ""), socket: raw });
      sockets.push(secure);
      secure.on("error", (err) => finish(err));
      secure.once("secureConnect", () => send(secure));
    });
  });
}
