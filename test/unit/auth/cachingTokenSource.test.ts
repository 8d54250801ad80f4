import assert from "node:assert/strict";
import { CachingTokenSource } from "../../../src/core/auth/cachingTokenSource";

describe("CachingTokenSource", () => {
  it("a token fetched before invalidate() is not cached after it", async () => {
    let n = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const flags: boolean[] = [];
    const ts = new CachingTokenSource(async (force) => { flags.push(force); n++; const mine = n; if (mine === 1) await gate; return { token: `t${mine}`, expiresAt: new Date(Date.now() + 3600_000) }; });
    const first = ts.getToken();
    ts.invalidate();
    const second = await ts.getToken();
    release();
    assert.equal((await first).token, "t1");
    assert.equal(second.token, "t2");
    assert.equal((await ts.getToken()).token, "t2");
    assert.deepEqual(flags, [false, true]);
  });

  it("a caller's abort stops only that caller", async () => {
    const ts = new CachingTokenSource(() => new Promise((r) => setTimeout(() => r({ token: "shared" }), 50)));
    const ac = new AbortController();
    const a = ts.getToken(ac.signal);
    const b = ts.getToken();
    ac.abort();
    await assert.rejects(a, { name: "AbortError" });
    assert.equal((await b).token, "shared");
  });

  it("a failed fetch is not cached: the next call tries again", async () => {
    let n = 0;
    const ts = new CachingTokenSource(async () => { n++; if (n === 1) throw new Error("boom"); return { token: "ok" }; });
    await assert.rejects(ts.getToken(), /boom/);
    assert.equal((await ts.getToken()).token, "ok");
  });
});
