/**
 * How the sign-in terminal runs `databricks auth login`. Typed into the user's own shell it
 * stays an interactive terminal they can read and reuse, so each argument is quoted for that
 * shell. A shell whose quoting we do not know (fish, nu, …), or an argument no quoting can
 * carry safely (a control character; `"` or `%` in cmd), runs the CLI without a shell instead.
 * No vscode import: the choice is a pure function of the shell and the platform.
 */
import * as path from "node:path";

export type ShellKind = "posix" | "powershell" | "cmd";

export type SignInLaunch =
  | { kind: "shell"; shell: ShellKind; text: string }
  | { kind: "direct"; shellPath: string; shellArgs: string[] };

/** The shell family of a shell executable (VS Code's `env.shell`), or undefined when unknown. */
export function shellKind(shellPath: string | undefined, platform: NodeJS.Platform): ShellKind | undefined {
  // An empty env.shell means VS Code's default: cmd-era PowerShell on Windows, sh elsewhere.
  if (!shellPath) return platform === "win32" ? "powershell" : "posix";
  const name = (platform === "win32" ? path.win32 : path.posix).basename(shellPath).toLowerCase().replace(/\.exe$/, "");
  if (name === "pwsh" || name === "powershell" || name === "pwsh-preview") return "powershell";
  if (name === "cmd") return "cmd";
  if (["sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "busybox"].includes(name)) return "posix";
  return undefined;
}

// Control characters would end or split the typed line.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** One argument quoted for `kind`, or undefined when that shell cannot carry it safely. */
export function quoteArg(arg: string, kind: ShellKind): string | undefined {
  if (CONTROL.test(arg)) return undefined;
  switch (kind) {
    case "posix":
      return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
    case "powershell":
      // Single-quoted: nothing expands; a quote (PowerShell also counts the curly ones) is doubled.
      return `'${arg.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
    case "cmd":
      // cmd expands %VAR% even inside quotes and cannot escape a quote there.
      if (/["%!]/.test(arg)) return undefined;
      // The CLI's argument parser (MSVCRT rules) reads backslashes before the closing quote as escapes.
      return /^[\w@+=:,./\\-]+$/.test(arg) ? arg : `"${arg.replace(/(\\+)$/, "$1$1")}"`;
  }
}

/** `databricks auth login` for the given profile and host, as typed text or a direct launch. */
export function signInLaunch(
  opts: { cli: string; host: string; profile: string },
  shellPath: string | undefined,
  platform: NodeJS.Platform,
): SignInLaunch {
  // --flag=value: a value starting with "-" cannot be read as another flag.
  const args = ["auth", "login", `--host=${opts.host}`, `--profile=${opts.profile}`];
  const kind = shellKind(shellPath, platform);
  const quoted = kind ? [opts.cli, ...args].map((a) => quoteArg(a, kind)) : [];
  if (!kind || quoted.some((q) => q === undefined)) return { kind: "direct", shellPath: opts.cli, shellArgs: args };
  // PowerShell runs a quoted program only through the call operator.
  const text = kind === "powershell" ? `& ${quoted.join(" ")}` : quoted.join(" ");
  return { kind: "shell", shell: kind, text };
}
