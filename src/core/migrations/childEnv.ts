/**
 * The environment a child tool (drizzle-kit) inherits. It runs the project's own code
 * (drizzle.config.ts and whatever it imports), so it gets nothing that authenticates
 * anywhere: no Databricks variable and nothing named like a secret. It keeps what tools
 * need to run (PATH, HOME, locale, proxies, the project's own settings) and receives its
 * one credential, DATABASE_URL, from us.
 */

/** Names that pass although they look sensitive: needed to reach the database over TLS. */
const ALLOWED_EXACT = new Set(["NODE_EXTRA_CA_CERTS"]);

/** Connection variables we set ourselves; inherited ones would point at another database. */
const OURS = /^(DATABASE_URL|PG[A-Z]+)$/;

/** Every DATABRICKS_* (host, profile, token, client secret, …) belongs to the extension. */
const DATABRICKS = /^DATABRICKS_/i;

/** Name parts that mark a credential: GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY, npm_config__authToken, … */
const SECRET_WORD = /(SECRET|TOKEN|PASSW|APIKEY|API_KEY|CREDENTIAL|PRIVATE|COOKIE|SESSION|AUTH)/i;
/** Channels that hand out credentials on request: VS Code's git askpass helper and its IPC socket. */
const CREDENTIAL_CHANNEL = /(ASKPASS|^VSCODE_GIT_IPC_HANDLE$)/i;
const SECRET_SEGMENT = /(^|_)(KEY|KEYS|PASS|PWD|PAT)(_|$)/i;

/** Whether an inherited variable may reach the child. */
export function mayInherit(name: string): boolean {
  if (ALLOWED_EXACT.has(name)) return true;
  if (OURS.test(name) || DATABRICKS.test(name)) return false;
  return !SECRET_WORD.test(name) && !SECRET_SEGMENT.test(name) && !CREDENTIAL_CHANNEL.test(name);
}

/** The inherited variables that pass `mayInherit`, plus ours (which win). */
export function buildChildEnv(base: NodeJS.ProcessEnv, ours: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && mayInherit(k)) env[k] = v;
  return Object.assign(env, ours);
}
