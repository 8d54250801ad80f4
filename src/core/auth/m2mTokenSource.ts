import * as z from "../validation";
import { silentLogger, type Logger, type SecretRegistry } from "../log";
import { DatabricksApiError } from "../http/errors";
import { WorkspaceHttpClient, type WorkspaceHttpClientOptions } from "../http/workspaceClient";
import { AuthError } from "./authError";
import { CachingTokenSource, type CachingOptions } from "./cachingTokenSource";
import { discoverTokenEndpoint } from "./oidcEndpoints";
import type { AccessToken, TokenSource } from "./tokenSource";

const TokenResponse = z.object({
  access_token: z.string().check(z.minLength(1)),
  token_type: z.optional(z.string()),
  expires_in: z.optional(z.coerce.number().check(z.positive())),
  scope: z.optional(z.string()),
});

export interface M2mOptions extends CachingOptions {
  profile: string;
  host: string;
  clientId: string;
  clientSecret: string;
  /** The profile's account_id: fills `{account_id}` of a unified or account host's OAuth root. */
  accountId?: string;
  secrets?: SecretRegistry;
  logger?: Logger;
  /** Passed to the HTTP client used for the token endpoint (fetch, retry, sleep…). */
  http?: Partial<WorkspaceHttpClientOptions>;
}

/**
 * OAuth machine-to-machine: client credentials grant at the token endpoint the host's OAuth
 * discovery names (oidcEndpoints.ts: workspace form, account form for account and unified
 * hosts). The endpoint is looked up once per source; a failed lookup is tried again next time.
 */
export class M2mTokenSource implements TokenSource {
  private readonly cache: CachingTokenSource;
  private readonly clients = new Map<string, WorkspaceHttpClient>();
  private readonly log: Logger;
  private tokenEndpoint: Promise<string> | undefined;

  constructor(private readonly opts: M2mOptions) {
    opts.secrets?.add(opts.clientSecret);
    this.log = opts.logger ?? silentLogger;
    this.cache = new CachingTokenSource(() => this.fetchToken(), opts);
  }

  /** One HTTP client per origin: discovery may name a token endpoint on another host. */
  private clientFor(url: string): WorkspaceHttpClient {
    const origin = new URL(url).origin;
    let c = this.clients.get(origin);
    if (!c) {
      c = new WorkspaceHttpClient({ ...this.opts.http, host: origin, profileName: this.opts.profile, secrets: this.opts.secrets, logger: this.log });
      this.clients.set(origin, c);
    }
    return c;
  }

  private endpoint(): Promise<string> {
    if (!this.tokenEndpoint) {
      const { profile, host, accountId } = this.opts;
      this.tokenEndpoint = discoverTokenEndpoint({ profile, host, accountId }, (url, req) => {
        const u = new URL(url);
        return this.clientFor(url).request<unknown>({ method: "GET", path: u.pathname, query: Object.fromEntries(u.searchParams), auth: false, timeoutMs: req.timeoutMs });
      });
      this.tokenEndpoint.then((e) => this.log.debug(`OAuth token endpoint of profile ${profile}: ${e}`), () => { this.tokenEndpoint = undefined; });
    }
    return this.tokenEndpoint;
  }

  getToken(signal?: AbortSignal): Promise<AccessToken> {
    return this.cache.getToken(signal);
  }

  invalidate(): void {
    this.cache.invalidate();
  }

  private async fetchToken(): Promise<AccessToken> {
    const { profile, clientId, clientSecret } = this.opts;
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64");
    this.opts.secrets?.add(basic);
    const now = this.opts.now ?? Date.now;
    const started = now();
    const tokenUrl = new URL(await this.endpoint());
    let raw: unknown;
    try {
      raw = await this.clientFor(tokenUrl.toString()).request<unknown>({
        method: "POST",
        path: tokenUrl.pathname,
        query: Object.fromEntries(tokenUrl.searchParams),
        form: { grant_type: "client_credentials", scope: "all-apis" },
        headers: { Authorization: `Basic ${basic}` },
        auth: false,
        // Asking for a token twice is harmless, so 5xx and dropped connections may be retried.
        idempotent: true,
      });
    } catch (err) {
      throw this.describe(err, tokenUrl.pathname);
    }
    const parsed = TokenResponse.safeParse(raw);
    if (!parsed.success) {
      throw new AuthError("oauth-error", profile, `The OAuth token endpoint of ${this.opts.host} (profile ${profile}) answered without an access_token; is the host a Databricks workspace?`);
    }
    this.opts.secrets?.add(parsed.data.access_token);
    const expiresIn = parsed.data.expires_in ?? 3600;
    this.log.debug(`OAuth M2M token for profile ${profile} obtained in ${now() - started} ms, expires in ${expiresIn} s`);
    return { token: parsed.data.access_token, expiresAt: new Date(started + expiresIn * 1000) };
  }

  private describe(err: unknown, tokenPath: string): unknown {
    if (!(err instanceof DatabricksApiError)) return err;
    const { profile } = this.opts;
    const code = err.errorCode ?? `HTTP ${err.status}`;
    if (err.errorCode === "invalid_client" || err.status === 401) {
      return new AuthError("invalid-client", profile,
        `The client secret for profile ${profile} was rejected (${code}). Check client_id/client_secret in the profile, ` +
        `or create a new OAuth secret for the service principal (secrets expire).`);
    }
    if (err.status === 404) {
      return new AuthError("oauth-error", profile, `${this.opts.host} has no OAuth token endpoint (404 on ${tokenPath}); check the host of profile ${profile}`);
    }
    return new AuthError("oauth-error", profile, `OAuth token request for profile ${profile} failed (${code}): ${err.message}`);
  }
}
