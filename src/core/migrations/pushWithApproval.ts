import type { DrizzleKitResult } from "./runDrizzleKit";

/**
 * `drizzle-kit push` without `--force` applies a change that loses no data, and stops at a
 * "Do you still want to push changes?" prompt when it would (drop a table or column that
 * holds rows, truncate, change a type…). It runs without a TTY here, so the prompt fails
 * before any statement runs and drizzle-kit has printed what it would lose. We show that
 * to the user, and only on their yes push again with `--force`. A config with `strict: true`
 * asks before every push; that question is put to the user the same way.
 */

/** drizzle-kit 0.31's banner before its list of data-loss statements. */
const DATA_LOSS_BANNER = "Found data-loss statements:";
/** Any other question drizzle-kit would ask (e.g. "is this column renamed or created?"). */
const NEEDS_TTY = /Interactive prompts require a TTY/;

export interface DataLossReport {
  /**
   * drizzle-kit's own lines, e.g. "You're about to delete published_at column in posts table with 2 items".
   * Empty when nothing is lost but the config's `strict: true` asks before every push.
   */
  statements: string[];
  /** The SQL it would run (from --verbose), when printed. */
  sql: string[];
}

export interface PushResult extends DrizzleKitResult {
  /** Set when drizzle-kit reported data loss. */
  dataLoss?: DataLossReport;
  /** Whether the user allowed the data loss (undefined: none was reported). */
  approved?: boolean;
  /** drizzle-kit stopped at a question it can only ask in a terminal. */
  needsTerminal?: boolean;
}

/** drizzle-kit stopped at a question (rename? data loss?) that only a terminal can answer. */
export function askedForTerminal(output: string): boolean {
  return NEEDS_TTY.test(output);
}

const strip = (s: string) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");

const VERBOSE_HEADER = "You are about to execute current statements:";

/** The SQL drizzle-kit's --verbose listed, up to where it asked its question. */
function verboseSql(text: string): string[] {
  const start = text.indexOf(VERBOSE_HEADER);
  if (start < 0) return [];
  const ends = [text.indexOf(DATA_LOSS_BANNER, start), text.search(NEEDS_TTY)].filter((i) => i > start);
  const body = text.slice(start + VERBOSE_HEADER.length, ends.length ? Math.min(...ends) : undefined);
  return body.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !/^Error:?$/.test(l));
}

/**
 * What drizzle-kit asked about, or undefined when it pushed (or failed) without asking:
 * data loss, or — with `strict: true` in the config — every statement.
 */
export function parseDataLoss(output: string): DataLossReport | undefined {
  const text = strip(output);
  const at = text.indexOf(DATA_LOSS_BANNER);
  if (at >= 0) {
    const statements = text.slice(at + DATA_LOSS_BANNER.length).split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l.startsWith("\u00B7"))
      .map((l) => l.replace(/^\u00B7\s*/, ""));
    return { statements, sql: verboseSql(text) };
  }
  // Strict mode's "execute all statements?" comes after the verbose list; a rename question
  // comes before it (while diffing), so a TTY failure after the list is strict mode's.
  if (NEEDS_TTY.test(text) && text.indexOf(VERBOSE_HEADER) >= 0 && text.search(NEEDS_TTY) > text.indexOf(VERBOSE_HEADER)) {
    return { statements: [], sql: verboseSql(text) };
  }
  return undefined;
}

/**
 * Pushes the schema; data loss needs `approve` to answer yes. `run` runs drizzle-kit push with
 * the given extra flags (a fresh credential each time).
 */
export async function pushWithApproval(
  run: (extraArgs: string[]) => Promise<DrizzleKitResult>,
  approve: (report: DataLossReport) => Promise<boolean>,
): Promise<PushResult> {
  const first = await run(["--verbose"]);
  if (first.cancelled || first.timedOut) return first;
  const dataLoss = parseDataLoss(first.output);
  if (!dataLoss) {
    // A rename question fails the same way; it cannot be answered here.
    const needsTerminal = askedForTerminal(first.output);
    return needsTerminal ? { ...first, exitCode: first.exitCode || 1, needsTerminal } : first;
  }
  if (!(await approve(dataLoss))) return { ...first, exitCode: 0, dataLoss, approved: false };
  const second = await run(["--verbose", "--force"]);
  return { ...second, output: `${first.output}${second.output}`, dataLoss, approved: true };
}
