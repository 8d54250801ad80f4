/**
 * TLS settings for a Lakebase host. Lakebase requires TLS, and we verify the certificate
 * against the host name. Loopback hosts (the local emulator) speak plain TCP.
 */
import type { ConnectionOptions } from "node:tls";
import { isIP } from "node:net";

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1" || h === "0:0:0:0:0:0:0:1" || /^::ffff:127\./.test(h);
  return false;
}

/** The same choice as a libpq `sslmode`, for URLs, .env files and psql command lines. */
export function sslModeFor(host: string): "require" | "disable" {
  return isLoopbackHost(host) ? "disable" : "require";
}

export function sslFor(host: string): false | ConnectionOptions {
  if (isLoopbackHost(host)) return false;
  return { rejectUnauthorized: true, servername: host };
}
