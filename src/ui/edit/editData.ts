/**
 * "Edit Data" on a table: reads its catalog entry (key, types, generated columns), shows its rows in the results
 * panel as an editable result, turns the webview's staged changes into the SQL the user reviews, and applies
 * them in one transaction (core applyEdits), asking first on a protected or default branch. After an apply
 * the table is read again. Originals for the conflict check come from the host's own copy of the rows.
 */
import * as vscode from "vscode";
import { branchDbTarget } from "../../core/target/branchDbTarget";
import type { DbTarget } from "../../core/db/types";
import { applyEdits } from "../../core/edit/applyEdits";
import { buildEditStatements, EditError, previewText, qualifiedName } from "../../core/edit/editSql";
import type { EditOutcome, EditTable, RowChange } from "../../core/edit/editTypes";
import { readTableInfo } from "../../core/edit/tableInfo";
import { resultTable } from "../../core/edit/resultTable";
import { splitStatements } from "../../core/sql/splitStatements";
import type { DatabaseRef } from "../../core/explorer/schemaReader";
import { UserFacingError } from "../../core/errors";
import { isDefaultBranch } from "../../core/lakebase/describe";
import type { EditInfo, QueryTarget, StagedChange, WebviewMessage } from "../../shared/protocol";
import type { QueryController } from "../query/queryController";
import type { QuerySummary } from "../query/querySummary";
import { queryTargetOf } from "../query/targetLabel";
import type { ResultsPanel } from "../results/resultsPanel";
import { folderKey, type Shell } from "../shell";

const lastSegment = (name: string) => name.slice(name.lastIndexOf("/") + 1);

interface Session { db: DbTarget; table: EditTable; profile: string; branch: string; where: QueryTarget; sql: string; folder: vscode.WorkspaceFolder; editable: boolean }

export interface EditDataArgs {
  schema: string;
  table: string;
  /** A branch other than the folder's target (explorer nodes). */
  ref?: DatabaseRef;
  folder?: vscode.WorkspaceFolder;
}

