/**
 * TLS settings for a Lakebase Postgres host. Lakebase requires TLS, and every connection
 * verifies the certificate — the local emulator included, whose per-run CA the user (or the
 * test) trusts through `lakebase.extraCaFile`. `servername` (SNI and the name checked) only
 * for DNS names: an IP address is checked against the certificate's IP SANs.
 */
import type { ConnectionOptions } from "node:tls";
import { isIP } from "node:net";
import { DEFAULT_TLS_TRUST, type TlsTrust } from "../tlsTrust";

export function isLoopbackHost(host: string): boolean {
  const h = bareHost(host).toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1" || h === "0:0:0:0:0:0:0:1" || /^::ffff:127\./.test(h);
  return false;
}

/**
 * The `sslmode` written to `.env` files: always `require`. The cookbook's env schema and
 * `@databricks/lakebase` accept only require/prefer/disable (their `require` verifies the
 * certificate); URLs and command lines that the extension runs itself use verify-full.
 */
export function sslModeFor(_host: string): "require" {
  return "require";
}

/**
 * node:tls options for `host`. The CA list is read when a connection opens (a getter), so a
 * changed setting or a rewritten CA file applies to the next connection; a broken setting
 * yields no extra CA here (verification then fails closed) — callers check `trust.ca()` first
 * to report it clearly.
 */
export function sslFor(host: string, trust: TlsTrust = DEFAULT_TLS_TRUST): ConnectionOptions {
  const opts: ConnectionOptions = { rejectUnauthorized: true };
  const bare = bareHost(host);
  if (isIP(bare) === 0) opts.servername = bare;
  if (trust !== DEFAULT_TLS_TRUST) {
    Object.defineProperty(opts, "ca", {
      enumerable: true,
      get: () => {
        try {
          return trust.ca();
        } catch {
          return undefined;
        }
      },
    });
  }
  return opts;
}

function bareHost(host: string): string {
  return host.replace(/^\[|\]$/g, "");
}
