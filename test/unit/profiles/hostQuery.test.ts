import assert from "node:assert/strict";
import { idsFromHostQuery } from "../../../src/core/profiles/hostQuery";
import { interpretConfigText } from "../../../src/core/profiles/loadProfiles";

/** The workspace id of a unified (single-URL) host, as the Go SDK reads it (config.go). */
describe("workspace id of a unified host", () => {
  const location = { path: "/tmp/cfg", from: "setting" } as Parameters<typeof interpretConfigText>[1];
  const profiles = (text: string) => interpretConfigText(text, location, undefined, {}).profiles;

  it("keeps ?o=<id> of the host as the profile's workspace id (the host itself stays scheme://host)", () => {
    const [p] = profiles("[u]\nhost = https://acme.cloud.databricks.com/?o=7474650000000001\ntoken = dapi123\n");
    assert.equal(p!.host, "https://acme.cloud.databricks.com");
    assert.equal(p!.workspaceId, "7474650000000001");
  });

  it("prefers the profile's workspace_id over the host's ?o=", () => {
    const [p] = profiles("[u]\nhost = https://acme.cloud.databricks.com/?o=1\nworkspace_id = 2\ntoken = dapi123\n");
    assert.equal(p!.workspaceId, "2");
  });

  it("reads ?w= as given, ?o=/?workspace_id= only when numeric, ?a=/?account_id= as the account", () => {
    assert.deepEqual(idsFromHostQuery("acme.cloud.databricks.com/?w=conn-abc&a=acc-1"), { workspaceId: "conn-abc", accountId: "acc-1" });
    assert.deepEqual(idsFromHostQuery("https://h/?o=notanumber&workspace_id=42"), { workspaceId: "42", accountId: undefined });
    assert.deepEqual(idsFromHostQuery("https://h/"), { workspaceId: undefined, accountId: undefined });
  });
});
