// Issue #16: an empty config file showed one cut-off warning row ("databrickscfg: /long/path/databrickscfg has
// no emulator profile configured (…") instead of the welcome content with "Sign in" / "Add a profile".
import assert from "node:assert/strict";
import { configProblemNodes } from "../../../src/core/explorer/configProblemNodes";
import { nodeContextValue } from "../../../src/ui/explorer/contextValues";

const FILE = "/home/dev/a/very/long/path/to/the/demo/.lakebase-demo/databrickscfg";

describe("configProblemNodes", () => {
  const missingDefault = { file: FILE, severity: "error" as const, code: "missing-default-profile" as const, message: `${FILE} has no emulator profile configured (default profile chosen by DATABRICKS_CONFIG_PROFILE)` };

  it("shows no row for a file without profiles whose only problem is the missing default: the welcome content takes over", () => {
    assert.deepEqual(configProblemNodes([missingDefault], 0), []);
  });

  it("names the file once, short, in the row; the whole path stays in the tooltip", () => {
    const [row] = configProblemNodes([missingDefault], 2);
    assert.equal(row!.label, "databrickscfg: no emulator profile configured (default profile chosen by DATABRICKS_CONFIG_PROFILE)");
    assert.equal(row!.tooltip, `${FILE}\n${missingDefault.message}`);
    assert.equal(nodeContextValue(row!), "lakebase.configProblem");
  });

  it("keeps every other error, with its line, and leaves warnings out", () => {
    const rows = configProblemNodes([
      { file: FILE, line: 7, severity: "error", message: "not a [section], a comment or key = value" },
      { file: FILE, severity: "warning", message: "no file yet" },
    ], 0);
    assert.deepEqual(rows.map((r) => r.label), ["databrickscfg:7: not a [section], a comment or key = value"]);
    assert.deepEqual(rows[0]!.data, { kind: "configProblem", line: 7 }); // the row says what it is (#11 item 6: the shell maps it to lakebase.configProblem)
  });
});
