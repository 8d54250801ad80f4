import type * as z from "../validation";
import { silentLogger, type Logger } from "../log";
import { abortableSleep } from "../http/abortableSleep";
import type { LakebaseHttp, LakebaseHttpRequest, QueryValue } from "./httpPort";
import { LakebaseResponseError } from "./errors";
import { assertResourceId } from "./ids";
import { parseResponse, tryParse } from "./parse";
import { clampPageSize, iteratePages, type ListOptions, type PageOptions, type PagingLimits } from "./paging";
import { isEmptyResponse, pollOperation, type PollBackoff, type WaitOptions } from "./operations";
import { BRANCH, DATABASE, ENDPOINT, PROJECT, ROLE, type ResourceKind } from "./resourceKinds";
import { checkBranchExpiry, expiryKeysSent } from "./branchExpiry";
import type { BranchSpec, CreateProjectBody, CredentialRequestOptions, DatabaseSpec, EndpointSpec, RoleSpec } from "./specs";
import { CredentialSchema, OperationSchema, type Branch, type Credential, type Database, type Endpoint, type InvalidListItem, type Operation, type Page, type Project, type Role } from "./types";

const BASE = "/api/2.0/postgres";

/** A started long-running operation; pass it to `waitForOperation` to get the resource. */
export interface OperationHandle<T> {
  readonly name: string;
  /** The operation as first returned (may already be `done`). */
  readonly operation: Operation;
  /** e.g. "create branch 'dev'": for progress messages. */
  readonly action: string;
  readonly parseResult: (response: Record<string, unknown> | undefined) => T;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface LakebaseClientOptions {
  logger?: Logger;
  pollBackoff?: PollBackoff;
  /** Injected for tests of the polling loop; defaults to real timers. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

type Mask = string | readonly string[];

/**
 * Typed client of the Lakebase Autoscaling REST API (reference §1). Transport concerns (auth,
 * retries of 429/503, timeouts, typed HTTP errors) belong to the injected HTTP client; this
 * class adds routes, validation of user-typed ids, response parsing and operation polling.
 */
export class LakebaseClient {
  private readonly log: Logger;

  constructor(private readonly http: LakebaseHttp, private readonly opts: LakebaseClientOptions = {}) {
    this.log = opts.logger ?? silentLogger;
  }

  // ---- projects ------------------------------------------------------------------------------
  listProjects(opts: ListOptions = {}): AsyncGenerator<Project, void, undefined> {
    return iteratePages((pageToken) => this.listProjectsPage({ ...opts, pageToken }), this.limits(opts, "projects"));
  }
  listProjectsPage(opts: PageOptions = {}): Promise<Page<Project>> {
    return this.listPage(PROJECT, "", opts);
  }
  getProject(name: string, o: RequestOptions = {}): Promise<Project> {
    return this.get(PROJECT, name, o);
  }
  createProject(projectId: string, body: CreateProjectBody = {}, o: RequestOptions = {}): Promise<OperationHandle<Project>> {
    return this.create(PROJECT, "", projectId, body, o);
  }
  updateProject(name: string, patch: Record<string, unknown>, updateMask: Mask, o: RequestOptions = {}): Promise<OperationHandle<Project>> {
    return this.update(PROJECT, name, patch, updateMask, o);
  }
  deleteProject(name: string, o: RequestOptions & { purge?: boolean } = {}): Promise<OperationHandle<void>> {
    return this.remove("project", name, { purge: o.purge || undefined }, o);
  }
  undeleteProject(name: string, o: RequestOptions = {}): Promise<OperationHandle<Project>> {
    return this.undelete(PROJECT, name, o);
  }

  // ---- branches ------------------------------------------------------------------------------
  listBranches(projectName: string, opts: ListOptions = {}): AsyncGenerator<Branch, void, undefined> {
    return iteratePages((pageToken) => this.listBranchesPage(projectName, { ...opts, pageToken }), this.limits(opts, `branches of ${projectName}`));
  }
  listBranchesPage(projectName: string, opts: PageOptions = {}): Promise<Page<Branch>> {
    return this.listPage(BRANCH, projectName, opts);
  }
  getBranch(name: string, o: RequestOptions = {}): Promise<Branch> {
    return this.get(BRANCH, name, o);
  }
  /** `spec` needs exactly one of ttl / expire_time / no_expiry; at most one of source_branch_lsn / _time. */
  async createBranch(projectName: string, branchId: string, spec: BranchSpec, o: RequestOptions & { replaceExisting?: boolean } = {}): Promise<OperationHandle<Branch>> {
    checkBranchSpec(spec);
    return this.create(BRANCH, projectName, branchId, { spec }, o, o.replaceExisting);
  }
  /** A patch that masks `spec.expiration` or carries an expiry key needs exactly one of ttl / expire_time / no_expiry. */
  async updateBranch(name: string, patch: Record<string, unknown>, updateMask: Mask, o: RequestOptions = {}): Promise<OperationHandle<Branch>> {
    const spec = (patch.spec ?? {}) as Record<string, unknown>;
    const paths = typeof updateMask === "string" ? updateMask.split(",").map((p) => p.trim()) : updateMask;
    if (paths.includes("spec.expiration") || expiryKeysSent(spec).length > 0) {
      const problem = checkBranchExpiry(spec);
      if (problem) throw new Error(problem);
    }
    return this.update(BRANCH, name, patch, updateMask, o);
  }
  deleteBranch(name: string, o: RequestOptions & { purge?: boolean } = {}): Promise<OperationHandle<void>> {
    return this.remove("branch", name, { purge: o.purge || undefined }, o);
  }
  undeleteBranch(name: string, o: RequestOptions = {}): Promise<OperationHandle<Branch>> {
    return this.undelete(BRANCH, name, o);
  }

  // ---- endpoints -----------------------------------------------------------------------------
  listEndpoints(branchName: string, opts: ListOptions = {}): AsyncGenerator<Endpoint, void, undefined> {
    return iteratePages((pageToken) => this.listEndpointsPage(branchName, { ...opts, pageToken }), this.limits(opts, `endpoints of ${branchName}`));
  }
  listEndpointsPage(branchName: string, opts: PageOptions = {}): Promise<Page<Endpoint>> {
    return this.listPage(ENDPOINT, branchName, { ...opts, showDeleted: undefined });
  }
  getEndpoint(name: string, o: RequestOptions = {}): Promise<Endpoint> {
    return this.get(ENDPOINT, name, o);
  }
  createEndpoint(branchName: string, endpointId: string, spec: EndpointSpec, o: RequestOptions & { replaceExisting?: boolean } = {}): Promise<OperationHandle<Endpoint>> {
    return this.create(ENDPOINT, branchName, endpointId, { spec }, o, o.replaceExisting);
  }
  updateEndpoint(name: string, patch: Record<string, unknown>, updateMask: Mask, o: RequestOptions = {}): Promise<OperationHandle<Endpoint>> {
    return this.update(ENDPOINT, name, patch, updateMask, o);
  }
  deleteEndpoint(name: string, o: RequestOptions = {}): Promise<OperationHandle<void>> {
    return this.remove("endpoint", name, {}, o);
  }

  // ---- databases -----------------------------------------------------------------------------
  listDatabases(branchName: string, opts: ListOptions = {}): AsyncGenerator<Database, void, undefined> {
    return iteratePages((pageToken) => this.listDatabasesPage(branchName, { ...opts, pageToken }), this.limits(opts, `databases of ${branchName}`));
  }
  listDatabasesPage(branchName: string, opts: PageOptions = {}): Promise<Page<Database>> {
    return this.listPage(DATABASE, branchName, { ...opts, showDeleted: undefined });
  }
  getDatabase(name: string, o: RequestOptions = {}): Promise<Database> {
    return this.get(DATABASE, name, o);
  }
  /** `databaseId` may be omitted: the API generates one. `spec.role` (owner role name) is required. */
  createDatabase(branchName: string, databaseId: string | undefined, spec: DatabaseSpec, o: RequestOptions & { replaceExisting?: boolean } = {}): Promise<OperationHandle<Database>> {
    return this.create(DATABASE, branchName, databaseId, { spec }, o, o.replaceExisting);
  }
  updateDatabase(name: string, patch: Record<string, unknown>, updateMask: Mask, o: RequestOptions = {}): Promise<OperationHandle<Database>> {
    return this.update(DATABASE, name, patch, updateMask, o);
  }
  deleteDatabase(name: string, o: RequestOptions = {}): Promise<OperationHandle<void>> {
    return this.remove("database", name, {}, o);
  }

  // ---- roles ---------------------------------------------------------------------------------
  listRoles(branchName: string, opts: ListOptions = {}): AsyncGenerator<Role, void, undefined> {
    return iteratePages((pageToken) => this.listRolesPage(branchName, { ...opts, pageToken }), this.limits(opts, `roles of ${branchName}`));
  }
  listRolesPage(branchName: string, opts: PageOptions = {}): Promise<Page<Role>> {
    return this.listPage(ROLE, branchName, { ...opts, showDeleted: undefined });
  }
  getRole(name: string, o: RequestOptions = {}): Promise<Role> {
    return this.get(ROLE, name, o);
  }
  createRole(branchName: string, roleId: string | undefined, spec: RoleSpec, o: RequestOptions & { replaceExisting?: boolean } = {}): Promise<OperationHandle<Role>> {
    return this.create(ROLE, branchName, roleId, { spec }, o, o.replaceExisting);
  }
  updateRole(name: string, patch: Record<string, unknown>, updateMask: Mask, o: RequestOptions = {}): Promise<OperationHandle<Role>> {
    return this.update(ROLE, name, patch, updateMask, o);
  }
  /** `reassignOwnedTo`: role (name) that takes over the objects this role owns. */
  deleteRole(name: string, o: RequestOptions & { reassignOwnedTo?: string } = {}): Promise<OperationHandle<void>> {
    return this.remove("role", name, { reassign_owned_to: o.reassignOwnedTo }, o);
  }

  // ---- credentials and operations ------------------------------------------------------------
  /** A short-lived Postgres password for `endpointName` (no operation: answered directly). */
  async generateCredential(endpointName: string, o: CredentialRequestOptions = {}): Promise<Credential> {
    const body: Record<string, unknown> = { endpoint: endpointName };
    if (o.ttl !== undefined) body.ttl = o.ttl;
    if (o.claims !== undefined) body.claims = o.claims;
    // Minting a second token is harmless, so a 5xx or dropped connection may be retried.
    const raw = await this.call({ method: "POST", path: `${BASE}/credentials`, body, signal: o.signal, auth: true, idempotent: true });
    const parsed = parseResponse(CredentialSchema, raw, "credential");
    const expireTime = new Date(parsed.expire_time);
    if (Number.isNaN(expireTime.getTime())) throw new Error(`The Lakebase API returned an unreadable credential expiry '${parsed.expire_time}'.`);
    return { token: parsed.token, expireTime };
  }

  async getOperation(name: string, o: RequestOptions = {}): Promise<Operation> {
    const raw = await this.call({ method: "GET", path: `${BASE}/${encodePath(name)}`, signal: o.signal, auth: true });
    return parseResponse(OperationSchema, raw, "operation");
  }

  /** Polls until the operation is done and returns its resource (see operations.ts for errors). */
  async waitForOperation<T>(handle: OperationHandle<T>, opts: WaitOptions = {}): Promise<T> {
    const response = await pollOperation(
      handle.operation,
      {
        fetchOperation: (name, signal) => this.getOperation(name, { signal }),
        sleep: this.opts.sleep ?? abortableSleep,
        now: this.opts.now ?? Date.now,
      },
      { backoff: this.opts.pollBackoff, ...opts },
    );
    this.log.debug(`${handle.action}: done`);
    return handle.parseResult(response);
  }

  async createProjectAndWait(projectId: string, body: CreateProjectBody = {}, opts: WaitOptions = {}): Promise<Project> {
    return this.waitForOperation(await this.createProject(projectId, body, opts), opts);
  }
  async createBranchAndWait(projectName: string, branchId: string, spec: BranchSpec, opts: WaitOptions = {}): Promise<Branch> {
    return this.waitForOperation(await this.createBranch(projectName, branchId, spec, opts), opts);
  }

  // ---- generic route helpers -----------------------------------------------------------------
  private limits(o: ListOptions, what: string): PagingLimits {
    return { maxPages: o.maxPages, maxDurationMs: o.maxDurationMs, now: this.opts.now, what };
  }

  private async listPage<S extends z.ZodMiniType>(k: ResourceKind<S>, parent: string, o: PageOptions): Promise<Page<z.infer<S>>> {
    const path = parent ? `${BASE}/${encodePath(parent)}/${k.collection}` : `${BASE}/${k.collection}`;
    const query: Record<string, QueryValue> = { page_size: clampPageSize(o.pageSize), page_token: o.pageToken || undefined, show_deleted: o.showDeleted || undefined };
    const raw = (await this.call({ method: "GET", path, query, signal: o.signal, auth: true })) as Record<string, unknown> | undefined;
    const list = raw?.[k.collection] ?? [];
    if (!Array.isArray(list)) throw new LakebaseResponseError(`${k.kind} list`, `'${k.collection}' is ${typeof list}, expected an array`);
    // One item the schema does not accept is reported and left out; the rest of the page stays.
    const items: z.infer<S>[] = [];
    const invalid: InvalidListItem[] = [];
    list.forEach((item, i) => {
      const r = tryParse(k.schema, item);
      if (r.ok) return void items.push(r.value);
      const name = item && typeof item === "object" && typeof (item as { name?: unknown }).name === "string" ? (item as { name: string }).name : undefined;
      invalid.push({ index: i, name, problem: `Unexpected ${k.kind} #${i + 1} of the list${name ? ` ('${name}')` : ""} from the Lakebase API: ${r.problem}` });
    });
    for (const bad of invalid) this.log.warn(`${bad.problem}; left out of the list`);
    const next = raw?.next_page_token;
    const nextPageToken = typeof next === "string" && next !== "" ? next : undefined;
    return invalid.length > 0 ? { items, nextPageToken, invalid } : { items, nextPageToken };
  }

  private async get<S extends z.ZodMiniType>(k: ResourceKind<S>, name: string, o: RequestOptions): Promise<z.infer<S>> {
    const raw = await this.call({ method: "GET", path: `${BASE}/${encodePath(name)}`, signal: o.signal, auth: true });
    return parseResponse(k.schema, raw, `${k.kind} '${name}'`);
  }

  private async create<S extends z.ZodMiniType>(k: ResourceKind<S>, parent: string, id: string | undefined, body: unknown, o: RequestOptions, replaceExisting?: boolean): Promise<OperationHandle<z.infer<S>>> {
    if (id !== undefined) assertResourceId(k.kind, id);
    const path = parent ? `${BASE}/${encodePath(parent)}/${k.collection}` : `${BASE}/${k.collection}`;
    const query: Record<string, QueryValue> = { [k.idParam]: id, replace_existing: replaceExisting || undefined };
    const raw = await this.call({ method: "POST", path, query, body, signal: o.signal, auth: true });
    return this.handle(raw, `create ${k.kind} '${id ?? "(generated id)"}'`, (r) => parseResponse(k.schema, r, `created ${k.kind}`));
  }

  private async update<S extends z.ZodMiniType>(k: ResourceKind<S>, name: string, patch: Record<string, unknown>, mask: Mask, o: RequestOptions): Promise<OperationHandle<z.infer<S>>> {
    const updateMask = typeof mask === "string" ? mask : mask.join(",");
    if (!updateMask) throw new Error(`Updating ${k.kind} '${name}' needs an update mask naming the changed fields, e.g. 'spec.autoscaling_limit_max_cu'.`);
    const raw = await this.call({ method: "PATCH", path: `${BASE}/${encodePath(name)}`, query: { update_mask: updateMask }, body: patch, signal: o.signal, auth: true });
    return this.handle(raw, `update ${k.kind} '${name}'`, (r) => parseResponse(k.schema, r, `updated ${k.kind}`));
  }

  private async remove(kind: string, name: string, query: Record<string, QueryValue>, o: RequestOptions): Promise<OperationHandle<void>> {
    const raw = await this.call({ method: "DELETE", path: `${BASE}/${encodePath(name)}`, query, signal: o.signal, auth: true });
    return this.handle(raw, `delete ${kind} '${name}'`, (r) => {
      if (!isEmptyResponse(r)) this.log.debug(`delete ${kind} '${name}' answered with a resource; ignoring it`);
    });
  }

  private async undelete<S extends z.ZodMiniType>(k: ResourceKind<S>, name: string, o: RequestOptions): Promise<OperationHandle<z.infer<S>>> {
    const raw = await this.call({ method: "POST", path: `${BASE}/${encodePath(name)}/undelete`, body: {}, signal: o.signal, auth: true });
    return this.handle(raw, `undelete ${k.kind} '${name}'`, (r) => parseResponse(k.schema, r, `undeleted ${k.kind}`));
  }

  private handle<T>(raw: unknown, action: string, parseResult: (r: Record<string, unknown> | undefined) => T): OperationHandle<T> {
    const operation = parseResponse(OperationSchema, raw, `operation of ${action}`);
    this.log.debug(`${action}: operation ${operation.name}${operation.done ? " (already done)" : ""}`);
    return { name: operation.name, operation, action, parseResult };
  }

  private call(req: LakebaseHttpRequest): Promise<unknown> {
    return this.http.request<unknown>(req);
  }
}

/** Encodes each segment of a resource name (names come from the API and keep their slashes). */
function encodePath(name: string): string {
  return name.replace(/^\/+/, "").split("/").map(encodeURIComponent).join("/");
}

function checkBranchSpec(spec: BranchSpec): void {
  const expiryProblem = checkBranchExpiry(spec);
  if (expiryProblem) throw new Error(expiryProblem);
  if (spec.source_branch_lsn !== undefined && spec.source_branch_time !== undefined) {
    throw new Error("A branch starts from either a point in time (source_branch_time) or an LSN (source_branch_lsn), not both.");
  }
}
