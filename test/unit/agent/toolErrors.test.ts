import assert from "node:assert/strict";
import { AuthError } from "../../../src/core/auth/authError";
import { errorText } from "../../../src/core/agent/toolErrors";
import { UserFacingError } from "../../../src/core/errors";

describe("agent tool error texts", () => {
  it("an expired CLI login says what the user must run, and not to retry", () => {
    const text = errorText(new AuthError("needs-login", "dev", "Refresh token is invalid", "databricks auth login --host https://x.cloud.databricks.com --profile dev"));
    assert.equal(text, "Sign-in needed: the Databricks profile \"dev\" cannot get a token (Refresh token is invalid). The user must run `databricks auth login --host https://x.cloud.databricks.com --profile dev` in a terminal (or use Sign In in the Lakebase explorer); then call this tool again. Do not retry before that.");
  });

  it("Postgres errors keep SQLSTATE, detail, hint and position; a read-only refusal points at the throwaway branch", () => {
    const err = Object.assign(new Error("cannot execute INSERT in a read-only transaction"), { code: "25006" });
    assert.match(errorText(err), /^ERROR 25006: cannot execute INSERT in a read-only transaction\nThis tool is read-only, enforced by the server\. To try a change, create a throwaway branch/);
    const syntax = Object.assign(new Error("syntax error at or near \"SELEC\""), { code: "42601", position: "1", hint: "check it" });
    assert.equal(errorText(syntax), "ERROR 42601: syntax error at or near \"SELEC\"\nHINT: check it\nat character 1");
    const timeout = Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" });
    assert.match(errorText(timeout, { timeoutMs: 30_000 }), /^ERROR 57014: cancelled on the server after the 30 s statement timeout/);
  });

  it("user-facing errors pass through; HTTP 403 says access is needed", () => {
    assert.equal(errorText(new UserFacingError("Pick a target.")), "Pick a target.");
    assert.match(errorText(Object.assign(new Error("PERMISSION_DENIED"), { status: 403 })), /HTTP 403: PERMISSION_DENIED\)\. The user must sign in again .* or get access/);
  });
});
