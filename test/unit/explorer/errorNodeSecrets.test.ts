import assert from "node:assert/strict";
import { ExplorerModel } from "../../../src/core/explorer/model";
import { memoryLogger, SecretRegistry } from "../../../src/core/log";

/** An error row in the tree is text a user sees: it passes the log's registry of secrets. */
describe("explorer error rows mask known secrets", () => {
  it("masks a registered secret, raw and URL-encoded, in the label and tooltip", async () => {
    const secret = "client secret/with+chars=1";
    const secrets = new SecretRegistry();
    secrets.add(secret);
    const log = memoryLogger(secrets);
    const model = new ExplorerModel({
      listProfiles: async () => [{ name: "dev", host: "https://example.cloud.databricks.com" }],
      clientFor: () => { throw new Error(`token endpoint said: bad client ${secret} (sent ${encodeURIComponent(secret)})`); },
    }, log);
    const [profile] = await model.children(undefined);
    const [row] = await model.children(profile);
    assert.equal(row!.kind, "error");
    assert.equal(row!.label, "Could not list projects: token endpoint said: bad client *** (sent ***)");
    assert.ok(!String(row!.tooltip).includes(secret) && !String(row!.tooltip).includes(encodeURIComponent(secret)));
    assert.ok(log.lines.some((l) => l.includes("bad client *** (sent ***)")), log.lines.join("\n"));
  });
});
