/**
 * How the MCP server is told what to use: command-line flags, else the environment the MCP
 * client passes, else the folder's `.env` (as written by "Lakebase: Write Connection Settings").
 * Never a token: authentication is the Databricks profile's (PAT, M2M or CLI login).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "../core/envfile/dotenvScan";
import { DEFAULT_AGENT_POLICY, type AgentPolicy } from "../core/agent/toolDefinition";

export interface McpServerOptions {
  configFile?: string;
  /** The `databricks` CLI for U2M (databricks-cli) profiles; default: PATH. */
  cliPath?: string;
  profile?: string;
  /** projects/<p>/branches/<b>/endpoints/<e> */
  endpoint?: string;
  database: string;
  folder: string;
  /** A PEM CA trusted besides Node's roots, like the `lakebase.extraCaFile` setting (a proxy's CA, the local emulator's). */
  extraCaFile?: string;
  policy: AgentPolicy;
}

export class OptionsError extends Error {}

const FLAGS = ["--config-file", "--databricks-cli", "--profile", "--endpoint", "--database", "--folder", "--extra-ca-file", "--allow-protected-branches", "--max-rows", "--timeout-seconds"] as const;

function positiveInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new OptionsError(`${flag} needs a whole number ≥ 1, got "${value}".`);
  return n;
}

export function parseServerOptions(argv: string[], env: NodeJS.ProcessEnv, cwd: string): McpServerOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (!(FLAGS as readonly string[]).includes(name)) throw new OptionsError(`Unknown option "${name}". Options: ${FLAGS.join(", ")}.`);
    if (name === "--allow-protected-branches") { flags.set(name, inline ?? "true"); continue; }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new OptionsError(`${name} needs a value.`);
    flags.set(name, value);
  }
  const folder = flags.get("--folder") ?? env.LAKEBASE_FOLDER ?? cwd;
  const dotenvPath = join(folder, ".env");
  const dotenv = existsSync(dotenvPath) ? parseEnv(readFileSync(dotenvPath, "utf8")) : new Map<string, string>();
  const pick = (flag: string, ...keys: string[]) => flags.get(flag) ?? keys.map((k) => env[k] || dotenv.get(k)).find((v) => v);
  return {
    configFile: flags.get("--config-file") ?? env.DATABRICKS_CONFIG_FILE ?? undefined,
    cliPath: flags.get("--databricks-cli") ?? env.LAKEBASE_DATABRICKS_CLI ?? undefined,
    profile: pick("--profile", "LAKEBASE_PROFILE", "DATABRICKS_CONFIG_PROFILE"),
    endpoint: pick("--endpoint", "LAKEBASE_ENDPOINT"),
    database: pick("--database", "PGDATABASE") ?? "databricks_postgres",
    folder,
    extraCaFile: flags.get("--extra-ca-file") ?? env.LAKEBASE_EXTRA_CA_FILE ?? undefined,
    policy: {
      ...DEFAULT_AGENT_POLICY,
      allowProtectedBranches: (flags.get("--allow-protected-branches") ?? env.LAKEBASE_ALLOW_PROTECTED_BRANCHES) === "true",
      ...(flags.has("--max-rows") ? { maxRows: positiveInt("--max-rows", flags.get("--max-rows")!) } : {}),
      ...(flags.has("--timeout-seconds") ? { statementTimeoutMs: positiveInt("--timeout-seconds", flags.get("--timeout-seconds")!) * 1000 } : {}),
    },
  };
}
