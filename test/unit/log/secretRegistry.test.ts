import assert from "node:assert/strict";
import { createLogger, SecretRegistry, secretForms } from "../../../src/core/log";

// A secret with characters every URL encoding treats differently: space, +, /, @, %, ~, non-ASCII.
const SECRET = "p@ss w/rd+100%~é-abc";

describe("SecretRegistry", () => {
  it("masks the raw secret and every form it takes in a URL", () => {
    const secrets = new SecretRegistry();
    secrets.add(SECRET);
    const forms = [
      SECRET,
      encodeURIComponent(SECRET),
      encodeURI(SECRET),
      new URLSearchParams({ p: SECRET }).toString().slice(2), // form encoding: space as +
      encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    ];
    assert.ok(new Set(forms).size >= 4, "the test needs distinct encodings");
    for (const form of forms) {
      assert.equal(secrets.redact(`postgresql://u:${form}@h/db?x=${form}`).includes(form), false, `form leaked: ${form}`);
      assert.equal(secrets.redact(`value ${form} end`), "value *** end");
    }
  });

  it("lists each secret's forms for stream maskers, longest first", () => {
    const secrets = new SecretRegistry();
    secrets.add(SECRET);
    secrets.add("short");
    const values = secrets.values();
    assert.ok(values.includes(SECRET) && values.includes(encodeURIComponent(SECRET)));
    assert.ok(!values.includes("short"), "values under 8 characters are not registered");
    assert.deepEqual(values, [...values].sort((a, b) => b.length - a.length));
    assert.deepEqual(secretForms("abc"), ["abc"]);
  });

  it("is what a logger's redact() uses, so messages shown to the user match the log", () => {
    const secrets = new SecretRegistry();
    const lines: string[] = [];
    const log = createLogger((_l, line) => lines.push(line), secrets);
    secrets.add(SECRET);
    log.info(`x ${encodeURIComponent(SECRET)}`);
    assert.deepEqual(lines, ["x ***"]);
    assert.equal(log.redact(`shown ${SECRET}`), "shown ***");
    assert.equal(log.child("c").redact?.(`shown ${encodeURI(SECRET)}`), "shown ***");
  });
});
