// The project's branch limit, as a test can set it (the service documents 10 unarchived branches per
// project; the emulator enforces a limit only when asked, so other tests can make as many as they need).
import assert from "node:assert/strict";
import { api, createBranch, createProject, useEmulator, waitOperation } from "../../support/emulator";

const P = "/api/2.0/postgres";

describe("emulator: the project's branch limit", () => {
  const emu = useEmulator({ operationPolls: 0 });
  before(async () => {
    await createProject(emu(), "lim");
  });

  it("refuses a branch past the limit with the API's error, creates nothing, and counts only live branches", async () => {
    emu().faults.setBranchLimit(2);
    await createBranch(emu(), "lim", "one");
    const refused = await api(emu(), "POST", `${P}/projects/lim/branches?branch_id=two`, { spec: { source_branch: "projects/lim/branches/production", ttl: "3600s" } });
    assert.equal(refused.status, 400, JSON.stringify(refused.json));
    assert.equal(refused.json.error_code, "RESOURCE_EXHAUSTED");
    assert.equal(refused.json.message, "Project 'projects/lim' has reached its limit of 2 branches. Delete a branch you no longer need, then try again.");
    assert.equal((await api(emu(), "GET", `${P}/projects/lim/branches/two`)).status, 404, "nothing was created");

    // A deleted branch no longer counts.
    await waitOperation(emu(), await api(emu(), "DELETE", `${P}/projects/lim/branches/one`));
    await createBranch(emu(), "lim", "two");
    const names = (await api(emu(), "GET", `${P}/projects/lim/branches`)).json.branches.map((b: { branch_id: string }) => b.branch_id).sort();
    assert.deepEqual(names, ["production", "two"]);
  });

  it("is set and cleared over /__emulator/ (what the VS Code tier uses), and DELETE /__emulator/faults clears it", async () => {
    const set = await api(emu(), "POST", "/__emulator/limits/branches", { max: 1 }, null);
    assert.equal(set.status, 200, JSON.stringify(set.json));
    const refused = await api(emu(), "POST", `${P}/projects/lim/branches?branch_id=three`, { spec: { ttl: "3600s" } });
    assert.equal(refused.status, 400);
    assert.match(refused.json.message, /limit of 1 branches/);
    const bad = await api(emu(), "POST", "/__emulator/limits/branches", { max: 0 }, null);
    assert.equal(bad.status, 400);
    assert.equal((await api(emu(), "DELETE", "/__emulator/faults", undefined, null)).status, 200);
    const op = await waitOperation(emu(), await api(emu(), "POST", `${P}/projects/lim/branches?branch_id=three`, { spec: { ttl: "3600s" } }));
    assert.equal(op.error, undefined, JSON.stringify(op.error));
    assert.equal(op.response.branch_id, "three");
  });
});
