import assert from "node:assert/strict";
import { collect } from "../../../src/core/lakebase/paging";
import { useEmulator } from "../../support/emulator";
import { controlPlaneOnly, lakebaseClient } from "./emulatorClient";

describe("lakebase client: pagination past 100 items", () => {
  const emu = useEmulator({ operationPolls: 0, dataPlaneFactory: controlPlaneOnly });
  const ids = Array.from({ length: 105 }, (_, i) => `p-${String(i).padStart(3, "0")}`);

  before(async function () {
    this.timeout(120_000);
    const c = lakebaseClient(emu());
    // A few at a time: fast, without hammering the emulator with 105 parallel creates.
    for (let i = 0; i < ids.length; i += 15) {
      await Promise.all(ids.slice(i, i + 15).map((id) => c.createProjectAndWait(id)));
    }
  });

  it("iterates all 105 projects over two pages of the API maximum", async () => {
    const c = lakebaseClient(emu());
    emu().clearRequests();
    const names = (await collect(c.listProjects())).map((p) => p.name);
    assert.equal(names.length, 105);
    assert.deepEqual(new Set(names), new Set(ids.map((id) => `projects/${id}`)));
    assert.equal(emu().requests({ method: "GET", pathPrefix: "/api/2.0/postgres/projects" }).length, 2);
  });

  it("pages explicitly with page_token; a page size over 100 is lowered to 100", async () => {
    const c = lakebaseClient(emu());
    const first = await c.listProjectsPage({ pageSize: 250 });
    assert.equal(first.items.length, 100);
    assert.ok(first.nextPageToken);
    const second = await c.listProjectsPage({ pageSize: 100, pageToken: first.nextPageToken });
    assert.equal(second.items.length, 5);
    assert.equal(second.nextPageToken, undefined);
    assert.equal(new Set([...first.items, ...second.items].map((p) => p.name)).size, 105, "no overlap between pages");
  });

  it("with a small page size, fetches 15 pages of 7", async () => {
    const c = lakebaseClient(emu());
    emu().clearRequests();
    const all = await collect(c.listProjects({ pageSize: 7 }));
    assert.equal(all.length, 105);
    assert.equal(emu().requests({ method: "GET", pathPrefix: "/api/2.0/postgres/projects" }).length, 15);
  });

  it("fetches lazily: stopping after the first item costs one request", async () => {
    const c = lakebaseClient(emu());
    emu().clearRequests();
    for await (const p of c.listProjects({ pageSize: 10 })) {
      assert.ok(p.name.startsWith("projects/"));
      break;
    }
    assert.equal(emu().requests({ method: "GET", pathPrefix: "/api/2.0/postgres/projects" }).length, 1);
  });

  it("rejects a nonsensical page size before calling", async () => {
    await assert.rejects(lakebaseClient(emu()).listProjectsPage({ pageSize: 0 }), /pageSize must be between 1 and 100/);
  });
});
