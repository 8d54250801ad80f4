/**
 * Terminal commands quoted for the shell that will run them (pure rules).
 * A command we type into a user's terminal must run exactly the program and arguments we mean, or not at all.
 */
export type ShellKind = "posix" | "powershell" | "cmd";

/** The shell family from the terminal's executable; with none, the platform's VS Code default. */
export function shellKindFor(platform: NodeJS.Platform, shellPath: string | undefined): ShellKind {
  const base = (shellPath ?? "").split(/[\\/]/).pop()?.toLowerCase().replace(/\.exe$/, "") ?? "";
  if (base === "pwsh" || base === "powershell") return "powershell";
  if (base === "cmd") return "cmd";
  if (base === "") return platform === "win32" ? "powershell" : "posix";
  return "posix";
}

const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;
// PowerShell: `,` builds an array, a leading `@` splats, `%` aliases ForEach-Object.
const PS_PLAIN = /^[A-Za-z0-9_+=:./-]+$/;
// PowerShell reads the typographic single quotes as ' too, so they must be doubled as well.
const PS_SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g;

/** One argument, quoted only when it needs it. Throws (with what to do) for what the shell cannot carry. */
export function quoteArg(arg: string, shell: ShellKind): string {
  if (/[\r\n]/.test(arg)) throw new Error(`Cannot pass a value with a line break to a terminal command: ${JSON.stringify(arg.slice(0, 40))}.`);
  if (shell === "cmd") return quoteCmd(arg);
  if (shell === "powershell") return PS_PLAIN.test(arg) && arg !== "--%" ? arg : `'${arg.replace(PS_SINGLE_QUOTES, (q) => q + q)}'`;
  // zsh expands a leading `=word` to a program's path.
  if (PLAIN.test(arg) && !arg.startsWith("=")) return arg;
  return `'${arg.replace(/'/g, "'\\''")}'`;
}

function quoteCmd(arg: string): string {
  // cmd.exe expands %VAR% even inside double quotes and has no escape for it there; a " would end the quoting.
  if (/[%"!]/.test(arg)) {
    throw new Error(`cmd.exe cannot safely receive ${JSON.stringify(arg)} (it contains %, ! or "): use a PowerShell terminal, or rename it.`);
  }
  if (/^[A-Za-z0-9_@+=:,./\\-]+$/.test(arg)) return arg;
  // Backslashes before the closing quote are doubled (CommandLineToArgvW), so "C:\dir\" stays a folder.
  return `"${arg.replace(/(\\+)$/, "$1$1")}"`;
}

/** A whole command line; in PowerShell a quoted program needs the call operator `&`. */
export function commandLine(argv: readonly string[], shell: ShellKind): string {
  if (argv.length === 0) throw new Error("commandLine needs a program.");
  const [program, ...args] = argv.map((a) => quoteArg(a, shell));
  const head = shell === "powershell" && program.startsWith("'") ? `& ${program}` : program;
  return [head, ...args].join(" ");
}
