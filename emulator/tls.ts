/**
 * The emulator's own certificate authority, made fresh for every run, so that
 * clients verify certificates against the emulator exactly as they do against
 * the service (chain, expiry, IP/DNS names). Node 20 cannot create X.509
 * certificates, so this drives the `openssl` CLI (OpenSSL ≥ 3.0 for `req -CA`);
 * one small process per certificate, EC P-256 keys, a few milliseconds each.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createSecureContext, type SecureContext } from "node:tls";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface ServerCertificate {
  key: string;
  cert: string;
  /** The CA, appended so clients get the whole chain. */
  chain: string;
  context: SecureContext;
}

export interface EmulatorCa {
  /** PEM file of the CA certificate: what clients trust (`lakebase.extraCaFile`, `NODE_EXTRA_CA_CERTS`). */
  caFile: string;
  caPem: string;
  /** A leaf certificate for these names (IPs become IP SANs, the rest DNS SANs). */
  issue(names: string[]): Promise<ServerCertificate>;
}

const VALID_DAYS = "30";

/** Creates the CA under `dir` (key files owner-only). */
export async function createEmulatorCa(dir: string): Promise<EmulatorCa> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caKey = join(dir, "ca.key");
  const caFile = join(dir, "ca.pem");
  const leafKey = join(dir, "leaf.key");
  await openssl([
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", caKey, "-out", caFile, "-days", VALID_DAYS,
    "-subj", `/O=Lakebase emulator/CN=Lakebase emulator CA ${new Date().toISOString()}`,
    "-addext", "basicConstraints=critical,CA:TRUE,pathlen:0",
    "-addext", "keyUsage=critical,keyCertSign,cRLSign",
  ]);
  // One key for every leaf: only the names differ between the REST server and the front doors.
  await openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out", leafKey]);
  const caPem = readFileSync(caFile, "utf8");
  const key = readFileSync(leafKey, "utf8");
  let serial = 0;

  return {
    caFile,
    caPem,
    async issue(names) {
      if (names.length === 0) throw new Error("a certificate needs at least one name");
      const san = names.map((n) => (/^[\d.]+$|:/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(",");
      const out = join(dir, `leaf-${++serial}.pem`);
      await openssl([
        "req", "-x509", "-new", "-key", leafKey, "-CA", caFile, "-CAkey", caKey, "-days", VALID_DAYS,
        "-subj", `/O=Lakebase emulator/CN=${names[0]}`,
        "-addext", `subjectAltName=${san}`,
        "-addext", "basicConstraints=critical,CA:FALSE",
        "-addext", "keyUsage=critical,digitalSignature",
        "-addext", "extendedKeyUsage=serverAuth",
        "-out", out,
      ]);
      const cert = readFileSync(out, "utf8");
      const chain = cert + caPem;
      return { key, cert, chain, context: createSecureContext({ key, cert: chain }) };
    },
  };
}

async function openssl(args: string[]): Promise<void> {
  try {
    await run("openssl", args, { timeout: 30_000 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === "ENOENT") throw new Error("the emulator needs the `openssl` command to create its TLS certificates; install OpenSSL ≥ 3.0 (Debian: apt-get install openssl), or start it with tls: false");
    throw new Error(`openssl ${args[0]} failed: ${(e.stderr ?? e.message).trim()}`);
  }
}
