import { firstKeyword } from "../../db/statementKind";
import { splitStatements } from "../splitStatements";

// Statements after which the catalog may differ: DDL, comments, privileges, and the ones that
// refresh row estimates or can run anything (DO blocks, procedures).
const CHANGING = new Set(["CREATE", "ALTER", "DROP", "COMMENT", "GRANT", "REVOKE", "ANALYZE", "VACUUM", "DO", "CALL", "IMPORT", "REFRESH", "SECURITY", "REINDEX", "CLUSTER"]);

/** True when running `sql` may have changed what the catalog reader sees. */
export function changesCatalog(sql: string): boolean {
  return splitStatements(sql).some((s) => CHANGING.has(firstKeyword(s.text)));
}
