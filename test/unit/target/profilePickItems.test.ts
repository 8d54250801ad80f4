// Issue #16: after a revoked token the pickers still offered the rejected profile as if it worked.
import assert from "node:assert/strict";
import { profilePickItems } from "../../../src/ui/target/profilePickItems";

describe("profilePickItems", () => {
  it("puts the default first, leaves unusable profiles out, and marks a rejected one last with its reason", () => {
    const items = profilePickItems([
      { name: "revoked", host: "https://a", authType: "pat", state: "error", reason: "The token of profile revoked was rejected (401)", isDefault: false },
      { name: "other", host: "https://b", authType: "pat", state: "valid", isDefault: false },
      { name: "broken", authType: "pat", state: "unusable", reason: "no host", isDefault: false },
      { name: "main", host: "https://c", authType: "databricks-cli", state: "unknown", isDefault: true },
      { name: "cli", host: "https://d", authType: "databricks-cli", state: "needs-login", reason: "Run databricks auth login", isDefault: false },
    ]);
    assert.deepEqual(items.map((i) => i.value), ["main", "other", "revoked", "cli"]);
    assert.deepEqual(items[2], { label: "$(warning) revoked", description: "sign-in rejected · https://a", detail: "The token of profile revoked was rejected (401)", value: "revoked" });
    assert.equal(items[3]!.description, "needs sign-in · https://d");
    assert.deepEqual(items[0], { label: "main", description: "default · https://c", detail: "databricks-cli", value: "main" });
  });
});
