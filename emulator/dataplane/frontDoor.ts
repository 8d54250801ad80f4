/**
 * The per-endpoint front door: a Postgres-protocol TCP server on its own
 * loopback address, port 5432. Like the service it requires TLS (SSLRequest,
 * then a certificate for its own IP) unless started without one. It checks the
 * OAuth token itself (cleartext password message), then opens a backend
 * session on the branch cluster as the identity's role and pipes raw bytes both ways.
 */
import { connect, createServer, type Server, type Socket } from "node:net";
import { TLSSocket, type SecureContext } from "node:tls";
import { BackendRejected, loginToBackend, type BackendSession } from "./backendLogin";
import { MissingRoleError, missingRoleRefusal } from "./missingRole";
import {
  CANCEL_REQUEST, GSSENC_REQUEST, PacketReader, SSL_REQUEST,
  authCleartextPassword, cString, errorResponse, parseStartup, type ErrorFields,
} from "./wire";

export type TokenVerdict = "ok" | "expired" | "unknown";

export interface BackendTarget {
  port: number;
  password: string;
  /** Ends one backend session the way a compute restart does (FATAL 57P01). */
  terminate(pid: number): Promise<void>;
}

export interface FrontDoorDeps {
  endpoint: string;
  checkToken(token: string, user: string, endpoint: string): TokenVerdict;
  /**
   * Starts the branch cluster if needed and makes sure the identity's role
   * exists with its internal password (`recheck` skips any cache); rejects
   * with MissingRoleError for an identity that has no role.
   */
  prepareBackend(user: string, recheck: boolean): Promise<BackendTarget>;
  /** Refuse identities that would shadow internal roles. */
  isReservedRole(user: string): boolean;
  coldStart(): { ms: number; idleAfterMs: number };
  cancelKeys: Map<string, number>;
  /** The certificate for the address the door listens on; absent: plain TCP only (answers SSLRequest with N). */
  tls?: (host: string) => Promise<SecureContext>;
  log(line: string): void;
}

interface Session {
  client: Socket;
  backend?: Socket;
  pid?: number;
  target?: BackendTarget;
  loggedIn: boolean;
}

export class FrontDoor {
  private readonly server: Server;
  private readonly sessions = new Set<Session>();
  private active = 0;
  private lastActive: number | undefined;
  private awakeUntil = 0;
  private waking: Promise<void> | undefined;
  private secureContext: SecureContext | undefined;
  /** Set while the compute is scaled to zero: the next login wakes it, taking wakeMs. */
  private suspended: { wakeMs: number; onWake: (phase: "waking" | "awake") => void } | undefined;

  constructor(private readonly deps: FrontDoorDeps) {
    this.server = createServer((socket) => this.accept(socket));
  }

