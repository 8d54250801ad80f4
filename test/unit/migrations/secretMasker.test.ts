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

describe("StreamingSecretMasker, exact across chunks", () => {
  const whole = (secrets: string[], text: string) => { const m = new StreamingSecretMasker(secrets); return m.push(text) + m.flush(); };

  it("gives the same output for any chunking, with several secrets, their URL forms and near-misses", () => {
    const secrets = ["tok-12345678", "p@ss wörd+1/x", "345678-tail"];
    const pieces = [...secrets, encodeURIComponent(secrets[1]!), encodeURI(secrets[1]!), "tok-1234", "p@ss w", "***", "é", "x", " "];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 8 }), (parts, cuts) => {
        const text = parts.join("");
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const m = new StreamingSecretMasker(secrets);
        let out = "";
        let prev = 0;
        for (const p of points) { out += m.push(text.slice(prev, p)); prev = p; }
        out += m.push(text.slice(prev)) + m.flush();
        assert.equal(out, whole(secrets, text));
        for (const s of secrets) assert.ok(!out.includes(s), `leaked ${s}`);
      }),
      { numRuns: 500 },
    );
  });

  it("masks the form-encoded and lower-case-hex forms as the log does", () => {
    const secret = "a b/c+d@e~f";
    const m = new StreamingSecretMasker([secret]);
    const formEncoded = new URLSearchParams({ s: secret }).toString().slice(2);
    const lowerHex = encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase());
    assert.equal(m.push(`${formEncoded} | ${lowerHex} | ${encodeURI(secret)}`) + m.flush(), "*** | *** | ***");
  });
});
