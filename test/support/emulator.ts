import type { ConnectionOptions } from "node:tls";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator/index";
import { sslFor } from "../../src/core/db/ssl";
import { createHttpsTransport } from "../../src/core/http/httpsTransport";
import { TlsTrust } from "../../src/core/tlsTrust";

/**
 * One emulator per mocha suite: call inside `describe`. Starts in `before`,
 * clears faults and the request log after each test, stops in `after`.
 *
 *   const emu = useEmulator({ operationPolls: 0 });
 *   it("…", async () => { const e = emu(); … });
 */
export function useEmulator(opts: EmulatorOptions = {}): () => Emulator {
  let emu: Emulator | undefined;
  before(async function () {
    this.timeout(60000);
    emu = await startEmulator(opts);
  });
  afterEach(() => {
    emu?.faults.clear();
  });
  after(async function () {
    this.timeout(60000);
    await emu?.stop();
    emu = undefined;
  });
  return () => {
    if (!emu) throw new Error("useEmulator: the emulator is not running (use it inside a test, after `before`)");
    return emu;
  };
}

/*
 * The emulator speaks TLS with a CA made for its run. Tests trust it the way users do, through
 * the extension's own trust object (the `lakebase.extraCaFile` setting), so certificate
 * verification and servername handling run in every test.
 */
const trusts = new WeakMap<Emulator, TlsTrust>();
const transports = new WeakMap<Emulator, typeof fetch>();

/** The extension's trust with the emulator's CA as extra CA file. */
export function emulatorTrust(emu: Emulator): TlsTrust {
  let t = trusts.get(emu);
  if (!t) trusts.set(emu, (t = new TlsTrust(emu.caFile)));
  return t;
}

/** `fetch` for raw calls to the emulator (global fetch cannot trust an extra CA): the extension's transport. */
export function emuFetch(emu: Emulator): typeof fetch {
  let f = transports.get(emu);
  if (!f) transports.set(emu, (f = createHttpsTransport(emulatorTrust(emu))));
  return f;
}

/** pg `ssl` options for a raw connection to one of the emulator's front doors: verified TLS. */
export function emuSsl(emu: Emulator, host: string): ConnectionOptions {
  return sslFor(host, emulatorTrust(emu));
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** A raw REST call with the user's PAT (or `token`). */
export async function api(emu: Emulator, method: string, path: string, body?: unknown, token: string | null = emu.identities.user.pat): Promise<ApiResponse> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await emuFetch(emu)(emu.workspaceUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

/** Polls an operation (as returned by a create/update/delete) until done; returns the final operation. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function waitOperation(emu: Emulator, op: ApiResponse, token?: string): Promise<any> {
  if (op.status !== 200) throw new Error(`Expected an operation, got HTTP ${op.status}: ${JSON.stringify(op.json)}`);
  let cur = op.json;
  const deadline = Date.now() + 60000;
  while (!cur.done) {
    if (Date.now() > deadline) throw new Error(`Operation ${cur.name} did not finish within 60 s`);
    await new Promise((r) => setTimeout(r, 10));
    const next = await api(emu, "GET", `/api/2.0/postgres/${cur.name}`, undefined, token);
    if (next.status !== 200) throw new Error(`Polling ${cur.name}: HTTP ${next.status}: ${JSON.stringify(next.json)}`);
    cur = next.json;
  }
  return cur;
}

/** Creates a project and waits for it; returns the project resource. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function createProject(emu: Emulator, projectId: string, body: unknown = {}): Promise<any> {
  const op = await waitOperation(emu, await api(emu, "POST", `/api/2.0/postgres/projects?project_id=${projectId}`, body));
  if (op.error) throw new Error(`Creating ${projectId}: ${JSON.stringify(op.error)}`);
  return op.response;
}

/** Creates a branch (no expiry) from `source` (default: production) and waits for it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function createBranch(emu: Emulator, projectId: string, branchId: string, source?: string): Promise<any> {
  const spec = { source_branch: source ?? `projects/${projectId}/branches/production`, no_expiry: true };
  const op = await waitOperation(emu, await api(emu, "POST", `/api/2.0/postgres/projects/${projectId}/branches?branch_id=${branchId}`, { spec }));
  if (op.error) throw new Error(`Creating branch ${branchId}: ${JSON.stringify(op.error)}`);
  return op.response;
}
