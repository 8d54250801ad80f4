import assert from "node:assert/strict";
import { branchExpiryFromArgs, checkBranchExpiry } from "../../../src/core/lakebase/branchExpiry";
import { UserFacingError } from "../../../src/core/errors";
import type { BranchSpec } from "../../../src/core/lakebase/specs";

const keys = (o: object) => Object.keys(o).sort();

describe("branch expiry: exactly one of ttl / expire_time / no_expiry on the wire", () => {
  it("builds one option from command arguments, no expiry by default", () => {
    assert.deepEqual(branchExpiryFromArgs({ ttlSeconds: 3600.4 }), { ttl: "3600s" });
    assert.deepEqual(branchExpiryFromArgs({ expireTime: "2030-01-01T00:00:00Z" }), { expire_time: "2030-01-01T00:00:00Z" });
    assert.deepEqual(branchExpiryFromArgs({}), { no_expiry: true });
    for (const args of [{ ttlSeconds: 60 }, { expireTime: "2030-01-01T00:00:00Z" }, {}]) {
      assert.equal(keys(branchExpiryFromArgs(args)).filter((k) => ["ttl", "expire_time", "no_expiry"].includes(k)).length, 1);
    }
  });

  it("refuses ttlSeconds and expireTime together instead of picking one", () => {
    assert.throws(() => branchExpiryFromArgs({ ttlSeconds: 60, expireTime: "2030-01-01T00:00:00Z" }),
      (e: unknown) => e instanceof UserFacingError && /either ttlSeconds or expireTime, not both/.test(e.message));
  });

  it("refuses bad values with what to send", () => {
    assert.throws(() => branchExpiryFromArgs({ ttlSeconds: 0 }), /ttlSeconds must be a positive number of seconds/);
    assert.throws(() => branchExpiryFromArgs({ ttlSeconds: Number.NaN }), /ttlSeconds must be a positive number of seconds/);
    assert.throws(() => branchExpiryFromArgs({ expireTime: "next week" }), /expireTime must be an RFC 3339 time/);
  });

  it("is refused by the compiler too: a BranchSpec with two options does not type-check", () => {
    // @ts-expect-error ttl and no_expiry together (typecheck fails if this ever compiles)
    const two: BranchSpec = { source_branch: "projects/p/branches/b", ttl: "60s", no_expiry: true };
    assert.match(checkBranchExpiry(two) ?? "", /got ttl and no_expiry/);
  });

  it("counts an option as sent whenever its key is present (false or empty too)", () => {
    assert.equal(checkBranchExpiry({ ttl: "60s" }), undefined);
    assert.equal(checkBranchExpiry({ no_expiry: true, ttl: undefined }), undefined, "an undefined key is not serialized");
    assert.match(checkBranchExpiry({ ttl: "60s", no_expiry: false }) ?? "", /got ttl and no_expiry/);
    assert.match(checkBranchExpiry({ ttl: "60s", expire_time: "" }) ?? "", /got ttl and expire_time/);
    assert.match(checkBranchExpiry({}) ?? "", /exactly one expiry setting/);
  });
});
