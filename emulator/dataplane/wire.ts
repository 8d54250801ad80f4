/**
 * Just enough of the PostgreSQL v3 wire protocol for the front door: read
 * the startup packet and typed messages during login, build the few
 * messages we send ourselves. After login, bytes are piped untouched.
 */
import type { Socket } from "node:net";

export const SSL_REQUEST = 80877103;
export const GSSENC_REQUEST = 80877104;
export const CANCEL_REQUEST = 80877102;

export interface TypedMessage { type: string; body: Buffer; raw: Buffer }

/** Buffers a socket's bytes and hands out whole packets on demand. */
export class PacketReader {
  private buf: Buffer = Buffer.alloc(0);
  private waiter: (() => void) | undefined;
  private ended: Error | undefined;
  private readonly onData = (chunk: Buffer): void => {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    this.wake();
  };
  private readonly onEnd = (): void => {
    this.ended ??= new Error("connection closed during login");
    this.wake();
  };

  constructor(private readonly socket: Socket) {
    socket.on("data", this.onData);
    socket.on("close", this.onEnd);
    socket.on("end", this.onEnd);
  }

  /** An untyped packet: int32 length (including itself) + payload. Used for startup. */
  async startupPacket(): Promise<Buffer> {
    await this.need(4);
    const len = this.buf.readInt32BE(0);
    if (len < 8 || len > 10_000) throw new Error(`invalid startup packet length ${len}`);
    await this.need(len);
    return this.take(len);
  }

  async message(): Promise<TypedMessage> {
    await this.need(5);
    const len = this.buf.readInt32BE(1);
    if (len < 4 || len > 64 * 1024 * 1024) throw new Error(`invalid message length ${len}`);
    await this.need(len + 1);
    const raw = this.take(len + 1);
    return { type: String.fromCharCode(raw[0]!), body: raw.subarray(5), raw };
  }

  /** Stop reading; returns bytes received but not consumed yet. */
  detach(): Buffer {
    this.socket.off("data", this.onData);
    this.socket.off("close", this.onEnd);
    this.socket.off("end", this.onEnd);
    const rest = this.buf;
    this.buf = Buffer.alloc(0);
    return rest;
  }

  private take(n: number): Buffer {
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  private async need(n: number): Promise<void> {
    while (this.buf.length < n) {
      if (this.ended) throw this.ended;
      await new Promise<void>((resolve) => { this.waiter = resolve; });
    }
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }
}

export function typed(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, "latin1");
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

export const authCleartextPassword = (): Buffer => typed("R", int32(3));

export function saslInitialResponse(mechanism: string, data: string): Buffer {
  const payload = Buffer.from(data, "utf8");
  return typed("p", Buffer.concat([Buffer.from(mechanism + "\0"), int32(payload.length), payload]));
}

export const saslResponse = (data: string): Buffer => typed("p", Buffer.from(data, "utf8"));

export interface ErrorFields { severity: "FATAL" | "ERROR"; code: string; message: string; hint?: string; detail?: string }

export function errorResponse(f: ErrorFields): Buffer {
  const parts: string[] = [`S${f.severity}`, `V${f.severity}`, `C${f.code}`, `M${f.message}`];
  if (f.detail) parts.push(`D${f.detail}`);
  if (f.hint) parts.push(`H${f.hint}`);
  return typed("E", Buffer.from(parts.map((p) => p + "\0").join("") + "\0", "utf8"));
}

/** StartupMessage: int32 len, int32 protocol, (key\0 value\0)* \0 */
export function parseStartup(packet: Buffer): { protocol: number; params: Map<string, string> } {
  const protocol = packet.readInt32BE(4);
  const params = new Map<string, string>();
  const fields = packet.subarray(8).toString("utf8").split("\0");
  for (let i = 0; i + 1 < fields.length && fields[i] !== ""; i += 2) params.set(fields[i]!, fields[i + 1]!);
  return { protocol, params };
}

export function buildStartup(protocol: number, params: Map<string, string>): Buffer {
  let body = "";
  for (const [k, v] of params) body += `${k}\0${v}\0`;
  const payload = Buffer.from(body + "\0", "utf8");
  const head = Buffer.alloc(8);
  head.writeInt32BE(payload.length + 8, 0);
  head.writeInt32BE(protocol, 4);
  return Buffer.concat([head, payload]);
}

/** A null-terminated string at the start of a message body. */
export function cString(body: Buffer): string {
  const end = body.indexOf(0);
  return body.subarray(0, end < 0 ? body.length : end).toString("utf8");
}
