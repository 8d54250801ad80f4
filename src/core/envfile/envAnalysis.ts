/**
 * What is wrong with a Lakebase env file, as pure functions of its text and a few facts the shell
 * looked up (the folder's target, the workspace's answer about the file's endpoint, the profiles):
 * a PGHOST that is not one of the endpoint's hosts (AppKit warns about it at start-up), a
 * LAKEBASE_ENDPOINT that does not exist, required keys missing (in the key set the file uses:
 * the extension's or `databricks apps init`'s), a profile the config file lacks, an expired
 * DATABRICKS_TOKEN or PGPASSWORD. Messages name keys, hosts and times, never a secret's value.
 */
import { scanAssignments, type ScannedAssignment } from "./dotenvScan";
import { tokenExpiry } from "./tokenExpiry";

export type EnvProblemCode = "pghost-not-endpoint" | "unknown-endpoint" | "bad-endpoint-name" | "missing-keys" | "unknown-profile" | "expired-token";

export interface EnvProblem {
  code: EnvProblemCode;
  severity: "error" | "warning";
  message: string;
  /** The key the problem is about (for missing keys: where it is reported). */
  key: string;
  /** Offsets in the text: the value when there is one, else the key; 0–0 for an empty file. */
  start: number;
  end: number;
  /** Rewriting the file from the folder's target fixes it (offered only when there is a target). */
  rewriteFromTarget: boolean;
  /** For missing-keys: the keys to add. */
  missing?: string[];
}

export interface EnvFacts {
  /** The folder's target, when it has one. */
  target?: { profile: string; endpoint: string };
  /** The workspace's answer about `endpointToCheck()`: undefined when not known (not asked, or unreachable). */
  endpoint?: { name: string; exists: boolean; hosts: string[] };
  /** The config file's profiles; undefined: not known. */
  profiles?: ReadonlyArray<{ name: string }>;
  now: Date;
}

const ENDPOINT_NAME = /^projects\/[^/\s]+\/branches\/[^/\s]+\/endpoints\/[^/\s]+$/;
/** What `databricks apps init` writes, in its order; the extension's writer adds PGUSER. */
const APPKIT_REQUIRED = ["LAKEBASE_ENDPOINT", "PGHOST", "PGPORT", "PGDATABASE", "PGSSLMODE"] as const;
const EXTENSION_HEADER = "written by Lakebase for VS Code";
const TOKENS: Record<string, string> = {
  DATABRICKS_TOKEN: "an OAuth access token lasts about an hour",
  PGPASSWORD: "a Lakebase credential lasts an hour",
};

function lastOf(assignments: ScannedAssignment[]): Map<string, ScannedAssignment> {
  const out = new Map<string, ScannedAssignment>();
  for (const a of assignments) out.set(a.key, a); // dotenv: the last occurrence wins
  return out;
}

function valueRange(a: ScannedAssignment): { start: number; end: number } {
  return a.valueEnd > a.valueStart ? { start: a.valueStart, end: a.valueEnd } : { start: a.keyStart, end: a.keyEnd };
}

/** A Lakebase env file: one that says where the database is. Other .env files get no diagnostics. */
export function isLakebaseEnv(text: string): boolean {
  const keys = new Set(scanAssignments(text).map((a) => a.key));
  return keys.has("LAKEBASE_ENDPOINT") || keys.has("PGHOST");
}

/** The endpoint the shell should ask the workspace about: the file's (when well-formed), else the target's when the file names none. */
export function endpointToCheck(text: string, target: EnvFacts["target"]): string | undefined {
  const named = lastOf(scanAssignments(text)).get("LAKEBASE_ENDPOINT")?.value.trim();
  if (named) return ENDPOINT_NAME.test(named) ? named : undefined;
  return target?.endpoint;
}

/** The profile the file names (DATABRICKS_CONFIG_PROFILE), if any. */
export function profileNamedIn(text: string): string | undefined {
  return lastOf(scanAssignments(text)).get("DATABRICKS_CONFIG_PROFILE")?.value.trim() || undefined;
}

function ago(ms: number): string {
  const min = Math.max(1, Math.round(ms / 60_000));
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  const rest = min % 60;
  if (h < 48) return rest ? `${h} h ${rest} min` : `${h} h`;
  return `${Math.round(h / 24)} days`;
}

