/**
 * The workspace client's default transport: `fetch`-shaped, built on node:https because
 * Node's global fetch cannot be given a CA. Certificates are always verified, against
 * Node's root store plus the `lakebase.extraCaFile` PEM when set. It does what the client
 * needs of fetch and no more: string bodies, AbortSignal, no redirects followed (the client
 * asks for `redirect: "manual"` so a bearer token never follows one), errors shaped like
 * fetch's (`TypeError("fetch failed")` with the socket error, and its code, as `cause`).
 */
import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import { DEFAULT_TLS_TRUST, type TlsTrust } from "../tlsTrust";

export type FetchLike = typeof fetch;

const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);
const STALE_SOCKET_CODES = new Set(["ECONNRESET", "EPIPE"]);

/**
 * Idle keep-alive sockets are closed after this long (or the server's `Keep-Alive: timeout`
 * hint less a second, which Node applies only under a nonzero agent timeout): reusing a socket
 * the server is closing at that moment fails a POST with ECONNRESET.
 */
const IDLE_SOCKET_MS = 4000;

export function createHttpsTransport(trust: TlsTrust = DEFAULT_TLS_TRUST): FetchLike {
  const plainAgent = new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS });
  let tlsAgent: { ca: string[] | undefined; agent: https.Agent } | undefined;
  const agentFor = (): https.Agent => {
    const ca = trust.ca(); // same array while the file is unchanged
    if (!tlsAgent || tlsAgent.ca !== ca) {
      tlsAgent?.agent.destroy();
      tlsAgent = { ca, agent: new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS, rejectUnauthorized: true, ...(ca ? { ca } : {}) }) };
    }
    return tlsAgent.agent;
  };

  return (input, init = {}) => new Promise<Response>((resolve, reject) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return reject(abortReason(signal));
    let agent: http.Agent;
    try {
      agent = url.protocol === "https:" ? agentFor() : url.protocol === "http:" ? plainAgent : unsupported(url);
    } catch (err) {
      return reject(fetchFailed(err));
    }
    const body = bodyOf(init.body);
    const headers = headerRecord(init.headers);
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    const send = url.protocol === "https:" ? https.request : http.request;
    const attempt = (retried: boolean) => {
      const req = send(url, { method: init.method ?? "GET", headers, agent, signal });
      let responded = false;
      req.on("error", (err) => {
        if (signal?.aborted) return reject(abortReason(signal));
        // A kept-alive socket the server closed as we reused it, before any answer: the server
        // was closing an idle connection, not reading our request. One more try on a new
        // socket, for any method, as browsers and Node's docs do.
        const stale = !retried && !responded && req.reusedSocket && STALE_SOCKET_CODES.has((err as NodeJS.ErrnoException).code ?? "");
        if (stale) return attempt(true);
        reject(fetchFailed(err));
      });
      req.on("response", (res) => {
        responded = true;
        const status = res.statusCode ?? 0;
        const stream = NULL_BODY_STATUS.has(status) ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
        if (!stream) res.resume();
        try {
          resolve(new Response(stream, { status, statusText: res.statusMessage ?? "", headers: responseHeaders(res.rawHeaders) }));
        } catch (err) {
          res.destroy();
          reject(fetchFailed(err));
        }
      });
      req.end(body);
    };
    attempt(false);
  });
}

function unsupported(url: URL): never {
  throw Object.assign(new Error(`unsupported protocol ${url.protocol}`), { code: "ERR_INVALID_PROTOCOL" });
}

function bodyOf(body: RequestInit["body"]): string | Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof Uint8Array) return Buffer.from(body);
  throw new TypeError("this transport sends only string, URLSearchParams or byte bodies");
}

function headerRecord(h: RequestInit["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(h).forEach((value, key) => { out[key] = value; });
  return out;
}

function responseHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

function fetchFailed(cause: unknown): TypeError {
  return new TypeError("fetch failed", { cause });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? Object.assign(new Error("This operation was aborted"), { name: "AbortError" });
}