  async listen(host: string, port: number): Promise<{ host: string; port: number }> {
    if (this.deps.tls) this.secureContext = await this.deps.tls(host);
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      this.server.once("error", onError);
      this.server.listen({ host, port, exclusive: true }, () => {
        this.server.off("error", onError);
        const addr = this.server.address();
        resolve({ host, port: typeof addr === "object" && addr ? addr.port : port });
      });
    });
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sessions) destroySession(s);
    await closed;
  }

  /** Like a compute restart: every session ends. Returns how many there were. */
  async dropSessions(): Promise<number> {
    const all = [...this.sessions];
    await Promise.all(all.map(async (s) => {
      const gone = new Promise<void>((resolve) => {
        if (s.client.destroyed) resolve();
        else s.client.once("close", () => resolve());
      });
      if (s.pid !== undefined && s.target) await s.target.terminate(s.pid).catch(() => undefined);
      else destroySession(s);
      const timer = setTimeout(() => destroySession(s), 1000);
      await gone;
      clearTimeout(timer);
    }));
    return all.length;
  }

  private accept(client: Socket): void {
    client.setNoDelay(true);
    client.on("error", () => client.destroy());
    const session: Session = { client, loggedIn: false };
    this.sessions.add(session);
    client.once("close", () => {
      this.sessions.delete(session);
      if (session.loggedIn) {
        this.active--;
        this.lastActive = Date.now();
      }
      if (session.backend) endSoon(session.backend);
    });
    this.login(session).catch((err: Error) => {
      const current = session.client; // the TLS socket once upgraded
      if (current.destroyed) return;
      if (err instanceof BackendRejected) {
        current.write(err.raw);
      } else if (session.target) {
        this.deps.log(`front door ${this.deps.endpoint}: login failed: ${err.message}`);
        current.write(errorResponse({ severity: "FATAL", code: "08006", message: `could not open a session on the branch database: ${err.message}` }));
      }
      endSoon(current);
    });
  }

  private async login(session: Session): Promise<void> {
    const raw = session.client;
    let client = raw;
    let reader = new PacketReader(client);
    const loginTimer = setTimeout(() => raw.destroy(), 60_000);
    try {
      let packet: Buffer;
      for (;;) {
        packet = await reader.startupPacket();
        const code = packet.readInt32BE(4);
        if (code === SSL_REQUEST && this.secureContext && client === raw) {
          // Bytes sent before our 'S' would be read as plain text inside the TLS session (CVE-2021-23222).
          if (reader.detach().length > 0) return this.refuse(client, { code: "08P01", message: "received unencrypted data after SSL request" });
          client.write("S");
          const secure = new TLSSocket(raw, { isServer: true, secureContext: this.secureContext });
          secure.on("error", () => secure.destroy());
          client = session.client = secure;
          reader = new PacketReader(client);
          continue;
        }
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          client.write("N");
          continue;
        }
        if (code === CANCEL_REQUEST) {
          this.forwardCancel(packet);
          client.destroy();
          return;
        }
        break;
      }
      if (this.secureContext && client === raw) {
        // The service's proxy accepts only TLS sessions; the message names the libpq fix.
        return this.refuse(client, { code: "28000", message: "connection is insecure (try using `sslmode=require`)", hint: "Lakebase accepts only TLS connections." });
      }
      const { protocol, params } = parseStartup(packet);
      if (protocol >> 16 !== 3) return this.refuse(client, { code: "08P01", message: `unsupported frontend protocol ${protocol >> 16}.${protocol & 0xffff}` });
      const user = params.get("user");
      if (!user) return this.refuse(client, { code: "28000", message: "no PostgreSQL user name specified in startup packet" });
      if (this.deps.isReservedRole(user)) return this.refuse(client, { code: "28000", message: `role "${user}" is reserved by Lakebase and cannot log in` });

      client.write(authCleartextPassword());
      const msg = await reader.message();
      if (msg.type !== "p") return this.refuse(client, { code: "08P01", message: "expected a password message" });
      const verdict = this.verdict(cString(msg.body), user);
      if (verdict !== "ok") {
        return this.refuse(client, {
          code: "28P01",
          message: `password authentication failed for user "${user}"`,
          hint: verdict === "expired"
            ? "The OAuth token has expired (tokens last 1 hour). Generate a new database credential and reconnect."
            : "Use a database credential (OAuth token) generated for this identity as the password.",
        });
      }
      await this.wakeIfIdle();
      let backend: BackendSession | undefined;
      for (let attempt = 0; !backend; attempt++) {
        let target: BackendTarget;
        try {
          target = await this.deps.prepareBackend(user, attempt > 0);
        } catch (err) {
          if (err instanceof MissingRoleError) return this.refuse(client, missingRoleRefusal(user, this.deps.endpoint));
          return this.refuse(client, { code: "57P03", message: `the database is not available: ${(err as Error).message}` });
        }
        if (client.destroyed) return;
        session.target = target;
        try {
          backend = await loginToBackend({
            port: target.port, protocol, params, password: target.password,
            toClient: (bytes) => { client.write(bytes); },
          });
        } catch (err) {
          // Someone dropped the role or changed its password with SQL: restore it once and retry.
          const retry = err instanceof BackendRejected && err.duringAuth && attempt === 0 && (err.code === "28P01" || err.code === "28000");
          if (!retry) throw err;
        }
      }
      session.backend = backend.socket;
      session.pid = backend.pid;
      if (client.destroyed) { backend.socket.destroy(); return; }
      this.startPiping(session, reader.detach(), backend.leftover, backend.cancelKey);
    } finally {
      clearTimeout(loginTimer);
    }
  }

  private startPiping(session: Session, clientRest: Buffer, backendRest: Buffer, cancelKey: Buffer | undefined): void {
    const { client, backend } = session;
    if (!backend) return;
    session.loggedIn = true;
    this.active++;
    this.lastActive = Date.now();
    const keyHex = cancelKey?.toString("hex");
    if (keyHex) this.deps.cancelKeys.set(keyHex, (backend.remotePort ?? 0));
    backend.once("close", () => {
      if (keyHex) this.deps.cancelKeys.delete(keyHex);
      endSoon(client);
    });
    if (clientRest.length) backend.write(clientRest);
    if (backendRest.length) client.write(backendRest);
    // Raw byte pipes: no per-message work after login.
    client.pipe(backend);
    backend.pipe(client);
  }

  private forwardCancel(packet: Buffer): void {
    const port = this.deps.cancelKeys.get(packet.subarray(8).toString("hex"));
    if (port === undefined) return; // unknown key: ignored, exactly like Postgres
    const s = connect({ host: "127.0.0.1", port }, () => s.end(packet));
    s.on("error", () => s.destroy());
  }

  private verdict(token: string, user: string): TokenVerdict {
    try {
      return this.deps.checkToken(token, user, this.deps.endpoint);
    } catch (err) {
      this.deps.log(`front door ${this.deps.endpoint}: token check threw: ${(err as Error).message}`);
      return "unknown";
    }
  }

  /**
   * Scales the compute to zero as the service does after its suspend timeout: sessions end, the address
   * stays, and the next login waits `wakeMs` while `onWake` reports "waking" and then "awake".
   */
  async suspend(wakeMs: number, onWake: (phase: "waking" | "awake") => void): Promise<number> {
    const dropped = await this.dropSessions();
    this.suspended = { wakeMs, onWake };
    this.awakeUntil = 0;
    return dropped;
  }

  /** Scale-to-zero: the first login after a quiet spell waits for the compute to "wake". */
  private async wakeIfIdle(): Promise<void> {
    if (this.suspended || this.waking) {
      const s = this.suspended;
      this.suspended = undefined;
      if (s) {
        s.onWake("waking");
        this.waking = new Promise<void>((resolve) => setTimeout(resolve, s.wakeMs)).finally(() => {
          this.waking = undefined;
          this.lastActive = Date.now();
          s.onWake("awake");
        });
      }
      await this.waking;
      return;
    }
    const { ms, idleAfterMs } = this.deps.coldStart();
    if (ms <= 0) return;
    const now = Date.now();
    const idle = this.active === 0 && now >= this.awakeUntil && (this.lastActive === undefined || now - this.lastActive > idleAfterMs);
    if (!idle && !this.waking) return;
    this.waking ??= new Promise<void>((resolve) => setTimeout(resolve, ms)).finally(() => {
      this.waking = undefined;
      this.lastActive = Date.now();
      // A woken compute stays up for its suspend timeout (minutes on the service) even if the
      // client that woke it gave up and is still backing off before its next attempt.
      this.awakeUntil = this.lastActive + Math.max(idleAfterMs, MIN_AWAKE_AFTER_WAKE_MS);
    });
    await this.waking;
  }

  private refuse(client: Socket, f: Omit<ErrorFields, "severity">): void {
    client.end(errorResponse({ severity: "FATAL", ...f }));
  }
}

/** Shortest time a compute stays awake after a wake-up, however short the test's idle timeout. */
const MIN_AWAKE_AFTER_WAKE_MS = 5_000;

function endSoon(socket: Socket): void {
  if (socket.destroyed) return;
  socket.end();
  setTimeout(() => socket.destroy(), 1000).unref();
}

function destroySession(s: Session): void {
  s.client.destroy();
  s.backend?.destroy();
}
