import type { Logger, SecretRegistry } from "../log";
import type { WorkspaceHttpClientOptions } from "../http/workspaceClient";
import { isUsable, type Profile } from "../profiles/profile";
import { AuthError } from "./authError";
import { CliTokenSource } from "./cliTokenSource";
import { M2mTokenSource } from "./m2mTokenSource";
import { PatTokenSource } from "./patTokenSource";
import type { TokenSource } from "./tokenSource";

export interface TokenSourceContext {
  /** `lakebase.databricksCliPath` setting; the profile's databricks_cli_path wins over it. */
  cliPath?: string;
  /** Our config file when it is not ~/.databrickscfg (handed to the CLI). */
  configFile?: string;
  env?: NodeJS.ProcessEnv;
  cliTimeoutMs?: number;
  refreshMarginMs?: number;
  secrets?: SecretRegistry;
  logger?: Logger;
  http?: Partial<WorkspaceHttpClientOptions>;
}

/** The token source for a profile; AuthError("unsupported") for profiles we cannot serve. */
export function createTokenSource(profile: Profile, ctx: TokenSourceContext = {}): TokenSource {
  if (!isUsable(profile)) {
    throw new AuthError("unsupported", profile.name, `Profile ${profile.name} cannot be used: ${profile.unavailable?.reason ?? "it has no host"}`);
  }
  const common = { secrets: ctx.secrets, logger: ctx.logger, refreshMarginMs: ctx.refreshMarginMs };
  switch (profile.authType) {
    case "pat":
      return new PatTokenSource(profile.token!, ctx.secrets);
    case "oauth-m2m":
      return new M2mTokenSource({ ...common, profile: profile.name, host: profile.host, clientId: profile.clientId!, clientSecret: profile.clientSecret!, accountId: profile.accountId, http: ctx.http });
    case "databricks-cli":
      return new CliTokenSource({
        ...common,
        profile: profile.name,
        host: profile.host,
        cliPath: profile.databricksCliPath ?? ctx.cliPath,
        configFile: ctx.configFile,
        env: ctx.env,
        timeoutMs: ctx.cliTimeoutMs,
      });
  }
}
