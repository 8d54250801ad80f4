import { randomBytes } from "node:crypto";
import { hex, uuid } from "./ids";

/**
 * Who can call the emulated workspace, and the tokens it has issued:
 * workspace tokens (a PAT per user, OAuth tokens from /oidc/v1/token) and
 * Lakebase database credentials bound to (identity, endpoint).
 */
export interface Identity {
  kind: "user" | "service-principal";
  /** SCIM userName: the email for a person, the application id for an SP. Also the Postgres user. */
  userName: string;
  displayName: string;
  scimId: string;
}

export interface Identities {
  user: { email: string; pat: string };
  servicePrincipal: { clientId: string; clientSecret: string; displayName: string };
}

interface WorkspaceToken {
  identity: Identity;
  expiresAt: number; // ms; Infinity for a PAT
  revoked: boolean;
}

interface Credential {
  identity: Identity;
  endpoint: string;
  expiresAt: number;
}

export type TokenCheckResult = "ok" | "expired" | "unknown";

/** Base64url JSON, shaped like the JWTs the real service hands out (so log redaction patterns match). */
function jwtLike(claims: Record<string, unknown>): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${enc({ alg: "RS256", typ: "JWT", kid: hex(8) })}.${enc(claims)}.${randomBytes(32).toString("base64url")}`;
}

export class AuthStore {
  readonly user: Identity;
  readonly sp: Identity;
  readonly identities: Identities;
  private readonly workspaceTokens = new Map<string, WorkspaceToken>();
  private readonly credentials = new Map<string, Credential>();
  /** Lifetime of workspace OAuth tokens (s). */
  workspaceTokenLifetimeSeconds: number;
  /** Wall clock for every expiry (a test may move it forward, as after a laptop sleep). */
  private readonly now: () => number;

  constructor(opts: { identities?: Identities; workspaceTokenLifetimeSeconds?: number; now?: () => number } = {}) {
    this.now = opts.now ?? Date.now;
    // Given identities (restored from --data-dir) keep the config file valid across restarts.
    this.identities = opts.identities ?? {
      user: { email: "dev@example.com", pat: `dapi${hex(16)}` },
      servicePrincipal: { clientId: uuid(), clientSecret: `dose${hex(32)}`, displayName: "emulator-sp" },
    };
    const { user, servicePrincipal: sp } = this.identities;
    this.user = { kind: "user", userName: user.email, displayName: "Dev User", scimId: "1000000000000001" };
    this.sp = { kind: "service-principal", userName: sp.clientId, displayName: sp.displayName, scimId: "1000000000000002" };
    this.workspaceTokens.set(user.pat, { identity: this.user, expiresAt: Infinity, revoked: false });
    this.workspaceTokenLifetimeSeconds = opts.workspaceTokenLifetimeSeconds ?? 3600;
  }

  /** Client-credentials grant. Undefined when the client id/secret pair is wrong. */
  issueOAuthToken(clientId: string, clientSecret: string): { token: string; expiresIn: number } | undefined {
    const sp = this.identities.servicePrincipal;
    if (clientId !== sp.clientId || clientSecret !== sp.clientSecret) return undefined;
    const expiresIn = this.workspaceTokenLifetimeSeconds;
    const exp = this.now() + expiresIn * 1000;
    const token = jwtLike({ sub: clientId, iss: "emulator/oidc", aud: "all-apis", exp: Math.floor(exp / 1000), jti: uuid() });
    this.workspaceTokens.set(token, { identity: this.sp, expiresAt: exp, revoked: false });
    return { token, expiresIn };
  }

  /** The identity behind a bearer token, or why there is none. */
  authenticate(token: string): { identity: Identity } | { problem: "unknown" | "expired" | "revoked" } {
    const t = this.workspaceTokens.get(token);
    if (!t) return { problem: "unknown" };
    if (t.revoked) return { problem: "revoked" };
    if (this.now() >= t.expiresAt) return { problem: "expired" };
    return { identity: t.identity };
  }

  /** A new personal access token of `identity` (the Token API); no lifetime: it does not expire. */
  issuePersonalAccessToken(identity: Identity, lifetimeSeconds?: number): { token: string; tokenId: string; createdAt: number; expiresAt: number } {
    const token = `dapi${hex(16)}`;
    const createdAt = this.now();
    const expiresAt = lifetimeSeconds && lifetimeSeconds > 0 ? createdAt + lifetimeSeconds * 1000 : Infinity;
    this.workspaceTokens.set(token, { identity, expiresAt, revoked: false });
    return { token, tokenId: hex(32), createdAt, expiresAt };
  }

  /** Returns false when the token was never issued here. */
  revokeWorkspaceToken(token: string): boolean {
    const t = this.workspaceTokens.get(token);
    if (!t) return false;
    t.revoked = true;
    return true;
  }

  issueCredential(identity: Identity, endpoint: string, lifetimeSeconds: number): { token: string; expiresAt: number } {
    // Whole seconds, like the service's RFC3339 expire_time.
    const expiresAt = Math.floor((this.now() + lifetimeSeconds * 1000) / 1000) * 1000;
    const token = jwtLike({ sub: identity.userName, endpoint, exp: expiresAt / 1000, jti: uuid() });
    this.credentials.set(token, { identity, endpoint, expiresAt });
    return { token, expiresAt };
  }

  /** The front door's check at login: bound to the caller's Postgres user and the endpoint. */
  checkCredential(token: string, pgUser: string, endpointName: string): TokenCheckResult {
    const c = this.credentials.get(token);
    if (!c || c.endpoint !== endpointName || c.identity.userName !== pgUser) return "unknown";
    return this.now() >= c.expiresAt ? "expired" : "ok";
  }

  /** Fault: every credential issued so far expires now. */
  expireAllCredentials(): number {
    const now = this.now();
    let n = 0;
    for (const c of this.credentials.values()) {
      if (c.expiresAt > now) n++;
      c.expiresAt = Math.min(c.expiresAt, now);
    }
    return n;
  }

  get credentialCount(): number {
    return this.credentials.size;
  }
}
