/**
 * Which certificate authorities the extension trusts: Node's root store, plus one extra PEM
 * file when the user sets `lakebase.extraCaFile` (a corporate TLS proxy, or the local
 * emulator's per-run CA). Every TLS client in the core (workspace HTTP, Postgres pools,
 * cancel requests) asks this one object, so verification is the same everywhere.
 */
import { readFileSync, statSync } from "node:fs";
import { rootCertificates } from "node:tls";
import { UserFacingError } from "./errors";

export const EXTRA_CA_SETTING = "lakebase.extraCaFile";
/** `code` of the errors below, so transports can tell a broken setting from a network failure. */
export const EXTRA_CA_CODE = "ERR_LAKEBASE_EXTRA_CA";

export interface TlsOptions {
  /** PEM file of CA certificates trusted in addition to Node's root store. */
  extraCaFile?: string;
}

export class TlsTrust {
  private cached: { file: string; stamp: string; ca: string[] } | undefined;

  constructor(private extraCaFile?: string) {}

  get file(): string | undefined {
    return this.extraCaFile || undefined;
  }

  /** A changed setting applies to the next connection. */
  setExtraCaFile(file: string | undefined): void {
    this.extraCaFile = file;
    this.cached = undefined;
  }

  /**
   * The `ca` option for node:tls, or undefined for Node's defaults. Re-read when the file
   * changes (the emulator writes a new CA every run) so a long session never trusts a stale one.
   */
  ca(): string[] | undefined {
    const file = this.file;
    if (!file) return undefined;
    let stamp: string;
    try {
      const st = statSync(file);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch (err) {
      throw unreadable(file, err);
    }
    if (this.cached?.file === file && this.cached.stamp === stamp) return this.cached.ca;
    let pem: string;
    try {
      pem = readFileSync(file, "utf8");
    } catch (err) {
      throw unreadable(file, err);
    }
    if (!pem.includes("-----BEGIN CERTIFICATE-----")) {
      throw withCode(new UserFacingError(`The ${EXTRA_CA_SETTING} setting points at ${file}, which holds no PEM certificate (-----BEGIN CERTIFICATE-----). Point it at the CA's .pem/.crt file, or clear the setting.`));
    }
    // Giving `ca` replaces Node's defaults: keep the root store and NODE_EXTRA_CA_CERTS too.
    const ca = [...rootCertificates, ...nodeExtraCaCerts(), pem];
    this.cached = { file, stamp, ca };
    return ca;
  }
}

/** No extra CA: Node's root store (and NODE_EXTRA_CA_CERTS) only. */
export const DEFAULT_TLS_TRUST = new TlsTrust();

const CERT_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|DEPTH_ZERO|ALTNAME/;

/** True for Node's certificate-verification error codes. */
export function isCertificateError(code: string): boolean {
  return CERT_CODES.test(code);
}

/** The one message for a certificate that could not be verified, naming the setting that fixes a private CA. */
export function certificateProblem(where: string, code: string, detail?: string): string {
  const what = detail ? `${code}: ${detail}` : code;
  return `The TLS certificate of ${where} could not be verified (${what}). If a proxy on your network or the local emulator uses its own certificate authority, set ${EXTRA_CA_SETTING} to that CA's PEM file; otherwise check the host.`;
}

function unreadable(file: string, err: unknown): UserFacingError {
  const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  return withCode(new UserFacingError(`The ${EXTRA_CA_SETTING} setting points at ${file}, which cannot be read (${code}). Fix the path or clear the setting.`));
}

function withCode(err: UserFacingError): UserFacingError {
  return Object.assign(err, { code: EXTRA_CA_CODE });
}

function nodeExtraCaCerts(): string[] {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  if (!file) return [];
  try {
    return [readFileSync(file, "utf8")];
  } catch {
    return []; // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS
  }
}
