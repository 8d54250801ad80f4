/**
 * A fresh emulator project and a copy of the drizzle fixture app per test, for the drizzle-kit
 * suites: the endpoint's connection target, a fresh credential, and a query helper on it.
 */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import pg from "pg";
import type { Emulator } from "../../../emulator/index";
import type { ConnectionTarget } from "../../../src/core/migrations/databaseUrl";
import { api, createProject, emuSsl } from "../../support/emulator";

const FIXTURE = path.resolve(__dirname, "../../fixtures/drizzle-app");
const REPO_NODE_MODULES = path.resolve(__dirname, "../../../node_modules");

export interface DrizzleApp {
  /** The copied app's folder (its node_modules is the repo's: drizzle-kit, drizzle-orm, pg). */
  dir(): string;
  configPath(): string;
  target(): ConnectionTarget;
  freshPassword(): Promise<string>;
  query(sql: string): Promise<pg.QueryResult>;
}

/** Registers beforeEach/afterEach: each test starts from an empty database and an unchanged app. */
export function useDrizzleApp(emu: () => Emulator, projectPrefix: string): DrizzleApp {
  let app = "";
  let target: ConnectionTarget;
  let endpointName = "";
  let projectCount = 0;

  beforeEach(async () => {
    const projectId = `${projectPrefix}-${++projectCount}`;
    await createProject(emu(), projectId);
    const list = await api(emu(), "GET", `/api/2.0/postgres/projects/${projectId}/branches/production/endpoints`);
    const ep = list.json.endpoints[0];
    endpointName = ep.name;
    target = { host: ep.status.hosts.host, port: 5432, database: "databricks_postgres", user: emu().identities.user.email, sslMode: "require", extraCaFile: emu().caFile };
    app = mkdtempSync(path.join(tmpdir(), `${projectPrefix}-`));
    cpSync(FIXTURE, app, { recursive: true });
    symlinkSync(REPO_NODE_MODULES, path.join(app, "node_modules"), "dir");
  });
  afterEach(() => rmSync(app, { recursive: true, force: true }));

  const freshPassword = async (): Promise<string> => {
    const res = await api(emu(), "POST", "/api/2.0/postgres/credentials", { endpoint: endpointName });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    return res.json.token as string;
  };
  return {
    dir: () => app,
    configPath: () => path.join(app, "drizzle.config.ts"),
    target: () => target,
    freshPassword,
    async query(sql: string) {
      const client = new pg.Client({ ...target, password: await freshPassword(), ssl: emuSsl(emu(), target.host) });
      await client.connect();
      try { return await client.query(sql); } finally { await client.end(); }
    },
  };
}
