import { UserFacingError } from "../errors";
import { splitStatements } from "../sql/splitStatements";

/**
 * The one statement of an agent's SQL, or a clear refusal. Several statements are refused
 * before anything is sent: `COMMIT; DELETE …` must never reach the server as a script.
 * (The server refuses them too: statements go through the extended protocol, which takes one.)
 */
export function singleStatement(sql: string): string {
  const segments = splitStatements(sql, { all: true });
  if (segments.some((s) => s.kind === "psql")) {
    throw new UserFacingError("psql meta-commands (lines starting with \\) are not SQL; send one plain SQL statement.");
  }
  const statements = segments.filter((s) => s.kind === "sql");
  if (statements.length === 0) throw new UserFacingError("The SQL is empty: send one SQL statement.");
  if (statements.length > 1) {
    throw new UserFacingError(`Send one statement per call: this text holds ${statements.length} statements separated by ";". Nothing was run.`);
  }
  return statements[0].text;
}
