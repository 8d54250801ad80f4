/* eslint-disable @typescript-eslint/no-explicit-any -- raw JSON replies are checked field by field */
import assert from "node:assert/strict";
import type { Emulator } from "../../../emulator/index";
import { api, emuFetch, useEmulator } from "../../support/emulator";

const P = "/api/2.0/postgres";

async function admin(emu: Emulator, method: string, path: string, body?: unknown): Promise<Response> {
  return emuFetch(emu)(`${emu.workspaceUrl}/__emulator/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
}

describe("emulator: fault injection and request log", () => {
  const emu = useEmulator({ operationPolls: 0 });

  for (const [status, code] of [[429, "REQUEST_LIMIT_EXCEEDED"], [503, "TEMPORARILY_UNAVAILABLE"], [500, "INTERNAL_ERROR"]] as const) {
    it(`fails the next N calls with ${status} (programmatic)`, async () => {
      emu().faults.failNextCalls(2, status, { retryAfterSeconds: 3 });
      for (let i = 0; i < 2; i++) {
        const r = await api(emu(), "GET", `${P}/projects`);
        assert.equal(r.status, status);
        assert.equal(r.json.error_code, code);
        assert.equal(r.headers.get("retry-after"), status === 500 ? null : "3");
      }
      assert.equal((await api(emu(), "GET", `${P}/projects`)).status, 200);
    });
  }

  it("fails calls over the admin route, and clears them", async () => {
    assert.equal((await admin(emu(), "POST", "faults/calls", { count: 5, kind: 503 })).status, 200);
    assert.equal((await api(emu(), "GET", `${P}/projects`)).status, 503);
    assert.equal((await admin(emu(), "DELETE", "faults")).status, 200);
    assert.equal((await api(emu(), "GET", `${P}/projects`)).status, 200);
    assert.equal((await admin(emu(), "POST", "faults/calls", { count: 1, kind: 418 })).status, 400);
  });

  it("hangs a call until the client gives up", async () => {
    emu().faults.failNextCalls(1, "hang");
    await assert.rejects(emuFetch(emu())(`${emu().workspaceUrl}${P}/projects`, { headers: { authorization: `Bearer ${emu().identities.user.pat}` }, signal: AbortSignal.timeout(300) }), /timeout|abort/i);
    assert.equal((await api(emu(), "GET", `${P}/projects`)).status, 200);
  });

  it("fails the credential route N times or until cleared", async () => {
    const body = { endpoint: "projects/f/branches/production/endpoints/primary" };
    await api(emu(), "POST", `${P}/projects?project_id=f`, {});
    await new Promise((r) => setTimeout(r, 200));
    emu().faults.failCredentials(503, 1);
    assert.equal((await api(emu(), "POST", `${P}/credentials`, body)).status, 503);
    assert.equal((await api(emu(), "POST", `${P}/credentials`, body)).status, 200);
    await admin(emu(), "POST", "faults/credentials", { status: 403 });
    for (let i = 0; i < 3; i++) {
      const r = await api(emu(), "POST", `${P}/credentials`, body);
      assert.equal(r.status, 403);
      assert.equal(r.json.error_code, "PERMISSION_DENIED");
    }
    emu().faults.clear();
    assert.equal((await api(emu(), "POST", `${P}/credentials`, body)).status, 200);
  });

  it("logs method, path and status without tokens, and counts calls", async () => {
    emu().clearRequests();
    await api(emu(), "GET", `${P}/projects?page_size=3`);
    await api(emu(), "GET", "/api/2.0/preview/scim/v2/Me");
    await api(emu(), "GET", `${P}/projects/none`);
    const log = await (await admin(emu(), "GET", "requests?path_prefix=/api/2.0/postgres")).json() as any;
    assert.deepEqual(log.requests.map((e: { method: string; path: string; status: number }) => [e.method, e.path, e.status]), [
      ["GET", `${P}/projects`, 200],
      ["GET", `${P}/projects/none`, 404],
    ]);
    assert.ok(!JSON.stringify(log).includes(emu().identities.user.pat));
    await admin(emu(), "DELETE", "requests");
    assert.deepEqual(emu().requests(), []);
  });

  it("shortens credential lifetimes and expires every credential on demand", async () => {
    const body = { endpoint: "projects/f/branches/production/endpoints/primary" };
    await admin(emu(), "POST", "credentials/lifetime", { seconds: 5 });
    const cred = (await api(emu(), "POST", `${P}/credentials`, body)).json;
    const left = Date.parse(cred.expire_time) - Date.now();
    assert.ok(left <= 5000 && left > 2000, `lifetime ${left} ms`);
    assert.equal(emu().checkToken(cred.token, "dev@example.com", body.endpoint), "ok");
    const r = await (await admin(emu(), "POST", "credentials/expire-all")).json() as any;
    assert.ok(r.expired >= 1);
    assert.equal(emu().checkToken(cred.token, "dev@example.com", body.endpoint), "expired");
  });
});
