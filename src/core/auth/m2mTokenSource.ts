import { z } from "zod";
import { silentLogger, type Logger, type SecretRegistry } from "../log";
import { DatabricksApiError } from "../http/errors";
import { WorkspaceHttpClient, type WorkspaceHttpClientOptions } from "../http/workspaceClient";
import { AuthError } from "./authError";
import { CachingTokenSource, type CachingOptions } from "./cachingTokenSource";
import type { AccessToken, TokenSource } from "./tokenSource";

const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive().optional(),
  scope: z.string().optional(),
});

export interface M2mOptions extends CachingOptions {
  profile: string;
  host: string;
  clientId: string;
  clientSecret: string;
  secrets?: SecretRegistry;
  logger?: Logger;
  /** Passed to the HTTP client used for the token endpoint (fetch, retry, sleep…). */
  http?: Partial<WorkspaceHttpClientOptions>;
}

/**
 * OAuth machine-to-machine: client credentials grant at `{host}/oidc/v1/token` (the workspace's
 * well-known token endpoint; we skip discovery because every workspace serves this path).
 */
export class M2mTokenSource implements TokenSource {
  private readonly cache: CachingTokenSource;
  private readonly client: WorkspaceHttpClient;
  private readonly log: Logger;

  constructor(private readonly opts: M2mOptions) {
    opts.secrets?.add(opts.clientSecret);
    this.log = opts.logger ?? silentLogger;
    this.client = new WorkspaceHttpClient({ ...opts.http, host: opts.host, profileName: opts.profile, secrets: opts.secrets, logger: this.log });
    this.cache = new CachingTokenSource(() => this.fetchToken(), opts);
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
    let raw: unknown;
    try {
      raw = await this.client.request<unknown>({
        method: "POST",
        path: "/oidc/v1/token",
        form: { grant_type: "client_credentials", scope: "all-apis" },
        headers: { Authorization: `Basic ${basic}` },
        auth: false,
        // Asking for a token twice is harmless, so 5xx and dropped connections may be retried.
        idempotent: true,
      });
    } catch (err) {
      throw this.describe(err);
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

  private describe(err: unknown): unknown {
    if (!(err instanceof DatabricksApiError)) return err;
    const { profile } = this.opts;
    const code = err.errorCode ?? `HTTP ${err.status}`;
    if (err.errorCode === "invalid_client" || err.status === 401) {
      return new AuthError("invalid-client", profile,
        `The client secret for profile ${profile} was rejected (${code}). Check client_id/client_secret in the profile, ` +
        `or create a new OAuth secret for the service principal (secrets expire).`);
    }
    if (err.status === 404) {
      return new AuthError("oauth-error", profile, `${this.opts.host} has no OAuth token endpoint (404 on /oidc/v1/token); check the host of profile ${profile}`);
    }
    return new AuthError("oauth-error", profile, `OAuth token request for profile ${profile} failed (${code}): ${err.message}`);
  }
}
