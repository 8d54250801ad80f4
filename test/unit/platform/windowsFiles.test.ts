import assert from "node:assert/strict";
import { parseEnv } from "../../../src/core/envfile/dotenvScan";
import { formatEnvValue } from "../../../src/core/envfile/quoting";
import { parseIni } from "../../../src/core/profiles/iniReader";
import { resolveConfigLocation } from "../../../src/core/profiles/configLocation";
import { expandHome, pathEntries } from "../../../src/core/platform/platformEnv";

describe("platform: Windows paths and CRLF files", () => {
  it("the config file under a %USERPROFILE% with a space, and a setting with backslashes", () => {
    const env = { USERPROFILE: "C:\\Users\\Ada Lovelace" };
    assert.equal(resolveConfigLocation(undefined, env, "win32").path, "C:\\Users\\Ada Lovelace\\.databrickscfg");
    assert.equal(resolveConfigLocation("D:\\Shared Config\\dbcfg", env, "win32").path, "D:\\Shared Config\\dbcfg");
    assert.equal(expandHome("~\\.databricks\\cfg", env, "win32"), "C:\\Users\\Ada Lovelace\\.databricks\\cfg");
    // On POSIX a backslash is part of a file name, not a separator: ~\x is not the home folder.
    assert.equal(expandHome("~\\x", { HOME: "/home/ada" }, "linux"), "~\\x");
  });

  it("PATH on Windows: `Path` spelled any case, quoted entries, relative entries skipped", () => {
    assert.deepEqual(pathEntries({ Path: 'C:\\A;;"C:\\Program Files\\B";.\\rel' }, "win32"), ["C:\\A", "C:\\Program Files\\B"]);
    assert.deepEqual(pathEntries({ PATH: "/a::/b:rel" }, "linux"), ["/a", "/b"]);
  });

  it("a CRLF .databrickscfg reads like an LF one", () => {
    const crlf = "[DEFAULT]\r\nhost = https://a.cloud.databricks.com\r\n\r\n[dev]\r\nhost = https://b.cloud.databricks.com\r\ntoken = dapi123\r\n";
    const lf = crlf.replace(/\r\n/g, "\n");
    const keys = (text: string) => [...parseIni(text).sections.values()].map((s) => [s.name, [...s.keys].map(([k, e]) => [k, e.value])]);
    assert.deepEqual(keys(crlf), keys(lf));
    assert.deepEqual(keys(crlf)[1], ["dev", [["host", "https://b.cloud.databricks.com"], ["token", "dapi123"]]]);
    assert.deepEqual(parseIni(crlf).problems, []);
  });

  it("a Windows path with spaces and backslashes is written to .env so dotenv reads it back unchanged, CRLF kept", () => {
    const value = "C:\\Program Files\\Lakebase\\ca bundle.pem";
    const written = formatEnvValue(value, undefined, "\r\n");
    assert.ok(written !== undefined);
    assert.equal(parseEnv(`PGSSLROOTCERT=${written}\r\nPGPORT=5432\r\n`).get("PGSSLROOTCERT"), value);
    assert.equal(parseEnv(`PGSSLROOTCERT=${written}\r\nPGPORT=5432\r\n`).get("PGPORT"), "5432");
  });
});
