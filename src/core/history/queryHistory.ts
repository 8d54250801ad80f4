/**
 * The last queries run in this workspace, newest first, persisted through a tiny storage seam
 * (the VS Code shell backs it with workspaceState). Survives restarts; malformed stored data
 * is dropped entry by entry rather than losing the whole list.
 */
import { randomUUID } from "node:crypto";
import * as z from "../validation";
import { maskPasswordLiterals, maskPasswordValues } from "../db/passwordLiterals";

export interface HistoryStorage {
  get(): unknown;
  set(value: unknown): void | PromiseLike<void>;
}

const EntrySchema = z.object({
  id: z.string(),
  time: z.string(),
  target: z.object({ profile: z.string(), endpoint: z.string(), database: z.string(), user: z.optional(z.string()), label: z.optional(z.string()) }),
  sql: z.string(),
  durationMs: z.number().check(z.nonnegative()),
  rows: z.nullable(z.int().check(z.nonnegative())),
  status: z.enum(["ok", "error", "cancelled"]),
  error: z.optional(z.string()),
  /** The run's bind parameters (`$1`, `:name` → value; secrets and token-shaped values masked). */
  parameters: z.optional(z.record(z.string(), z.nullable(z.string()))),
});

export type HistoryEntry = z.infer<typeof EntrySchema>;
export type NewHistoryEntry = Omit<HistoryEntry, "id" | "time"> & { time?: string };

export const HISTORY_LIMIT = 200;
/** Huge scripts (a pasted dump) would bloat workspace storage; keep the start. */
export const HISTORY_MAX_SQL = 20_000;

export class QueryHistory {
  private entries: HistoryEntry[];
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly storage: HistoryStorage, private readonly limit = HISTORY_LIMIT) {
    this.entries = load(storage.get()).slice(0, limit);
  }

  list(): readonly HistoryEntry[] {
    return this.entries;
  }

  async add(entry: NewHistoryEntry): Promise<HistoryEntry> {
    const full: HistoryEntry = {
      ...entry,
      id: randomUUID(),
      time: entry.time ?? new Date().toISOString(),
      // Password literals (CREATE/ALTER ROLE … PASSWORD '…') never reach workspace storage.
      // Masked before truncating, so a cut cannot leave half a literal unmasked.
      sql: truncate(maskPasswordLiterals(entry.sql)),
      // Postgres quotes a bad literal back ("unterminated quoted string at or near …").
      ...(entry.error !== undefined ? { error: maskPasswordValues(entry.error, entry.sql) } : {}),
    };
    this.entries = [full, ...this.entries].slice(0, this.limit);
    await this.persist();
    return full;
  }

  async remove(id: string): Promise<void> {
    this.entries = this.entries.filter((e) => e.id !== id);
    await this.persist();
  }

  async clear(): Promise<void> {
    this.entries = [];
    await this.persist();
  }

  /** Writes are serialized so a slow storage cannot reorder them. */
  private persist(): Promise<void> {
    const snapshot = this.entries;
    this.writing = this.writing.catch(() => undefined).then(() => this.storage.set(snapshot));
    return this.writing;
  }
}

function truncate(sql: string): string {
  return sql.length > HISTORY_MAX_SQL ? `${sql.slice(0, HISTORY_MAX_SQL)}\n-- … (truncated)` : sql;
}

function load(raw: unknown): HistoryEntry[] {
  if (!Array.isArray(raw)) return [];
  const out: HistoryEntry[] = [];
  for (const item of raw) {
    const parsed = EntrySchema.safeParse(item);
    // Entries stored before masking existed are masked on the way in (and on the next write).
    if (parsed.success) out.push({ ...parsed.data, sql: maskPasswordLiterals(parsed.data.sql) });
  }
  return out;
}
