import type { SecretRegistry } from "../log";
import type { AccessToken, TokenSource } from "./tokenSource";

/** A personal access token from the profile: nothing to refresh; a 401 is final. */
export class PatTokenSource implements TokenSource {
  constructor(private readonly token: string, secrets?: SecretRegistry) {
    secrets?.add(token);
  }
  async getToken(): Promise<AccessToken> {
    return { token: this.token };
  }
  invalidate(): void {
    // Nothing cached: the file's token is the only one there is.
  }
}
