import pg from "pg";
import type { Identities } from "./auth";
import type { DataPlane, EndpointAddress, SuperuserConnection } from "./dataPlanePort";
import { callWithCa } from "./http/callWithCa";

/** The part of the running emulator the seed needs (kept narrow: index.ts imports this file). */
interface SeedTarget {
  workspaceUrl: string;
  /** The run's CA, when the REST API speaks https. */
  caPem?: string;
  identities: Identities;
  postgres: {
    endpoint(endpointName: string): EndpointAddress | undefined;
    superuser(branchName: string): Promise<SuperuserConnection>;
  };
}

/**
 * The sample project for demos (`--seed`): `demo-app` with branches
 * `production` and `dev` (dev copied from production, plus one dev-only row),
 * tables owned by the user dev@example.com. Built through the public API, so
 * it exercises the same paths a client does.
 */
export interface SeedResult {
  project: string;
  branches: string[];
  /** The production branch's primary endpoint. */
  endpoint: string;
  host: string;
  port: number;
  database: string;
}

export const SEED_PROJECT = "demo-app";

const TABLES_SQL = `
CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE orders (id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers(id), total numeric(10,2) NOT NULL, status text NOT NULL DEFAULT 'open');
INSERT INTO customers (name, email) VALUES ('Ada Lovelace', 'ada@example.com'), ('Alan Turing', 'alan@example.com'), ('Grace Hopper', 'grace@example.com');
INSERT INTO orders (customer_id, total, status) VALUES (1, 42.50, 'paid'), (1, 10.00, 'open'), (2, 99.99, 'paid'), (3, 5.25, 'shipped');
`;

export async function seedDemo(emu: SeedTarget, dataPlane: DataPlane): Promise<SeedResult> {
  const call = apiCaller(emu.workspaceUrl, emu.identities.user.pat, emu.caPem);
  const project = `projects/${SEED_PROJECT}`;
  const prod = `${project}/branches/production`;
  const dev = `${project}/branches/dev`;
  const exists = (await call("GET", `/api/2.0/postgres/${project}`)).status === 200;
  if (!exists) {
    await waitOp(call, await call("POST", `/api/2.0/postgres/projects?project_id=${SEED_PROJECT}`, { spec: { display_name: "Demo app" } }));
    // The owner's login role exists before its first login, so it can own the tables.
    await dataPlane.createRole(prod, emu.identities.user.email, { login: true, superuserMember: true });
    await asOwner(emu, prod, emu.identities.user.email, TABLES_SQL);
    await waitOp(call, await call("POST", `/api/2.0/postgres/${project}/branches?branch_id=dev`, { spec: { source_branch: prod, no_expiry: true } }));
    await asOwner(emu, dev, emu.identities.user.email, "INSERT INTO customers (name, email) VALUES ('Dev Only', 'dev-only@example.com');");
  }
  const endpoint = `${prod}/endpoints/primary`;
  const addr = emu.postgres.endpoint(endpoint);
  if (!addr) throw new Error(`Seed: endpoint ${endpoint} has no open front door`);
  return { project, branches: [prod, dev], endpoint, host: addr.host, port: addr.port, database: "databricks_postgres" };
}

async function asOwner(emu: SeedTarget, branch: string, owner: string, sql: string): Promise<void> {
  const conn = await emu.postgres.superuser(branch);
  const client = new pg.Client({ ...conn, database: "databricks_postgres" });
  await client.connect();
  try {
    // Owned by the user, so the user can query and alter them through the front door.
    await client.query(`SET ROLE "${owner.replace(/"/g, '""')}"`);
    await client.query(sql);
  } finally {
    await client.end();
  }
}

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; json: Record<string, unknown> }>;

function apiCaller(base: string, token: string, ca: string | undefined): Call {
  return async (method, path, body) => {
    const res = await callWithCa(base + path, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      ca,
    });
    return { status: res.status, json: JSON.parse(res.text) as Record<string, unknown> };
  };
}

async function waitOp(call: Call, first: { status: number; json: Record<string, unknown> }): Promise<void> {
  if (first.status !== 200) throw new Error(`Seed: ${JSON.stringify(first.json)}`);
  let op = first.json;
  for (let i = 0; !op.done; i++) {
    if (i > 3000) throw new Error(`Seed: operation ${String(op.name)} did not finish`);
    await new Promise((r) => setTimeout(r, 10));
    op = (await call("GET", `/api/2.0/postgres/${String(op.name)}`)).json;
  }
  if (op.error) throw new Error(`Seed: operation ${String(op.name)} failed: ${JSON.stringify(op.error)}`);
}
