/**
 * Writes values into .env text while keeping every other byte: existing keys are
 * changed in place (same `export`, same quoting when it can hold the value, same
 * inline comment), missing keys are appended in one block. A key defined twice is
 * reported with its lines, never guessed at, and then nothing is written: updating the other
 * keys alone would leave the file half on the new endpoint and half on the old one.
 */
import { parseEnv } from "./dotenvScan";
import { parseEnvDocument, serializeEnvDocument, type EnvLine } from "./envDocument";
import { EnvFileError } from "./envFileError";
import { formatEnvValue } from "./quoting";

export interface MergeOptions {
  /** Comment put once above the first block of appended keys, e.g. "Lakebase (written by Lakebase for VS Code)". */
  header?: string;
  /** Keys that are only added when missing and never overwritten (placeholders in .env.example). */
  keepExisting?: readonly string[];
  /** Line ending for a file that has none yet (default LF). */
  newline?: "\n" | "\r\n";
}

export interface MergeReport {
  /** Keys whose existing line got a new value. */
  changed: string[];
  /** Keys appended because the file did not define them. */
  added: string[];
  /** Keys that already held the value (or are kept as they are). */
  unchanged: string[];
  /** Keys defined more than once in the file. When any, no key is written: the caller should show this. */
  duplicates: string[];
  /** For each duplicate key, the 1-based lines that assign it (to say which line to fix). */
  duplicateLines: Record<string, number[]>;
}

/** "PGHOST (lines 3 and 7)", for messages that tell the user which line to fix. */
export function describeDuplicates(report: Pick<MergeReport, "duplicates" | "duplicateLines">): string {
  return report.duplicates
    .map((k) => {
      const lines = report.duplicateLines[k] ?? [];
      const list = lines.length > 1 ? `${lines.slice(0, -1).join(", ")} and ${lines.at(-1)}` : lines.join("");
      return lines.length ? `${k} (lines ${list})` : k;
    })
    .join(", ");
}

export interface MergeResult extends MergeReport {
  text: string;
}

// dotenv's key syntax; keys outside it would be written but never read back.
const KEY = /^[A-Za-z0-9_.-]+$/;

function headerLine(header: string): string {
  const t = header.trim();
  return t.startsWith("#") ? t : `# ${t}`;
}

function formatOrThrow(key: string, value: string, keep: Parameters<typeof formatEnvValue>[1], newline: string): string {
  const out = formatEnvValue(value, keep, newline);
  if (out === undefined) {
    throw new EnvFileError(
      `The value for ${key} contains characters no .env quoting can hold faithfully (" \\ or $ together with a carriage return, a trailing \\, or both ' and \`). Set ${key} by hand or remove those characters.`,
    );
  }
  return out;
}

/** Where appended lines go: after the header's block when the header exists, else at the end. */
function insertionPoint(lines: EnvLine[], header: string | undefined): { index: number; needsHeader: boolean } {
  if (!header) return { index: lines.length, needsHeader: false };
  const wanted = headerLine(header);
  const at = lines.findIndex((l) => l.kind === "comment" && l.text.replace(/^\uFEFF/, "").trim() === wanted);
  if (at < 0) return { index: lines.length, needsHeader: true };
  let index = at + 1;
  while (index < lines.length && lines[index]!.kind === "assignment") index++;
  return { index, needsHeader: false };
}

