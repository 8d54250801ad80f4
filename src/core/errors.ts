/** Errors meant for the user: the message already says what happened and what to do. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly actions: ReadonlyArray<{ title: string; command: string; args?: unknown[] }> = [],
    /** "info": a step the user has not taken yet (no target chosen), not a failure: shown as information, without Show Log. */
    readonly severity: "error" | "info" = "error",
  ) {
    super(message);
    this.name = "UserFacingError";
  }
}

/** A one-line message for any thrown value. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === "string") return err;
  try { return JSON.stringify(err); } catch { return String(err); }
}
