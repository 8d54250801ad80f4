/**
 * Administrative SQL for roles and databases on a branch cluster. Role
 * passwords are internal (only the front door knows them); people log in
 * with OAuth tokens that the front door checks.
 */
import { DEFAULT_DATABASE, type Cluster } from "./cluster";
import { MissingRoleError } from "./missingRole";
import { SUPERUSER_GROUP } from "./template";

export interface RoleAttrs {
  login: boolean;
  createdb?: boolean;
  createrole?: boolean;
  bypassrls?: boolean;
  superuserMember?: boolean;
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
export const quoteLiteral = (value: string): string => `'${value.replace(/'/g, "''")}'`;

async function roleExists(cluster: Cluster, role: string): Promise<boolean> {
  const { rowCount } = await cluster.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
  return (rowCount ?? 0) > 0;
}

/**
 * Readies the role an identity logs in as: an existing role just gets the internal password;
 * a missing one is created only when the control plane has it on record (`onRecord`: the
 * project owner's role, made at its first login). Otherwise MissingRoleError: like the
 * service, nobody else gets a role by logging in.
 */
export async function ensureLoginRole(cluster: Cluster, role: string, password: string, onRecord: RoleAttrs | undefined): Promise<void> {
  const pw = `PASSWORD ${quoteLiteral(password)}`;
  if (await roleExists(cluster, role)) {
    await cluster.query(`ALTER ROLE ${quoteIdent(role)} ${pw}`);
    return;
  }
  if (!onRecord?.login) throw new MissingRoleError(role);
  try {
    await upsertRole(cluster, role, onRecord, password);
  } catch (err) {
    // Someone else (another data plane call, or SQL) created it first.
    const code = (err as { code?: string }).code;
    if (code !== "42710" && code !== "23505") throw err;
    await cluster.query(`ALTER ROLE ${quoteIdent(role)} ${pw}`);
  }
}

/** Create or update a role with the given attributes (idempotent). */
export async function upsertRole(cluster: Cluster, role: string, attrs: RoleAttrs, password: string): Promise<void> {
  const options = [
    attrs.login ? "LOGIN" : "NOLOGIN",
    attrs.createdb ? "CREATEDB" : "NOCREATEDB",
    attrs.createrole ? "CREATEROLE" : "NOCREATEROLE",
    attrs.bypassrls ? "BYPASSRLS" : "NOBYPASSRLS",
    `PASSWORD ${quoteLiteral(password)}`,
  ].join(" ");
  const verb = (await roleExists(cluster, role)) ? "ALTER" : "CREATE";
  await cluster.query(`${verb} ROLE ${quoteIdent(role)} ${options}`);
  // Never revoked here: the front door may have made this identity a member on first login.
  if (attrs.superuserMember) await cluster.query(`GRANT ${SUPERUSER_GROUP} TO ${quoteIdent(role)}`);
}

/** Drop a role after handing what it owns to databricks_superuser in every database. */
export async function dropRoleEverywhere(cluster: Cluster, role: string): Promise<void> {
  if (!(await roleExists(cluster, role))) return;
  await cluster.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", [role]);
  const { rows } = await cluster.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate",
  );
  for (const { datname } of rows) {
    const client = await cluster.connectAdmin(datname);
    try {
      await client.query(`REASSIGN OWNED BY ${quoteIdent(role)} TO ${SUPERUSER_GROUP}`);
      await client.query(`DROP OWNED BY ${quoteIdent(role)}`);
    } finally {
      await client.end();
    }
  }
  await cluster.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`);
}

export async function createDatabaseOwnedBy(cluster: Cluster, database: string, owner: string): Promise<void> {
  await cluster.query(`CREATE DATABASE ${quoteIdent(database)} OWNER ${quoteIdent(owner)}`);
  // Members of databricks_superuser may create in public, as in databricks_postgres.
  const client = await cluster.connectAdmin(database);
  try {
    await client.query(`GRANT ALL ON SCHEMA public TO ${SUPERUSER_GROUP}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabaseForce(cluster: Cluster, database: string): Promise<void> {
  if (database === DEFAULT_DATABASE) throw new Error(`the default database ${DEFAULT_DATABASE} cannot be dropped`);
  await cluster.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
}