export function analyzeEnv(text: string, facts: EnvFacts): EnvProblem[] {
  if (!isLakebaseEnv(text)) return [];
  const assignments = scanAssignments(text);
  const keys = lastOf(assignments);
  const value = (k: string) => keys.get(k)?.value.trim() ?? "";
  const fixable = facts.target !== undefined;
  const problems: EnvProblem[] = [];

  const endpointA = keys.get("LAKEBASE_ENDPOINT");
  const endpointName = value("LAKEBASE_ENDPOINT");
  if (endpointA && endpointName && !ENDPOINT_NAME.test(endpointName)) {
    problems.push({ code: "bad-endpoint-name", severity: "error", key: "LAKEBASE_ENDPOINT", ...valueRange(endpointA), rewriteFromTarget: fixable,
      message: `LAKEBASE_ENDPOINT "${endpointName}" is not an endpoint resource name; expected projects/<project>/branches/<branch>/endpoints/<endpoint>.` });
  }

  const checked = facts.endpoint;
  if (checked && !checked.exists && endpointA && endpointName === checked.name) {
    const other = facts.target && facts.target.endpoint !== checked.name ? ` This folder's target is ${facts.target.endpoint}.` : "";
    problems.push({ code: "unknown-endpoint", severity: "error", key: "LAKEBASE_ENDPOINT", ...valueRange(endpointA), rewriteFromTarget: fixable && facts.target!.endpoint !== checked.name,
      message: `LAKEBASE_ENDPOINT ${checked.name} does not exist in the workspace (deleted, or a typo).${other}` });
  }

  const hostA = keys.get("PGHOST");
  const pgHost = value("PGHOST");
  if (checked?.exists && hostA && pgHost && checked.hosts.length > 0 && !checked.hosts.some((h) => h.toLowerCase() === pgHost.toLowerCase())) {
    problems.push({ code: "pghost-not-endpoint", severity: "warning", key: "PGHOST", ...valueRange(hostA), rewriteFromTarget: fixable,
      message: `PGHOST ${pgHost} is not a host of endpoint ${checked.name} (${checked.hosts.join(", ")}): the app would connect somewhere else.` });
  }

  const profile = value("DATABRICKS_CONFIG_PROFILE");
  const profileA = keys.get("DATABRICKS_CONFIG_PROFILE");
  if (profileA && profile && facts.profiles && !facts.profiles.some((p) => p.name === profile)) {
    problems.push({ code: "unknown-profile", severity: "warning", key: "DATABRICKS_CONFIG_PROFILE", ...valueRange(profileA), rewriteFromTarget: fixable && facts.target!.profile !== profile,
      message: `Profile "${profile}" is not in your Databricks config file: sign in to create it (databricks auth login --profile ${profile}), or name another profile.` });
  }

  // The key set the file uses: the extension writes PGUSER (and its header); AppKit does not.
  const required: string[] = [...APPKIT_REQUIRED];
  if (keys.has("PGUSER") || text.includes(EXTENSION_HEADER)) required.push("PGUSER");
  const missing = required.filter((k) => !value(k));
  if (!value("DATABRICKS_CONFIG_PROFILE") && !value("DATABRICKS_HOST")) missing.push("DATABRICKS_CONFIG_PROFILE");
  if (missing.length > 0) {
    const at = endpointA ?? hostA ?? assignments[0];
    const named = missing.map((k) => (k === "DATABRICKS_CONFIG_PROFILE" ? "DATABRICKS_CONFIG_PROFILE (or DATABRICKS_HOST)" : k));
    problems.push({ code: "missing-keys", severity: "warning", key: at?.key ?? "", start: at?.keyStart ?? 0, end: at?.keyEnd ?? 0, rewriteFromTarget: fixable, missing,
      message: `Missing ${named.join(", ")}: the Lakebase driver needs ${missing.length === 1 ? "it" : "them"} to connect.` });
  }

  for (const [key, lifetime] of Object.entries(TOKENS)) {
    const a = keys.get(key);
    const token = value(key);
    const exp = token ? tokenExpiry(token) : undefined;
    if (!a || !exp || exp.getTime() > facts.now.getTime()) continue;
    problems.push({ code: "expired-token", severity: "warning", key, ...valueRange(a), rewriteFromTarget: fixable,
      message: `${key} expired ${ago(facts.now.getTime() - exp.getTime())} ago (${lifetime}); the app's requests with it are refused. Rewrite it, or turn on keep-fresh (lakebase.env.keepFresh).` });
  }
  return problems;
}
