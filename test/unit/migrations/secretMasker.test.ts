import assert from "node:assert/strict";
import fc from "fast-check";
import { StreamingSecretMasker } from "../../../src/core/migrations/secretMasker";

describe("StreamingSecretMasker", () => {
  it("masks a secret and its URL-encoded form", () => {
    const m = new StreamingSecretMasker(["p@ss/word+1"]);
    const out = m.push("url postgresql://u:p%40ss%2Fword%2B1@h/db and raw p@ss/word+1.") + m.flush();
    assert.equal(out, "url postgresql://u:***@h/db and raw ***.");
  });

  it("masks a secret split across any chunk boundaries", () => {
    const secret = "eyJhbGciOiJSUzI1NiJ9.payload.sig-1234567890";
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.array(fc.nat(), { maxLength: 6 }), (before, after, cuts) => {
        const text = `${before}${secret}${after}`;
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const m = new StreamingSecretMasker([secret]);
        let out = "";
        let prev = 0;
        for (const p of points) { out += m.push(text.slice(prev, p)); prev = p; }
        out += m.push(text.slice(prev)) + m.flush();
        assert.ok(!out.includes(secret), "secret leaked");
        assert.equal(out, text.split(secret).join("***"), "chunking must not change the result");
      }),
    );
  });

  it("passes text through unchanged when there are no secrets", () => {
    const m = new StreamingSecretMasker([]);
    assert.equal(m.push("hello ") + m.push("world") + m.flush(), "hello world");
  });
});
