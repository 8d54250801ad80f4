import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { LakebaseServices } from "../../../src/core/lakebaseServices";
import { memoryLogger, SecretRegistry } from "../../../src/core/log";
import { rehearseMigrations } from "../../../src/core/migrations/rehearse";
import { runMigration } from "../../../src/core/migrations/migrationService";
import { compareBranches } from "../../../src/core/schema/compareBranches";
import { describeChanges } from "../../../src/core/schema/diffCatalogs";
import { api, createProject, useEmulator } from "../../support/emulator";
import { mapStore } from "../../support/mapStore";

const FIXTURE = path.resolve(__dirname, "../../fixtures/drizzle-app");
const REPO_NODE_MODULES = path.resolve(__dirname, "../../../node_modules");
const PROJECT = "rehearsal-diff";

describe("the rehearsal report and branch comparison share one schema diff (emulator, drizzle-kit)", function () {
  this.timeout(180_000);
  const emu = useEmulator({ operationPolls: 0 });
  let services: LakebaseServices;
  let app: string;

  before(async () => {
    await createProject(emu(), PROJECT);
    services = await LakebaseServices.create({ profiles: { configFile: emu().configFile, watch: false }, tls: { extraCaFile: emu().caFile }, workspaceStore: mapStore(), logger: memoryLogger(new SecretRegistry()) });
    app = mkdtempSync(path.join(tmpdir(), "rehearsal-diff-"));
    cpSync(FIXTURE, app, { recursive: true });
    symlinkSync(REPO_NODE_MODULES, path.join(app, "node_modules"), "dir");
  });
  after(async () => {
    await services?.dispose();
    rmSync(app, { recursive: true, force: true });
  });

  async function productionTarget() {
    const ep = (await api(emu(), "GET", `/api/2.0/postgres/projects/${PROJECT}/branches/production/endpoints`)).json.endpoints[0];
    return services.resolveTarget({
      profile: "emulator", project: `projects/${PROJECT}`, branch: `projects/${PROJECT}/branches/production`, endpoint: ep.name,
      database: "databricks_postgres", host: ep.status.hosts.host, isDefaultBranch: true,
    });
  }

  it("rehearsal: the migration's tables, with their keys, foreign key and sequences folded into them", async () => {
    const configPath = path.join(app, "drizzle.config.ts");
    const gen = await runMigration(services, { configPath, command: "generate" });
    assert.equal(gen.exitCode, 0, gen.output);
    const target = await productionTarget();
    const r = await rehearseMigrations(services, { configPath, target, branchId: "rehearse-diff", ttlSeconds: 600 });
    assert.equal(r.exitCode, 0, r.output);
    assert.deepEqual(r.summary, ["+ table public.authors", "+ table public.posts"]);
    assert.equal(r.parentUnchanged, true);
    const children = r.diff.changes.filter((c) => c.parent).map((c) => `${c.change} ${c.kind} ${c.name} ⊂ ${c.parent}`).sort();
    assert.deepEqual(children, [
      "added constraint public.authors.authors_email_unique ⊂ table:public.authors",
      "added constraint public.authors.authors_pkey ⊂ table:public.authors",
      "added constraint public.posts.posts_author_id_authors_id_fk ⊂ table:public.posts",
      "added constraint public.posts.posts_pkey ⊂ table:public.posts",
      "added sequence public.authors_id_seq ⊂ table:public.authors",
      "added sequence public.posts_id_seq ⊂ table:public.posts",
    ]);

    // The same diff, between the two branches, read through the front door as the user.
    const cmp = await compareBranches(services, { profile: "emulator", branch: target.target.branch }, { profile: "emulator", branch: r.branch });
    assert.deepEqual(describeChanges(cmp.diff), r.summary);
    assert.deepEqual(cmp.diff.changes.map((c) => c.key), r.diff.changes.map((c) => c.key));
  });
});
