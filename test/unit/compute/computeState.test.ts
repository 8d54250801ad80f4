// Issue #16 item 3: the endpoint's compute state in words users know: active, idle (scaled to zero), waking up.
import assert from "node:assert/strict";
import { computeLabel, computeStateOf } from "../../../src/core/compute/computeState";
import { ComputeTracker, MIN_SUSPEND_MS } from "../../../src/core/compute/computeTracker";
import type { Endpoint } from "../../../src/core/lakebase/types";

const ep = (status: Endpoint["status"]): Endpoint => ({ name: "projects/p/branches/b/endpoints/primary", status });

describe("computeStateOf", () => {
  it("maps the API's current_state / pending_state (reference: ACTIVE, IDLE, INIT, DEGRADED) to what the user sees", () => {
    assert.equal(computeStateOf(ep({ current_state: "ACTIVE" })), "active");
    assert.equal(computeStateOf(ep({ current_state: "IDLE" })), "idle");
    assert.equal(computeStateOf(ep({ current_state: "IDLE", pending_state: "ACTIVE" })), "waking");
    assert.equal(computeStateOf(ep({ current_state: "INIT" })), "starting");
    assert.equal(computeStateOf(ep({ current_state: "DEGRADED" })), "degraded");
    assert.equal(computeStateOf(ep({ current_state: "ACTIVE", disabled: true })), "disabled");
    assert.equal(computeStateOf(ep({})), "unknown");
    assert.equal(computeLabel("idle"), "idle (scaled to zero)");
    assert.equal(computeLabel("waking"), "waking up");
  });
});

describe("ComputeTracker", () => {
  const target = { profile: "dev", endpoint: "projects/p/branches/b/endpoints/primary" };
  function tracker(states: Array<Endpoint["status"]>) {
    const reads: string[] = [];
    const clock = { now: 1_000_000 };
    const t = new ComputeTracker({ readEndpoint: async (profile, name) => { reads.push(`${profile} ${name}`); return ep(states.shift() ?? { current_state: "ACTIVE" }); }, now: () => clock.now });
    const seen: string[] = [];
    t.onDidChange((c) => seen.push(`${c.endpoint}: ${c.state}`));
    return { t, reads, seen, clock };
  }

  it("reads the state when asked, and says 'waking' while the first connection to an idle endpoint is made, then 'active'", async () => {
    const { t, reads, seen } = tracker([{ current_state: "IDLE" }, { current_state: "IDLE", pending_state: "ACTIVE" }]);
    assert.equal(await t.refresh(target), "idle");
    assert.equal(t.state(target), "idle");
    const connecting = t.connecting(target);
    assert.equal(t.state(target), "waking", "at once: an idle compute wakes on connect");
    await connecting;
    assert.equal(t.state(target), "waking", "the API agrees (IDLE → ACTIVE)");
    t.connected(target);
    assert.equal(t.state(target), "active");
    assert.deepEqual(reads, ["dev projects/p/branches/b/endpoints/primary", "dev projects/p/branches/b/endpoints/primary"]);
    assert.deepEqual(seen, [`${target.endpoint}: idle`, `${target.endpoint}: waking`, `${target.endpoint}: active`]);
  });

  it("re-reads a state believed active before a new connection (the service suspends after its timeout), and a connect that already finished wins", async () => {
    const { t, seen, clock } = tracker([{ current_state: "ACTIVE" }, { current_state: "IDLE" }]);
    await t.refresh(target);
    clock.now += MIN_SUSPEND_MS; // long enough for the shortest suspend timeout to have passed
    const connecting = t.connecting(target);
    assert.equal(t.state(target), "active", "not known to be idle yet");
    await connecting;
    assert.equal(t.state(target), "waking", "the API says idle: this connection wakes it");
    t.connected(target);
    const late = tracker([{ current_state: "IDLE" }]);
    const p = late.t.connecting(target);
    late.t.connected(target);
    await p;
    assert.equal(late.t.state(target), "active", "a read that comes back after the connection does not undo it");
    assert.deepEqual(seen.at(-1), `${target.endpoint}: active`);
  });

  it("sends no read for a connection opened while the compute was seen active within the shortest suspend timeout", async () => {
    const { t, reads, clock } = tracker([{ current_state: "ACTIVE" }, { current_state: "ACTIVE" }]);
    await t.refresh(target);
    t.connected(target);
    for (let i = 0; i < 50; i++) {
      clock.now += 1_000;
      await t.connecting(target);
      t.connected(target);
    }
    assert.equal(reads.length, 1, "one read for 50 reconnections inside the window");
    clock.now += MIN_SUSPEND_MS;
    await t.connecting(target);
    assert.equal(reads.length, 2, "past the window the next connection reads again");
    assert.equal(t.state(target), "active");
  });

  it("keeps an unknown state when the read fails (the credential or network problem is reported elsewhere)", async () => {
    const t = new ComputeTracker({ readEndpoint: async () => { throw new Error("401"); } });
    assert.equal(await t.refresh(target), undefined);
    assert.equal(t.state(target), undefined);
  });
});
