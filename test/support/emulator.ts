import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator/index";

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
  const res = await fetch(emu.workspaceUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
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
