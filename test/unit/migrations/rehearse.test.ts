import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DbTarget } from "../../../src/core/db/types";
import type { ResolvedTarget } from "../../../src/core/lakebaseServices";
import { SecretRegistry, silentLogger } from "../../../src/core/log";
import { rehearseMigrations, type RehearsalDeps } from "../../../src/core/migrations/rehearse";
import type { WorkspaceTarget } from "../../../src/core/target/targetStore";

/** A project folder whose "drizzle-kit" exits 0 at once, so the rehearsal reaches its last steps. */
function fakeProject(): { dir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), "rehearse-"));
  const kit = join(dir, "node_modules", "drizzle-kit");
  mkdirSync(kit, { recursive: true });
  writeFileSync(join(kit, "package.json"), JSON.stringify({ name: "drizzle-kit", version: "0.0.0-test", bin: "bin.cjs" }));
  writeFileSync(join(kit, "bin.cjs"), "process.exit(0);\n");
  const config = join(dir, "drizzle.config.ts");
  writeFileSync(config, "export default {};\n");
  return { dir, config };
}

const TARGET: WorkspaceTarget = {
  profile: "dev",
  project: "projects/p",
  branch: "projects/p/branches/production",
  endpoint: "projects/p/branches/production/endpoints/primary",
  database: "databricks_postgres",
  host: "ep-main.example.com",
};

function resolved(t: WorkspaceTarget): ResolvedTarget {
  const db: DbTarget = { profile: t.profile, endpoint: t.endpoint, host: t.host, port: 5432, database: t.database, user: "me@example.com" };
  return {
    target: t,
    db,
    credentialKey: { profile: t.profile, endpoint: t.endpoint, identity: db.user },
    connection: { host: t.host, port: 5432, database: t.database, user: db.user, sslMode: "require" },
  };
}

describe("rehearseMigrations", () => {
  it("closes the rehearsal branch's pool (and its credential lease) when a later step fails", async () => {
    const { dir, config } = fakeProject();
    const branchName = "projects/p/branches/rehearse-test";
    const closed: string[] = [];
    // Only the collaborators rehearseMigrations takes (its RehearsalDeps port), no services object.
    const services: RehearsalDeps = {
      logger: silentLogger,
      secrets: new SecretRegistry(),
      credentials: { get: async () => "fresh-credential-abcdefgh" },
      lakebase: () => ({
        createBranchAndWait: async () => ({ name: branchName }),
        listEndpoints: async function* () {
          yield { name: `${branchName}/endpoints/primary`, status: { endpoint_type: "ENDPOINT_TYPE_READ_WRITE" as const, hosts: { host: "ep-rehearse.example.com" } } };
        },
      }),
      resolveTarget: async (t: WorkspaceTarget) => resolved(t),
      pools: {
        connect: async (db: DbTarget) => {
          // The rehearsal branch's compute never comes up: reading its schema fails.
          if (db.endpoint.startsWith(branchName)) throw new Error("did not accept connections within 30 s");
          return { client: { query: async () => ({ rows: [] }), release: () => undefined } };
        },
        close: async (db: DbTarget) => { closed.push(db.endpoint); },
      },
    };
    try {
      await assert.rejects(
        rehearseMigrations(services, { configPath: config, target: resolved(TARGET), branchId: "rehearse-test" }),
        /did not accept connections/,
      );
      assert.deepEqual(closed, [`${branchName}/endpoints/primary`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
