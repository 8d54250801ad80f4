/**
 * The contract with the data plane (emulator/dataplane/index.ts), restated
 * here so the control plane compiles and tests against it on its own; the
 * real implementation is structurally compatible.
 */
export type TokenCheck = (token: string, pgUser: string, endpointName: string) => "ok" | "expired" | "unknown";
export interface DataPlaneOptions {
  rootDir: string;
  checkToken: TokenCheck;
  log?: (line: string) => void;
}
export interface EndpointAddress {
  host: string;
  port: number;
}
export interface SuperuserConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}
export interface RoleAttrs {
  login: boolean;
  createdb?: boolean;
  createrole?: boolean;
  bypassrls?: boolean;
  superuserMember?: boolean;
}
export interface DataPlane {
  start(): Promise<void>;
  createBranch(branch: string, opts?: { copyFrom?: string }): Promise<{ lsn: string }>;
  deleteBranch(branch: string): Promise<void>;
  openEndpoint(endpoint: string, branch: string): Promise<EndpointAddress>;
  closeEndpoint(endpoint: string): Promise<void>;
  createDatabase(branch: string, postgresDatabase: string, ownerRole: string): Promise<void>;
  dropDatabase(branch: string, postgresDatabase: string): Promise<void>;
  createRole(branch: string, postgresRole: string, attrs: RoleAttrs): Promise<void>;
  dropRole(branch: string, postgresRole: string): Promise<void>;
  superuser(branch: string): Promise<SuperuserConnection>;
  dropAllSessions(): Promise<number>;
  setColdStart(ms: number): void;
  stop(): Promise<void>;
}
export type DataPlaneFactory = (opts: DataPlaneOptions) => DataPlane;
