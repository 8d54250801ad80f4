// The status bar's text/colour rules as a pure function (no emulator): every credential state,
// the countdown format, and that the wall clock alone moves the countdown (laptop sleep).
import * as assert from "node:assert/strict";
import type { CredentialStatus } from "../../../src/core/credentials/types";
import { credentialView, formatRemaining } from "../../../src/ui/credentials/credentialView";

const key = { profile: "dev", endpoint: "projects/p/branches/main/endpoints/primary", identity: "me@example.com" };
const T0 = Date.parse("2026-01-01T12:00:00Z");
const base = { label: "main", profile: "dev", endpoint: key.endpoint, database: "databricks_postgres", user: key.identity };

function status(over: Partial<CredentialStatus>): CredentialStatus {
  return { key, state: "fresh", leases: 1, expireTime: new Date(T0 + 52 * 60_000), lastRefresh: new Date(T0 - 8 * 60_000), ...over };
}

describe("credentials: status bar view", () => {
  it("formats the remaining time in hours, minutes, then seconds", () => {
    assert.equal(formatRemaining(65 * 60_000), "1h 05m");
    assert.equal(formatRemaining(52 * 60_000 + 10_000), "52m");
    assert.equal(formatRemaining(60_000), "1m");
    assert.equal(formatRemaining(59_000), "59s");
    assert.equal(formatRemaining(45_000), "45s");
    assert.equal(formatRemaining(0), "expired");
  });

  it("fresh: database icon, countdown, normal colours, tooltip without secrets", () => {
    const v = credentialView({ ...base, status: status({}), now: T0 });
    assert.equal(v.text, "$(database) main · 52m");
    assert.equal(v.severity, "normal");
    assert.equal(v.spinning, false);
    assert.ok(v.tooltip.includes("Profile: dev") && v.tooltip.includes("Postgres user: me@example.com"));
    assert.ok(v.tooltip.some((l) => l.startsWith("Expires: ")) && v.tooltip.some((l) => l.startsWith("Last successful refresh: ")));
  });

  it("recomputes from the wall clock: after a 50-minute sleep the same status reads 2m", () => {
    const s = status({});
    assert.equal(credentialView({ ...base, status: s, now: T0 + 50 * 60_000 }).text, "$(database) main · 2m");
    assert.equal(credentialView({ ...base, status: s, now: T0 + 53 * 60_000 }).severity, "error");
  });

  it("warning inside the refresh window and after a failed refresh; error once expired or with no credential", () => {
    const failure = { message: "HTTP 503", fatal: false, at: new Date(T0) };
    assert.equal(credentialView({ ...base, status: status({ state: "expiring-soon" }), now: T0 }).severity, "warning");
    const failedValid = credentialView({ ...base, status: status({ state: "fresh", lastError: failure }), now: T0 });
    assert.equal(failedValid.severity, "warning");
    assert.ok(failedValid.tooltip.some((l) => /Last attempt failed at .*HTTP 503/.test(l)));
    assert.equal(credentialView({ ...base, status: status({ state: "failed", lastError: { ...failure, fatal: true } }), now: T0 }).severity, "warning");
    const expired = credentialView({ ...base, status: status({ state: "expired", expireTime: new Date(T0 - 1000) }), now: T0 });
    assert.equal(expired.severity, "error");
    assert.equal(expired.text, "$(database) main · expired");
    const never = credentialView({ ...base, status: status({ state: "failed", expireTime: undefined, lastRefresh: undefined, lastError: { ...failure, fatal: true } }), now: T0 });
    assert.equal(never.severity, "error");
  });

  it("spins while refreshing and while the Postgres user is looked up; a lookup problem is an error", () => {
    const r = credentialView({ ...base, status: status({ state: "refreshing" }), now: T0 });
    assert.equal(r.text, "$(sync~spin) main · 52m");
    assert.equal(r.spinning, true);
    const resolving = credentialView({ ...base, user: undefined, status: undefined, now: T0 });
    assert.equal(resolving.text, "$(sync~spin) main");
    const problem = credentialView({ ...base, problem: "Not signed in (401)", now: T0 });
    assert.equal(problem.severity, "error");
    assert.ok(problem.tooltip.includes("Problem: Not signed in (401)"));
  });
});
