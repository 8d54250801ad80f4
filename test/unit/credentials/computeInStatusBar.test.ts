// Issue #16 item 3: the status bar says whether the target's compute is active, scaled to zero or waking up.
import assert from "node:assert/strict";
import { credentialView } from "../../../src/ui/credentials/credentialView";

const now = Date.parse("2026-12-02T10:00:00Z");
const fresh = { key: { profile: "dev", endpoint: "projects/p/branches/production/endpoints/primary", identity: "dev@example.com" }, state: "fresh" as const, leases: 1, expireTime: new Date(now + 52 * 60_000), lastRefresh: new Date(now - 60_000) };
const input = { label: "production", profile: "dev", endpoint: "projects/p/branches/production/endpoints/primary", database: "databricks_postgres", user: "dev@example.com", status: fresh, now };

describe("status bar: compute state", () => {
  it("an idle compute: 'idle' beside the countdown, and the tooltip says the next query wakes it", () => {
    const v = credentialView({ ...input, compute: "idle" });
    assert.equal(v.text, "$(database) production · idle · 52m");
    assert.ok(v.tooltip.includes("Compute: idle (scaled to zero): the next connection wakes it"), v.tooltip.join("\n"));
  });

  it("a waking compute: a spinner and 'waking up…'", () => {
    const v = credentialView({ ...input, compute: "waking" });
    assert.equal(v.text, "$(sync~spin) production · waking up… · 52m");
    assert.equal(v.spinning, true);
    assert.ok(v.tooltip.includes("Compute: waking up (the first connection after scale-to-zero waits for it)"));
  });

  it("an active compute keeps the short text; the tooltip names the state", () => {
    const v = credentialView({ ...input, compute: "active" });
    assert.equal(v.text, "$(database) production · 52m");
    assert.ok(v.tooltip.includes("Compute: active"));
    assert.equal(credentialView(input).text, "$(database) production · 52m", "unknown: as before");
  });
});
