import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { AuthStore } from "../auth";
import { ApiError, errorBody, unauthenticated } from "../errors";
import type { FaultState } from "../faultState";
import { uuid } from "../ids";
import type { Json } from "../state";
import { safeQuery, type RequestLog } from "./requestLog";
import type { Req, Res, Router } from "./router";

export interface HttpDeps {
  /** Routes that need a workspace bearer token. */
  api: Router;
  /** Routes without auth: discovery and the OAuth token endpoint. */
  open: Router;
  /** Test-only /__emulator/ routes: no auth, no faults, not logged. */
  admin: Router;
  auth: AuthStore;
  faults: FaultState;
  requestLog: RequestLog;
  log: (line: string) => void;
}

export interface HttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 10 * 1024 * 1024;

/** Key and certificate chain for HTTPS; without them the server speaks plain HTTP. */
export interface HttpTls { key: string; cert: string }

export async function startHttpServer(deps: HttpDeps, port = 0, tls?: HttpTls): Promise<HttpServer> {
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    void handle(deps, req, res);
  };
  const server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }, onRequest) : createServer(onRequest);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `${tls ? "https" : "http"}://127.0.0.1:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hung (fault-injected) and keep-alive connections would hold close() forever.
        server.closeAllConnections();
      }),
  };
}

async function handle(deps: HttpDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const method = (req.method ?? "GET").toUpperCase();
  const path = url.pathname;
  const requestId = uuid();
  const isAdmin = path.startsWith("/__emulator/");
  let status = 500;
  const send = (r: Res) => {
    status = r.status ?? 200;
    const text = r.body === undefined ? "" : JSON.stringify(r.body);
    res.writeHead(status, { "content-type": "application/json", "x-request-id": requestId, ...r.headers });
    res.end(text);
    if (!isAdmin) deps.requestLog.add({ time: new Date(started).toISOString(), method, path, query: safeQuery(url.searchParams), status, durationMs: Date.now() - started });
  };
  try {
    const rawBody = await readBody(req);
    if (isAdmin) return send(await dispatch(deps.admin, method, path, url, req, rawBody, requestId, undefined));

    const fault = deps.faults.takeCallFault(path, method);
    if (fault) {
      deps.log(`fault ${fault.kind} for ${method} ${path}`);
      if (fault.kind === "hang") {
        // Never answer; the client's timeout is what is under test. Logged as 0.
        deps.requestLog.add({ time: new Date(started).toISOString(), method, path, query: safeQuery(url.searchParams), status: 0, durationMs: 0 });
        return;
      }
      return send(faultResponse(fault.kind, fault.retryAfterSeconds, requestId));
    }

    const open = deps.open.match(method, path);
    if (open) return send(await dispatch(deps.open, method, path, url, req, rawBody, requestId, undefined));

    const identity = authenticate(deps.auth, req.headers.authorization);
    send(await dispatch(deps.api, method, path, url, req, rawBody, requestId, identity));
  } catch (err) {
    if (err instanceof ApiError) {
      send({ status: err.status, body: errorBody(err, requestId), headers: err.headers });
    } else {
      deps.log(`internal error on ${method} ${path}: ${(err as Error).stack ?? String(err)}`);
      send({ status: 500, body: errorBody(new ApiError(500, "INTERNAL_ERROR", `Emulator internal error: ${(err as Error).message}`), requestId) });
    }
  }
}

async function dispatch(
  router: Router,
  method: string,
  path: string,
  url: URL,
  req: IncomingMessage,
  rawBody: string,
  requestId: string,
  identity: Req["identity"] | undefined,
): Promise<Res> {
  const m = router.match(method, path);
  if (!m) throw new ApiError(404, "ENDPOINT_NOT_FOUND", `No API found for '${method} ${path}'`);
  const ctx: Req = {
    method,
    path,
    query: url.searchParams,
    headers: req.headers,
    rawBody,
    body: parseJsonBody(rawBody, req.headers["content-type"]),
    params: m.params,
    identity: identity as Req["identity"],
    requestId,
  };
  return m.handler(ctx);
}

function authenticate(auth: AuthStore, header: string | undefined): Req["identity"] {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!m) throw unauthenticated("Credential was not sent or was of an unsupported type for this API.");
  const r = auth.authenticate(m[1]!);
  if ("identity" in r) return r.identity;
  throw unauthenticated(r.problem === "expired" ? "Token expired. Get a new access token and try again." : "Invalid access token.");
}

function faultResponse(kind: 429 | 500 | 503, retryAfter: number, requestId: string): Res {
  const [code, msg] =
    kind === 429
      ? ["REQUEST_LIMIT_EXCEEDED", "Too many requests. Please wait a moment and try again. (emulator fault)"]
      : kind === 503
        ? ["TEMPORARILY_UNAVAILABLE", "The service is temporarily unavailable. Please try again later. (emulator fault)"]
        : ["INTERNAL_ERROR", "Internal error. (emulator fault)"];
  const headers: Record<string, string> = kind === 500 ? {} : { "retry-after": String(retryAfter) };
  return { status: kind, body: errorBody(new ApiError(kind, code, msg), requestId), headers };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new ApiError(413, "REQUEST_LIMIT_EXCEEDED", "Request body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJsonBody(raw: string, contentType: string | undefined): Json {
  // Lenient like the service: a JSON body counts whatever the content type (curl -d sends form-urlencoded).
  if (!raw.trim() || (/x-www-form-urlencoded/i.test(contentType ?? "") && !raw.trim().startsWith("{"))) return {};
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch (err) {
    throw new ApiError(400, "MALFORMED_REQUEST", `Could not parse request object: ${(err as Error).message}`);
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw new ApiError(400, "MALFORMED_REQUEST", "Could not parse request object: expected a JSON object");
  }
  return v as Json;
}
