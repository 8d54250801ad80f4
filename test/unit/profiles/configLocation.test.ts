import assert from "node:assert/strict";
import { homeDir, resolveConfigLocation, resolveDefaultProfile } from "../../../src/core/profiles/configLocation";

describe("config file location and default profile", () => {
  it("setting → DATABRICKS_CONFIG_FILE → ~/.databrickscfg", () => {
    const env = { HOME: "/home/ada", DATABRICKS_CONFIG_FILE: "/etc/dbcfg" };
    assert.deepEqual(resolveConfigLocation("~/custom.cfg", env, "linux"), { path: "/home/ada/custom.cfg", from: "setting" });
    assert.deepEqual(resolveConfigLocation(undefined, env, "linux"), { path: "/etc/dbcfg", from: "DATABRICKS_CONFIG_FILE" });
    assert.deepEqual(resolveConfigLocation("  ", { HOME: "/home/ada" }, "linux"), { path: "/home/ada/.databrickscfg", from: "home" });
  });

  it("uses %USERPROFILE% on Windows, like Go's os.UserHomeDir", () => {
    const env = { USERPROFILE: "C:\\Users\\ada", HOME: "/should/not/be/used" };
    assert.equal(homeDir(env, "win32"), "C:\\Users\\ada");
    assert.equal(resolveConfigLocation(undefined, env, "win32").path, "C:\\Users\\ada\\.databrickscfg");
    assert.equal(resolveConfigLocation("~\\cfg\\x.cfg", env, "win32").path, "C:\\Users\\ada\\cfg\\x.cfg");
  });

  it("setting → DATABRICKS_CONFIG_PROFILE → [__settings__] → DEFAULT", () => {
    assert.deepEqual(resolveDefaultProfile("a", { DATABRICKS_CONFIG_PROFILE: "b" }, "c"), { name: "a", from: "setting" });
    assert.deepEqual(resolveDefaultProfile(undefined, { DATABRICKS_CONFIG_PROFILE: "b" }, "c"), { name: "b", from: "DATABRICKS_CONFIG_PROFILE" });
    assert.deepEqual(resolveDefaultProfile(undefined, {}, "c"), { name: "c", from: "__settings__" });
    assert.deepEqual(resolveDefaultProfile(undefined, {}, undefined), { name: "DEFAULT", from: "DEFAULT" });
  });
});
