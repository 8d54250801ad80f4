import assert from "node:assert/strict";
import { SecretRegistry } from "../../../src/core/log";
import { redactPanelMessage } from "../../../src/ui/results/redactPanelMessage";
import type { ExtensionMessage } from "../../../src/shared/protocol";

describe("results panel messages pass the secret registry", () => {
  const secret = "fresh pg/credential+token";
  const secrets = new SecretRegistry();
  secrets.add(secret);
  const redact = (t: string) => secrets.redact(t);

  it("masks notices and every text field of an error, raw and URL-encoded", () => {
    const notice: ExtensionMessage = { type: "notice", queryId: "q", severity: "NOTICE", message: `using ${secret}` };
    assert.deepEqual(redactPanelMessage(notice, redact), { ...notice, message: "using ***" });
    const error: ExtensionMessage = {
      type: "queryError", queryId: "q", sqlstate: "08001", position: 3,
      message: `could not connect: postgresql://u:${encodeURIComponent(secret)}@h/db`, detail: `password ${secret}`, hint: `try ${encodeURI(secret)}`,
    };
    const out = redactPanelMessage(error, redact);
    assert.deepEqual(out, { ...error, message: "could not connect: postgresql://u:***@h/db", detail: "password ***", hint: "try ***" });
  });

  it("leaves the user's own SQL and rows alone", () => {
    const started: ExtensionMessage = { type: "queryStarted", queryId: "q", sql: `SELECT '${secret}'`, target: { profile: "p", endpoint: "e", database: "d" } as never, startedAt: 1 };
    assert.equal(redactPanelMessage(started, redact), started);
    const rows: ExtensionMessage = { type: "rows", resultId: "r", rows: [[secret]], totalLoaded: 1 };
    assert.equal(redactPanelMessage(rows, redact), rows);
  });
});
