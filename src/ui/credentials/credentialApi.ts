import * as vscode from "vscode";
import type { CredentialStatus } from "../../core/credentials/types";
import { UserFacingError } from "../../core/errors";
import type { Shell } from "../shell";
import { CREDENTIAL_EVENTS, type CredentialChangeEvent, toCredentialChange } from "./credentialChange";

export type { CredentialChangeEvent } from "./credentialChange";
const ENDPOINT_NAME = /^projects\/[^/\s]+\/branches\/[^/\s]+\/endpoints\/[^/\s]+$/;

export interface CredentialRequest {
  /** Databricks config profile name. */
  profile: string;
  /** Endpoint resource name: projects/{p}/branches/{b}/endpoints/{e}. */
  endpoint: string;
}

export interface LakebaseCredential {
  /** The Postgres password (a Lakebase OAuth token). */
  token: string;
  expireTime: Date;
  /** The Postgres user the token logs in as. */
  user: string;
}

export interface CredentialApi {
  getCredential(request: CredentialRequest): Promise<LakebaseCredential>;
  onDidChangeCredential: vscode.Event<CredentialChangeEvent>;
}

/**
 * The public API's credential part, for the lead's publicApi.ts: other extensions get the same
 * cached, single-flight credential the extension itself uses, and hear about every refresh.
 */
export function createCredentialApi(shell: Shell): CredentialApi {
  const { services } = shell;
  const emitter = new vscode.EventEmitter<CredentialChangeEvent>();
  shell.context.subscriptions.push(emitter);
  for (const event of CREDENTIAL_EVENTS) {
    const sub = services.credentials.on(event, (s: CredentialStatus) => emitter.fire(toCredentialChange(event, s)));
    shell.context.subscriptions.push(sub);
  }

  return {
    onDidChangeCredential: emitter.event,
    async getCredential(request: CredentialRequest): Promise<LakebaseCredential> {
      const profile = typeof request?.profile === "string" ? request.profile.trim() : "";
      const endpoint = typeof request?.endpoint === "string" ? request.endpoint.trim() : "";
      if (!profile) throw new UserFacingError("getCredential needs { profile, endpoint }: profile is missing.");
      if (!ENDPOINT_NAME.test(endpoint)) {
        throw new UserFacingError(`getCredential: "${endpoint}" is not an endpoint resource name; expected projects/<project>/branches/<branch>/endpoints/<endpoint>.`);
      }
      const identity = await services.profiles.identity(profile);
      const key = { profile, endpoint, identity: identity.postgresUser };
      const token = await services.credentials.get(key);
      const expireTime = services.credentials.status(key).expireTime;
      if (!expireTime) throw new Error(`The credential for ${endpoint} has no expiry time; this is a bug, please report it.`);
      return { token, expireTime, user: identity.postgresUser };
    },
  };
}
