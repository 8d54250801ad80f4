import { EXTRA_CA_CODE, EXTRA_CA_SETTING, certificateProblem, isCertificateError } from "../tlsTrust";
import { NetworkError } from "./errors";

const TLS_CODES = /SSL|TLS/;

/** The errno-style code buried in a failed `fetch` (`TypeError: fetch failed` with a `cause`). */
export function networkCodeOf(err: unknown): string {
  let cur: unknown = err;
  for (let depth = 0; cur && depth < 5; depth++) {
    const e = cur as { code?: unknown; errors?: unknown[]; cause?: unknown; name?: string };
    if (typeof e.code === "string" && e.code.length > 0) return e.code;
    if (Array.isArray(e.errors) && e.errors.length > 0) {
      const first = (e.errors[0] as { code?: unknown }).code;
      if (typeof first === "string") return first;
    }
    cur = e.cause;
  }
  return "ENETWORK";
}

/** An actionable NetworkError: what failed, and where the user should look. */
export function describeNetworkFailure(host: string, code: string, what: string, profile: string | undefined, timeoutMs: number, retryable: boolean): NetworkError {
  const where = profile ? `the host in profile ${profile}` : "the workspace host";
  let message: string;
  if (code === "ETIMEDOUT") {
    message = `${host} did not answer ${what} within ${Math.round(timeoutMs / 100) / 10} s — check your network/VPN and ${where}, then try again`;
  } else if (code === "ENOTFOUND") {
    message = `Cannot resolve ${host} (ENOTFOUND) — check ${where} for typos / your DNS or VPN`;
  } else if (code === EXTRA_CA_CODE) {
    message = `The CA file in the ${EXTRA_CA_SETTING} setting cannot be used (it must be a readable PEM file) — fix the path or clear the setting`;
  } else if (isCertificateError(code)) {
    message = certificateProblem(host, code);
  } else if (TLS_CODES.test(code)) {
    message = `TLS failure talking to ${host} (${code}) — a proxy may intercept TLS; if it uses its own certificate authority, set ${EXTRA_CA_SETTING} to that CA's PEM file`;
  } else {
    message = `Cannot reach ${host}: ${code} — check ${where} / your network`;
  }
  return new NetworkError(message, code, host, retryable);
}
