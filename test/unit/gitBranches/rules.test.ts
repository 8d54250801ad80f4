import assert from "node:assert/strict";
import { checkResourceId } from "../../../src/core/lakebase/ids";
import { branchIdFor, hashedBranchId, preferredBranchId, sanitizeBranchName } from "../../../src/core/gitBranches/branchIdRules";
import { cleanupCandidates, assertDeletable, type CleanupBranch } from "../../../src/core/gitBranches/cleanupRules";
import { decideFollow } from "../../../src/core/gitBranches/followRules";

const valid = (id: string) => assert.equal(checkResourceId("branch", id), undefined, `${id} is not a valid branch id`);

describe("git branch → Lakebase branch id", () => {
  it("slashes, case, underscores and dots become single hyphens", () => {
    assert.equal(preferredBranchId("feature/x"), "feature-x");
    assert.equal(preferredBranchId("Feature/JIRA-123_fix.login"), "feature-jira-123-fix-login");
    assert.equal(preferredBranchId("users//ada///wip/"), "users-ada-wip");
  });

  it("Unicode: accents are dropped, other scripts fall back to a hash", () => {
    assert.equal(preferredBranchId("fëature/ünïcode"), "feature-unicode");
    // ß has no ASCII letter to fall back on: the hash keeps "fix-ß" apart from "fix".
    assert.match(preferredBranchId("fix-ß"), /^fix-[0-9a-f]{8}$/);
    assert.notEqual(preferredBranchId("fix-ß"), preferredBranchId("fix"));
    const cjk = preferredBranchId("機能/ログイン");
    assert.match(cjk, /^br-[0-9a-f]{8}$/);
    assert.notEqual(cjk, preferredBranchId("機能/ログアウト"), "two non-Latin names must not clash");
    assert.equal(preferredBranchId("🚀"), preferredBranchId("🚀"));
    valid(cjk);
  });

  it("names starting with a digit or a hyphen still start with a letter", () => {
    assert.equal(preferredBranchId("123-hotfix"), "br-123-hotfix");
    assert.equal(preferredBranchId("-x"), "x");
    valid(preferredBranchId("2026/12/release"));
  });

  it("200-character names are shortened with a hash of the whole name, within 63 characters", () => {
    const a = `feature/${"a".repeat(192)}`;
    const b = `feature/${"a".repeat(191)}b`;
    assert.equal(a.length, 200);
    const ia = preferredBranchId(a);
    const ib = preferredBranchId(b);
    assert.ok(ia.length <= 63, ia);
    assert.match(ia, /^feature-a+-[0-9a-f]{8}$/);
    assert.notEqual(ia, ib, "names differing only past the limit must not clash");
    assert.equal(ia, preferredBranchId(a), "deterministic");
    valid(ia);
    valid(ib);
  });

  it("every id it makes is valid for the API", () => {
    for (const n of ["a", "Z", "_", "--", "feature/x", "ÄÄÄ", "x".repeat(63), "x".repeat(64), "1", "a/b/c/d/e/f", "release-1.2.3", "dependabot/npm_and_yarn/pg-8.13.1"]) {
      valid(preferredBranchId(n));
      valid(hashedBranchId(n));
    }
    assert.equal(sanitizeBranchName("x".repeat(63)), "x".repeat(63));
  });

  it("collision-safe: a second git branch mapping to a taken id gets the hashed one", () => {
    const links = { "feature/x": "feature-x" };
    assert.equal(branchIdFor("feature/x", [], links), "feature-x");
    const other = branchIdFor("Feature_X", [{ id: "feature-x", isDefault: false, isProtected: false }], links);
    assert.match(other, /^feature-x-[0-9a-f]{8}$/);
    assert.equal(branchIdFor("Feature_X", [], links), other, "deterministic");
  });

  it("never maps a feature branch onto the default or a protected branch", () => {
    const existing = [
      { id: "production", isDefault: true, isProtected: false },
      { id: "staging", isDefault: false, isProtected: true },
      { id: "dev", isDefault: false, isProtected: false },
    ];
    assert.match(branchIdFor("production", existing, {}), /^production-[0-9a-f]{8}$/);
    assert.match(branchIdFor("staging", existing, {}), /^staging-[0-9a-f]{8}$/);
    assert.equal(branchIdFor("dev", existing, {}), "dev", "an existing ordinary branch of that name is followed");
  });
});

describe("following HEAD", () => {
  it("a branch, the main branch, a detached HEAD, a rebase and a merge", () => {
    assert.deepEqual(decideFollow({ branch: "feature/x" }), { action: "branch", gitBranch: "feature/x" });
    assert.deepEqual(decideFollow({ branch: "main" }), { action: "default", gitBranch: "main" });
    assert.deepEqual(decideFollow({ branch: "master" }), { action: "default", gitBranch: "master" });
    assert.deepEqual(decideFollow({ branch: "trunk" }, ["trunk"]), { action: "default", gitBranch: "trunk" });
    assert.deepEqual(decideFollow({}), { action: "stay", reason: "HEAD is detached (no branch is checked out)" });
    assert.deepEqual(decideFollow({ branch: "feature/x", rebaseInProgress: true }), { action: "stay", reason: "a rebase is in progress" });
    assert.deepEqual(decideFollow({ rebaseInProgress: true }), { action: "stay", reason: "a rebase is in progress" });
    assert.deepEqual(decideFollow({ branch: "feature/x", mergeInProgress: true }), { action: "stay", reason: "a merge is in progress" });
  });
});

describe("clean up", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const br = (id: string, extra: Partial<CleanupBranch> = {}): CleanupBranch => ({ name: `projects/p/branches/${id}`, id, isDefault: false, isProtected: false, ...extra });

  it("lists branches whose git branch is gone or that expire within a day; never default or protected", () => {
    const branches = [
      br("production", { isDefault: true }),
      br("staging", { isProtected: true, expireTime: new Date("2026-12-01T13:00:00Z") }),
      br("feature-x"),
      br("feature-y"),
      br("old-experiment", { expireTime: new Date("2026-12-02T06:00:00Z") }),
      br("later", { expireTime: new Date("2026-12-05T00:00:00Z") }),
      br("manual"),
    ];
    const links = { "feature/x": "feature-x", "feature/y": "feature-y", main: "production" };
    const got = cleanupCandidates({ branches, links, gitBranches: new Set(["main", "feature/y"]), now });
    assert.deepEqual(got.map((c) => [c.branch.id, c.reason, c.gitBranch]), [
      ["feature-x", "git branch deleted", "feature/x"],
      ["old-experiment", "expires soon", undefined],
    ]);
  });

  it("refuses to delete the default or a protected branch", () => {
    assert.throws(() => assertDeletable(br("production", { isDefault: true })), /default branch; it is never deleted/);
    assert.throws(() => assertDeletable(br("staging", { isProtected: true })), /is protected/);
    assert.doesNotThrow(() => assertDeletable(br("feature-x")));
  });
});