export function mergeEnv(text: string, updates: Record<string, string>, opts: MergeOptions = {}): MergeResult {
  const doc = parseEnvDocument(text);
  const newline = doc.lines.some((l) => l.eol === "\n" || l.eol === "\r\n") ? doc.newline : (opts.newline ?? "\n");
  const keep = new Set(opts.keepExisting ?? []);
  const report: MergeReport = { changed: [], added: [], unchanged: [], duplicates: [], duplicateLines: {} };

  const byKey = new Map<string, EnvLine[]>();
  const lineNumber = new Map<EnvLine, number>();
  let physical = 1;
  for (const l of doc.lines) {
    lineNumber.set(l, physical);
    // A multi-line value spans several physical lines of the editor.
    physical += 1 + (l.text.match(/\r\n|\n|\r|\u2028|\u2029/g)?.length ?? 0);
    if (!l.assignment) continue;
    const list = byKey.get(l.assignment.key) ?? [];
    list.push(l);
    byKey.set(l.assignment.key, list);
  }

  const assignments = doc.lines.filter((l) => l.assignment);
  const exportPrefix = assignments.length > 0 && assignments.every((l) => l.assignment!.exported) ? "export " : "";
  const appended: string[] = [];

  // Refuse bad input before looking at the file, so the outcome does not depend on its content.
  for (const [key, value] of Object.entries(updates)) {
    if (!KEY.test(key)) throw new EnvFileError(`"${key}" is not a valid .env key: use letters, digits, "_", "." or "-".`);
    formatOrThrow(key, value, undefined, newline);
  }

  // All keys or none: one ambiguous key stops the whole write.
  for (const key of Object.keys(updates)) {
    const found = byKey.get(key) ?? [];
    if (found.length > 1) {
      report.duplicates.push(key);
      report.duplicateLines[key] = found.map((l) => lineNumber.get(l)!);
    }
  }
  if (report.duplicates.length > 0) return { text, ...report };

  for (const [key, value] of Object.entries(updates)) {
    const found = byKey.get(key) ?? [];
    const line = found[0];
    if (!line) {
      appended.push(`${exportPrefix}${key}=${formatOrThrow(key, value, undefined, newline)}`);
      report.added.push(key);
      continue;
    }
    const a = line.assignment!;
    if (a.value === value || keep.has(key)) {
      report.unchanged.push(key);
      continue;
    }
    const written = formatOrThrow(key, value, a.style, newline);
    line.text = line.text.slice(0, a.valueStart) + written + line.text.slice(a.valueEnd);
    report.changed.push(key);
  }

  if (report.changed.length === 0 && appended.length === 0) return { text, ...report };

  if (appended.length > 0) {
    const { index, needsHeader } = insertionPoint(doc.lines, opts.header);
    const block: EnvLine[] = [];
    if (needsHeader) {
      const last = doc.lines[index - 1];
      if (last && last.kind !== "blank") block.push({ kind: "blank", text: "", eol: newline });
      block.push({ kind: "comment", text: headerLine(opts.header!), eol: newline });
    }
    for (const t of appended) block.push({ kind: "assignment", text: t, eol: newline });
    const before = doc.lines[index - 1];
    if (before && before.eol === "" && before.text.replace(/^\uFEFF/, "") === "") {
      // A file holding only a BOM: write on its single line instead of below it.
      block[0]!.text = before.text + block[0]!.text;
      doc.lines.splice(index - 1, 1, ...block);
    } else {
      if (before && before.eol === "") before.eol = newline;
      doc.lines.splice(index, 0, ...block);
    }
  }

  const out = serializeEnvDocument(doc);
  verify(text, out, updates, report);
  return { text: out, ...report };
}

/**
 * Reads the result back with dotenv's rules: every written key must hold its new value
 * and every other key its old one. Guards against odd neighbouring lines (an unclosed
 * quote, say) that would make a correct-looking edit read back differently.
 */
function verify(before: string, after: string, updates: Record<string, string>, report: MergeReport): void {
  const old = parseEnv(before);
  const now = parseEnv(after);
  const written = new Set([...report.changed, ...report.added]);
  for (const key of written) {
    if (now.get(key) !== updates[key]) {
      throw new EnvFileError(`Writing ${key} would not read back correctly because of the lines around it (an unclosed quote?). Fix the .env file by hand and try again.`);
    }
  }
  for (const [key, value] of old) {
    if (!written.has(key) && now.get(key) !== value) {
      throw new EnvFileError(`Writing ${[...written].join(", ")} would change how ${key} is read (an unclosed quote nearby?). Fix the .env file by hand and try again.`);
    }
  }
  for (const key of now.keys()) {
    if (!written.has(key) && !old.has(key)) {
      throw new EnvFileError(`Writing ${[...written].join(", ")} would make the file define ${key} unexpectedly (an unclosed quote nearby?). Fix the .env file by hand and try again.`);
    }
  }
}
