import assert from "node:assert/strict";
import { ExplorerModel, type ExplorerNode } from "../../../src/core/explorer/model";
import { useEmulator } from "../../support/emulator";
import { controlPlaneOnly, lakebaseClient } from "./emulatorClient";
import { nodeContextValue } from "../../../src/ui/explorer/contextValues";
import { nodeIcon } from "../../../src/ui/explorer/nodeIcons";

/** Explorer model paging and failure handling over the real client and the emulator's REST API. */
describe("explorer model: paging, errors, caching", function () {
  this.timeout(60_000);
  const emu = useEmulator({ operationPolls: 0, dataPlaneFactory: controlPlaneOnly });
  const projectGets = () => emu().requests({ method: "GET" }).filter((r) => r.path === "/api/2.0/postgres/projects");

  const newModel = (pageSize = 50) =>
    new ExplorerModel({
      listProfiles: async () => [{ name: "emu", host: emu().workspaceUrl }],
      clientFor: () => lakebaseClient(emu()),
      projectPageSize: pageSize,
    });

  it("shows a message node when the workspace has no projects", async () => {
    const model = newModel();
    const [profile] = await model.children(undefined);
    const children = await model.children(profile);
    assert.deepEqual(children.map((n) => `${n.kind}:${n.label}`), ["message:No Lakebase projects in this workspace"]);
  });

  it("pages 120 projects in with 'Load more…' nodes carrying the next page token", async () => {
    const c = lakebaseClient(emu());
    const ids = Array.from({ length: 120 }, (_, i) => `proj-${String(i).padStart(3, "0")}`);
    for (let i = 0; i < ids.length; i += 20) await Promise.all(ids.slice(i, i + 20).map((id) => c.createProjectAndWait(id)));

    const model = newModel(50);
    const [profile] = await model.children(undefined);
    emu().clearRequests();
    let children = await model.children(profile);
    assert.equal(children.length, 51);
    const more1 = children.at(-1)!;
    assert.equal(more1.kind, "loadMore");
    assert.equal(more1.description, "50 shown");
    assert.ok(more1.data?.kind === "loadMore" && more1.data.pageToken.length > 0);
    assert.equal(projectGets().length, 1, "one page fetched, not all");

    const changed: Array<string | undefined> = [];
    model.onDidChange((n) => changed.push(n?.id));
    children = await model.loadMore(more1);
    assert.equal(children.length, 101);
    assert.equal(children.at(-1)!.kind, "loadMore");
    assert.deepEqual(changed, [profile!.id], "the profile node changed");
    assert.deepEqual(await model.children(profile), children, "cached with the extra page");

    children = await model.loadMore(children.at(-1)!);
    assert.equal(children.length, 120);
    assert.ok(children.every((n) => n.kind === "project"));
    assert.deepEqual(children.map((n) => n.label), ids);
    assert.equal(new Set(children.map((n) => n.id)).size, 120, "ids unique");
    assert.equal(projectGets().length, 3);
  });

  it("shares one request between concurrent callers and caches the result", async () => {
    const model = newModel(50);
    const [profile] = await model.children(undefined);
    emu().clearRequests();
    const [a, b] = await Promise.all([model.children(profile), model.children(profile)]);
    assert.equal(a, b);
    await model.children(profile);
    assert.equal(projectGets().length, 1);
  });

  it("turns an API failure into an error node, and retries on refresh", async () => {
    const model = newModel(50);
    const [profile] = await model.children(undefined);
    emu().faults.failNextCalls(20, 500, { pathPrefix: "/api/2.0/postgres/projects" });
    const failed = await model.children(profile);
    assert.equal(failed.length, 1);
    const err = failed[0]!;
    assert.equal(err.kind, "error");
    assert.equal(nodeContextValue(err), "lakebase.error.retryable");
    assert.match(err.label, /^Could not list projects: Internal error\. \(emulator fault\) \(INTERNAL_ERROR, request id [0-9a-f-]+\)$/);
    assert.deepEqual(await model.children(profile), failed, "the error is cached, not retried on every render");

    emu().faults.clear();
    model.retry(err);
    const ok = await model.children(profile);
    assert.ok(ok.length > 0 && ok.every((n) => n.kind === "project" || n.kind === "loadMore"), ok.map((n) => n.kind).join(","));
  });

  it("a failed 'Load more…' keeps the loaded items and adds an error node", async () => {
    const model = newModel(50);
    const [profile] = await model.children(undefined);
    const first = await model.children(profile);
    emu().faults.failNextCalls(20, 500, { pathPrefix: "/api/2.0/postgres/projects" });
    const after = await model.loadMore(first.at(-1)!);
    assert.equal(after.length, 51);
    assert.deepEqual(after.slice(0, 50).map((n) => n.id), first.slice(0, 50).map((n) => n.id));
    assert.equal(after[50]!.kind, "error");
    assert.match(after[50]!.label, /^Could not load more:/);
  });

  it("a profile the profiles layer marked unusable shows its problem without calling the API", async () => {
    const model = new ExplorerModel({
      listProfiles: async () => [{ name: "half", problem: "Profile half has no host: add host = https://… to ~/.databrickscfg" }],
      clientFor: () => lakebaseClient(emu()),
    });
    const [half] = await model.children(undefined);
    assert.equal(nodeIcon(half!), "warning");
    emu().clearRequests();
    const [err] = await model.children(half);
    assert.equal(err!.kind, "error");
    assert.equal(err!.label, "Could not list projects: Profile half has no host: add host = https://… to ~/.databrickscfg");
    assert.equal(emu().requests().length, 0);
  });

  it("a caller whose signal fires gets [] while the load still completes for others", async () => {
    const model = newModel(50);
    const [profile] = await model.children(undefined);
    emu().faults.failNextCalls(1, "hang", { pathPrefix: "/api/2.0/postgres/projects" });
    const ac = new AbortController();
    const pending = model.children(profile, ac.signal);
    setTimeout(() => ac.abort(), 50);
    assert.deepEqual(await pending, []);
    model.refresh(); // aborts the hung load
    const nodes: ExplorerNode[] = await model.children((await model.children(undefined))[0]);
    assert.ok(nodes.length > 0 && nodes[0]!.kind === "project");
  });
});
