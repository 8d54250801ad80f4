/**
 * The message beside a long-running operation's title while it is polled: "waiting for the workspace…"
 * and, after the first seconds, how long it has taken. (It used to cycle "workspace." / ".." / "...",
 * which read as a typo.)
 */
export function operationProgressText(elapsedMs: number): string {
  const s = Math.floor(elapsedMs / 1000);
  return s < 2 ? "waiting for the workspace…" : `waiting for the workspace… ${s} s`;
}
