import assert from "node:assert/strict";
import { PatTokenSource } from "../../../src/core/auth/patTokenSource";
import { WorkspaceHttpClient } from "../../../src/core/http/workspaceClient";
import { LakebaseClient } from "../../../src/core/lakebase/client";
import { collect, iteratePages, PagingLimitError } from "../../../src/core/lakebase/paging";
import type { Page } from "../../../src/core/lakebase/types";
import { memoryLogger } from "../../../src/core/log";
import { json, startLocalServer, type Handler } from "../http/localServer";

/** List pages of the Lakebase client against a real local HTTP server. */
describe("lakebase: list pages (odd items, nulls, endless paging)", () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => { await Promise.all(closers.splice(0).map((c) => c())); });

  async function clientFor(handler: Handler) {
    const s = await startLocalServer([handler]);
    closers.push(s.close);
    const logger = memoryLogger();
    const http = new WorkspaceHttpClient({ host: s.url, tokenSource: new PatTokenSource("dapi-test-0000"), profileName: "dev" });
    return { s, logger, client: new LakebaseClient(http, { logger }) };
  }

  it("accepts fields the API omits or sends as null", async () => {
    const { client } = await clientFor(json(200, {
      branches: [{
        name: "projects/p/branches/main", uid: null, create_time: null, parent: "projects/p",
        status: { current_state: "READY", default: null, is_protected: null, logical_size_bytes: null, source_branch: null, expire_time: null },
      }],
      next_page_token: null,
    }));
    const page = await client.listBranchesPage("projects/p");
    assert.equal(page.items.length, 1);
    assert.equal(page.items[0]!.name, "projects/p/branches/main");
    assert.equal(page.items[0]!.status?.current_state, "READY");
    assert.equal(page.items[0]!.status?.default, undefined);
    assert.equal(page.nextPageToken, undefined);
    assert.equal(page.invalid, undefined);
    const project = await (await clientFor(json(200, { name: "projects/p", status: null, delete_time: null }))).client.getProject("projects/p");
    assert.equal(project.status, undefined);
  });

  it("reports one odd item of a page and keeps the rest", async () => {
    const { client, logger } = await clientFor(json(200, {
      endpoints: [
        { name: "projects/p/branches/b/endpoints/primary", status: { current_state: "ACTIVE" } },
        { name: "projects/p/branches/b/endpoints/odd", status: { autoscaling_limit_max_cu: "four" } },
        { status: {} },
        { name: "projects/p/branches/b/endpoints/ro", status: { endpoint_type: "ENDPOINT_TYPE_READ_ONLY" } },
      ],
    }));
    const page = await client.listEndpointsPage("projects/p/branches/b");
    assert.deepEqual(page.items.map((e) => e.name), ["projects/p/branches/b/endpoints/primary", "projects/p/branches/b/endpoints/ro"]);
    assert.equal(page.invalid?.length, 2);
    assert.equal(page.invalid![0]!.index, 1);
    assert.equal(page.invalid![0]!.name, "projects/p/branches/b/endpoints/odd");
    assert.match(page.invalid![0]!.problem, /^Unexpected endpoint #2 of the list \('projects\/p\/branches\/b\/endpoints\/odd'\) from the Lakebase API: status\.autoscaling_limit_max_cu: /);
    assert.equal(page.invalid![1]!.index, 2);
    assert.match(page.invalid![1]!.problem, /^Unexpected endpoint #3 of the list from the Lakebase API: name: /);
    assert.ok(logger.lines.some((l) => /endpoint #2 of the list .*left out of the list/.test(l)), logger.lines.join("\n"));
    // The iterating form yields the good items too.
    assert.equal((await collect(client.listEndpoints("projects/p/branches/b"))).length, 2);
  });

  it("stops a listing whose server keeps returning new page tokens", async () => {
    let n = 0;
    const { client, s } = await clientFor((req, res) => json(200, { branches: [{ name: `projects/p/branches/b${n}` }], next_page_token: `t${++n}` })(req, res));
    const err = await collect(client.listBranches("projects/p", { maxPages: 25 })).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof PagingLimitError, String(err));
    assert.equal(err.pages, 25);
    assert.equal(err.items, 25);
    assert.match(err.message, /^Stopped listing branches of projects\/p after 25 pages \(25 items\): the Lakebase API kept returning a next page/);
    assert.equal(s.requests.length, 25);
  });

  it("iteratePages: bounded by pages (default) and by time", async () => {
    let calls = 0;
    const endless = async (token: string | undefined): Promise<Page<number>> => { calls++; return { items: [1], nextPageToken: `${token ?? ""}x` }; };
    const byDefault = await collect(iteratePages(endless)).then(() => undefined, (e: unknown) => e);
    assert.ok(byDefault instanceof PagingLimitError);
    assert.equal(calls, 200);

    let now = 0;
    calls = 0;
    const slow = async (token: string | undefined): Promise<Page<number>> => { calls++; now += 10_000; return { items: [1, 2], nextPageToken: `${token ?? ""}y` }; };
    const byTime = await collect(iteratePages(slow, { now: () => now, maxDurationMs: 60_000, what: "projects" })).then(() => undefined, (e: unknown) => e);
    assert.ok(byTime instanceof PagingLimitError);
    assert.equal(calls, 6);
    assert.match(byTime.message, /^Stopped listing projects after 60 s and 6 pages \(12 items\)/);

    // A short listing is untouched.
    const pages: Array<Page<number>> = [{ items: [1], nextPageToken: "a" }, { items: [2] }];
    assert.deepEqual(await collect(iteratePages(async (t) => pages[t ? 1 : 0]!)), [1, 2]);
  });
});
