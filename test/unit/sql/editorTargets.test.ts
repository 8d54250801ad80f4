import assert from "node:assert/strict";
import { EditorTargetStore } from "../../../src/core/sql/editorTargets";
import type { WorkspaceTarget } from "../../../src/core/target/targetStore";

function memory(initial?: unknown) {
  const values = new Map<string, unknown>(initial === undefined ? [] : [["lakebase.editorTargets", initial]]);
  return { values, get: <T>(k: string) => values.get(k) as T | undefined, update: async (k: string, v: unknown) => { values.set(k, JSON.parse(JSON.stringify(v))); } };
}

const target = (branch: string): WorkspaceTarget => ({
  profile: "dev", project: "projects/app", branch: `projects/app/branches/${branch}`, endpoint: `projects/app/branches/${branch}/endpoints/primary`,
  database: "databricks_postgres", host: "10.0.0.1", branchLabel: branch,
});

describe("EditorTargetStore", () => {
  it("keeps a target per document across a reload, reports changes, and clears back to the folder's", async () => {
    const kv = memory();
    const store = new EditorTargetStore(kv);
    const seen: Array<[string, string | undefined]> = [];
    store.onDidChange((d, t) => seen.push([d, t?.branchLabel]));
    await store.set("file:///a.sql", target("feature"));
    await store.set("file:///b.sql", target("production"));
    const again = new EditorTargetStore(kv);
    assert.equal(again.get("file:///a.sql")?.branch, "projects/app/branches/feature");
    assert.deepEqual(again.entries().map(([d, t]) => [d, t.branchLabel]), [["file:///a.sql", "feature"], ["file:///b.sql", "production"]]);
    await store.set("file:///a.sql", undefined);
    assert.equal(store.get("file:///a.sql"), undefined);
    assert.deepEqual(seen, [["file:///a.sql", "feature"], ["file:///b.sql", "production"], ["file:///a.sql", undefined]]);
  });

  it("ignores malformed stored data entry by entry and forgets the oldest choice past the limit", async () => {
    const kv = memory({ "file:///bad.sql": { profile: "" }, "file:///ok.sql": target("dev"), junk: 3 });
    const store = new EditorTargetStore(kv, 2);
    assert.equal(store.get("file:///bad.sql"), undefined);
    assert.equal(store.get("file:///ok.sql")?.branchLabel, "dev");
    await store.set("file:///c.sql", target("c"));
    await store.set("file:///d.sql", target("d"));
    assert.deepEqual(Object.keys(kv.values.get("lakebase.editorTargets") as object), ["file:///c.sql", "file:///d.sql"]);
    assert.equal(new EditorTargetStore(memory([1, 2])).get("0"), undefined, "an array is not a map of documents");
  });
});