export class EditData {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly shell: Shell, private readonly controller: QueryController, private readonly panel: ResultsPanel) {}

  /** Opens the table's rows for editing; resolves when they are loaded. */
  async open(args: EditDataArgs): Promise<QuerySummary> {
    const folder = args.folder ?? this.shell.requireFolder();
    const { db, where, profile, branch } = await this.locate(args, folder);
    const { client } = await this.shell.services.pools.connect(db);
    let info;
    try { info = await readTableInfo(client, args.schema, args.table); } finally { client.release(); }
    const table = info.table;
    const edit: EditInfo = {
      table: `${table.schema}.${table.table}`,
      key: table.key.map((k) => table.columns.findIndex((c) => c.name === k)),
      writable: table.columns.map((c) => c.writable),
      ...(info.editable ? {} : { readOnlyReason: info.reason }),
    };
    // Key order, so rows come back in a stable order after each apply.
    const order = table.key.length ? ` ORDER BY ${table.key.map((k) => `"${k.replace(/"/g, '""')}"`).join(", ")}` : "";
    const sql = `SELECT * FROM ${qualifiedName(table)}${order}`;
    const summary = await this.controller.run({ sql, folder, on: { db, target: where }, edit, returnRows: 0 });
    const resultId = this.controller.resultIds()[0];
    if (resultId) this.sessions.set(resultId, { db, table, profile, branch, where, sql, folder, editable: info.editable });
    return summary;
  }

  /** The webview's Review / Apply. */
  async handle(m: Extract<WebviewMessage, { type: "previewEdits" | "applyEdits" | "enableEdit" }>): Promise<void> {
    if (m.type === "enableEdit") { await this.enable(m.resultId); return; }
    if (m.type === "previewEdits") {
      try {
        this.panel.post({ type: "editPreview", resultId: m.resultId, sql: this.preview(m.resultId, m.changes) });
      } catch (err) {
        this.panel.post({ type: "editPreview", resultId: m.resultId, sql: "", error: (err as Error).message });
      }
      return;
    }
    await this.apply(m.resultId, m.changes, true);
  }

  preview(resultId: string, changes: StagedChange[]): string {
    const s = this.session(resultId);
    return previewText(buildEditStatements(s.table, this.toRowChanges(s, resultId, changes)));
  }

  /** Applies staged changes; `confirm: false` (automation) skips the protected-branch question. */
  async apply(resultId: string, staged: StagedChange[], confirm: boolean): Promise<EditOutcome | { status: "cancelled" }> {
    let outcome: EditOutcome | { status: "cancelled" };
    try {
      const s = this.session(resultId);
      const changes = this.toRowChanges(s, resultId, staged);
      if (confirm && !(await this.confirmBranch(s, changes.length))) {
        this.panel.post({ type: "editResult", resultId, status: "cancelled", message: "Not applied: your changes are still staged." });
        return { status: "cancelled" };
      }
      outcome = await applyEdits(this.shell.services.pools, s.db, s.table, changes);
      if (outcome.status === "applied") {
        const n = outcome.inserted + outcome.updated + outcome.deleted;
        this.panel.post({ type: "editResult", resultId, status: "applied", message: `Applied ${n} ${n === 1 ? "change" : "changes"} in ${outcome.ms} ms.` });
        this.shell.log.logger.info(`Edit Data: ${outcome.updated} updated, ${outcome.inserted} inserted, ${outcome.deleted} deleted in ${qualifiedName(s.table)} on ${s.where.label}`);
        await this.reload(s);
      } else this.panel.post({ type: "editResult", resultId, status: outcome.status, message: outcome.message });
    } catch (err) {
      const message = err instanceof EditError || err instanceof UserFacingError ? err.message : `Applying the changes failed: ${(err as Error).message}`;
      this.panel.post({ type: "editResult", resultId, status: "error", message });
      outcome = { status: "error", message };
    }
    return outcome;
  }

  /** "Edit" on a query's result: editable when it comes from one table with its key; else the reason. */
  async enable(resultId: string): Promise<{ edit?: EditInfo; reason?: string }> {
    const origin = this.controller.origin(resultId);
    const query = this.panel.current;
    if (!origin || !query) throw new UserFacingError("That result belongs to an earlier run; run the query again to edit it.");
    const { client } = await this.shell.services.pools.connect(origin.db);
    let r;
    try { r = await resultTable(client, this.panel.resultColumns(resultId)); } finally { client.release(); }
    if ("reason" in r) {
      this.panel.post({ type: "editEnabled", resultId, reason: r.reason });
      return { reason: r.reason };
    }
    const sql = splitStatements(origin.sql)[origin.statementIndex]?.text ?? origin.sql;
    const branch = origin.db.endpoint.replace(/\/endpoints\/[^/]+$/, "");
    this.sessions.set(resultId, { db: origin.db, table: r.table, profile: origin.db.profile, branch, where: query.target, sql, folder: this.controller.lastFolder ?? this.shell.requireFolder(), editable: true });
    this.panel.post({ type: "editEnabled", resultId, edit: r.edit });
    return { edit: r.edit };
  }

  private async reload(s: Session): Promise<void> {
    const edit: EditInfo = { table: `${s.table.schema}.${s.table.table}`, key: s.table.key.map((k) => s.table.columns.findIndex((c) => c.name === k)), writable: s.table.columns.map((c) => c.writable) };
    await this.controller.run({ sql: s.sql, folder: s.folder, on: { db: s.db, target: s.where }, edit, returnRows: 0 });
    const resultId = this.controller.resultIds()[0];
    if (resultId) this.sessions.set(resultId, s);
  }

  private session(resultId: string): Session {
    const s = this.sessions.get(resultId);
    if (!s) throw new UserFacingError("These rows belong to an earlier run; open Edit Data again.");
    if (!s.editable) throw new UserFacingError(`${qualifiedName(s.table)} is read-only here.`);
    return s;
  }

  /** Column indices → names, row indices → the rows as the host read them. */
  private toRowChanges(s: Session, resultId: string, staged: StagedChange[]): RowChange[] {
    const rows = this.panel.resultRows(resultId);
    const names = s.table.columns.map((c) => c.name);
    const values = (v: Record<string, string | null>) => Object.fromEntries(Object.entries(v).map(([k, x]) => {
      const name = names[Number(k)];
      if (name === undefined) throw new EditError(`Column ${k} does not exist in ${qualifiedName(s.table)}.`);
      return [name, x];
    }));
    const original = (row: number) => {
      const r = rows[row];
      if (!r) throw new EditError(`Row ${row + 1} is not in the result any more; open Edit Data again.`);
      return r;
    };
    return staged.map((c): RowChange => c.kind === "insert" ? { kind: "insert", values: values(c.values) }
      : c.kind === "update" ? { kind: "update", original: original(c.row), values: values(c.values) }
      : { kind: "delete", original: original(c.row) });
  }

  private async confirmBranch(s: Session, count: number): Promise<boolean> {
    const branch = await this.shell.services.lakebase(s.profile).getBranch(s.branch).catch(() => undefined);
    const protectedBranch = branch?.status?.is_protected === true;
    if (!protectedBranch && !(branch && isDefaultBranch(branch))) return true;
    const what = protectedBranch ? "a protected branch" : "the project's default branch";
    const ok = await vscode.window.showWarningMessage(
      `Apply ${count} ${count === 1 ? "change" : "changes"} to ${qualifiedName(s.table)} on ${lastSegment(s.branch)}, ${what}?`,
      { modal: true, detail: "They run in one transaction; the SQL is the one you reviewed." }, "Apply");
    return ok === "Apply";
  }

  private async locate(args: EditDataArgs, folder: vscode.WorkspaceFolder): Promise<{ db: DbTarget; where: QueryTarget; profile: string; branch: string }> {
    if (args.ref) {
      const db = await branchDbTarget(this.shell.services, args.ref);
      const branch = lastSegment(args.ref.branchName);
      const project = args.ref.branchName.split("/")[1] ?? "";
      return { db, where: { label: `${project} / ${branch} / ${args.ref.postgresDatabase}`, database: args.ref.postgresDatabase, branch }, profile: args.ref.profileName, branch: args.ref.branchName };
    }
    const resolved = await this.shell.services.resolve(folderKey(folder));
    return { db: resolved.db, where: queryTargetOf(resolved.target), profile: resolved.target.profile, branch: resolved.target.branch };
  }
}

/** A table node of the explorer, `{schema, table}` (on the folder's target), or a prompt for "schema.table". */
export async function editDataArgs(arg: unknown): Promise<EditDataArgs> {
  const a = (typeof arg === "object" && arg !== null ? arg : {}) as Record<string, unknown> & { data?: { kind?: string; ref?: DatabaseRef; schema?: string; relation?: { name?: string } } };
  if (a.data?.kind === "relation" && a.data.ref && a.data.schema && a.data.relation?.name) return { ref: a.data.ref, schema: a.data.schema, table: a.data.relation.name };
  if (typeof a.schema === "string" && typeof a.table === "string") return { schema: a.schema, table: a.table };
  const typed = await vscode.window.showInputBox({ title: "Edit Data", prompt: "Table to edit, as schema.table", placeHolder: "public.customers", validateInput: (v) => (/^[^.\s]+\.[^.\s]+$/.test(v.trim()) ? undefined : "Write it as schema.table, e.g. public.customers") });
  if (!typed) throw new vscode.CancellationError();
  const [schema, table] = typed.trim().split(".") as [string, string];
  return { schema, table };
}
