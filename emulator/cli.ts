/**
 * `npm run emulator -- [--port N] [--data-dir DIR] [--config-file FILE] [--seed] [--verbose] [--no-tls]`
 *
 * Starts the loopback Lakebase workspace and prints ONE JSON line on stdout:
 * {"ready":true,"workspaceUrl":…,"postgres":{"host":…,"port":…,"endpoint":…,"database":…}|null,"configFile":…,"caFile":…|null,"profiles":[…]}
 * `caFile` is the PEM of this run's CA, which clients must trust (https:// and Postgres TLS);
 * null with --no-tls (plain HTTP and TCP).
 * `postgres` is the seeded project's production endpoint (with --seed), else the
 * first open endpoint restored from --data-dir, else null. Logs go to stderr
 * with --verbose. SIGINT/SIGTERM stop everything.
 */
import { parseArgs } from "node:util";
import { callWithCa } from "./http/callWithCa";
import { startEmulator } from "./index";

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: "string" },
        "data-dir": { type: "string" },
        "config-file": { type: "string" },
        seed: { type: "boolean", default: false },
        verbose: { type: "boolean", default: false },
        "credential-ttl": { type: "string" },
        "no-tls": { type: "boolean", default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    fail(`${(err as Error).message}\nUsage: npm run emulator -- [--port N] [--data-dir DIR] [--config-file FILE] [--seed] [--verbose] [--credential-ttl SECONDS] [--no-tls]`);
  }
  const port = args.port === undefined ? undefined : Number(args.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) fail(`--port must be an integer 0-65535, got '${args.port}'`);
  const ttl = args["credential-ttl"] === undefined ? undefined : Number(args["credential-ttl"]);
  if (ttl !== undefined && !(ttl > 0)) fail(`--credential-ttl must be a positive number of seconds, got '${args["credential-ttl"]}'`);

  const emu = await startEmulator({
    port,
    dataDir: args["data-dir"],
    configFile: args["config-file"],
    seed: args.seed,
    credentialTtlSeconds: ttl,
    tls: !args["no-tls"],
    log: args.verbose ? (line) => process.stderr.write(`${line}\n`) : undefined,
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (args.verbose) process.stderr.write(`${signal}: stopping\n`);
    emu.stop().then(
      () => process.exit(0),
      (err: Error) => {
        process.stderr.write(`error while stopping: ${err.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));

  const seeded = emu.postgres.seeded;
  const first = seeded ? undefined : await firstOpenEndpoint(emu.workspaceUrl, emu.caPem, (n) => emu.postgres.endpoint(n));
  const postgres = seeded
    ? { host: seeded.host, port: seeded.port, endpoint: seeded.endpoint, database: seeded.database }
    : first ?? null;
  process.stdout.write(
    `${JSON.stringify({ ready: true, workspaceUrl: emu.workspaceUrl, postgres, configFile: emu.configFile, caFile: emu.caFile ?? null, profiles: ["emulator", "emulator-m2m"] })}\n`,
  );
}

async function firstOpenEndpoint(
  base: string,
  caPem: string | undefined,
  lookup: (name: string) => { host: string; port: number } | undefined,
): Promise<{ host: string; port: number; endpoint: string; database: string } | undefined> {
  const { text } = await callWithCa(`${base}/__emulator/endpoints`, { ca: caPem });
  const { endpoints } = JSON.parse(text) as { endpoints: Array<{ name: string }> };
  for (const e of endpoints) {
    const addr = lookup(e.name);
    if (addr) return { host: addr.host, port: addr.port, endpoint: e.name, database: "databricks_postgres" };
  }
  return undefined;
}

function fail(message: string): never {
  process.stderr.write(`lakebase emulator: ${message}\n`);
  process.exit(2);
}

main().catch((err: Error) => fail(err.message));
