import { isLoopbackHost } from "../db/ssl";

/** Raised before sending: the request would carry a credential in clear text. */
export class InsecureTransportError extends Error {
  readonly code = "INSECURE_TRANSPORT";
  constructor(message: string) {
    super(message);
    this.name = "InsecureTransportError";
  }
}

/** Whether a request carries a secret: a bearer token, an Authorization header or a form (OAuth). */
export function carriesCredential(req: { auth: boolean; headers?: Record<string, string>; form?: Record<string, string> }): boolean {
  if (req.auth || req.form) return true;
  return Object.keys(req.headers ?? {}).some((k) => k.toLowerCase() === "authorization");
}

/**
 * No PAT, OAuth token or client secret travels over plain `http://` except to this machine
 * (the local emulator): anyone on the path could read and reuse it.
 */
export function assertCredentialTransport(url: string, profile: string | undefined): void {
  const u = new URL(url);
  if (u.protocol === "https:") return;
  if (u.protocol === "http:" && isLoopbackHost(u.hostname)) return;
  const where = profile ? `the host of profile ${profile}` : "the workspace host";
  throw new InsecureTransportError(
    `Refusing to send credentials to ${u.origin} over unencrypted ${u.protocol.replace(":", "")}: change ${where} to https://${u.host}`,
  );
}
