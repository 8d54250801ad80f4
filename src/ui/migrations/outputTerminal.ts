import * as vscode from "vscode";
import { TerminalText } from "./terminalText";

/**
 * A read-only terminal that shows a child process's (already masked) output and its exit
 * status. Closing it cancels the run. Every write passes `redact` (the log's registry of
 * known secrets) too: a line of our own can carry a secret as well as the child's output.
 *
 * One terminal per command name, reused by the next run of that command (a new tab per run
 * piled up); a second run while one is still going gets a terminal of its own.
 */
export class OutputTerminal implements vscode.Disposable {
  private static readonly byName = new Map<string, OutputTerminal>();

  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  private readonly opened: Promise<void>;
  private readonly text = new TerminalText();
  readonly terminal: vscode.Terminal;
  private closed = false;
  private busy = true;

  /** The named terminal of an earlier run when it is still open and idle, else a new one. */
  static acquire(name: string, onUserClose: () => void, redact: (text: string) => string = (t) => t): OutputTerminal {
    const kept = OutputTerminal.byName.get(name);
    if (kept && !kept.closed && !kept.busy) {
      kept.busy = true;
      kept.onUserClose = onUserClose;
      kept.terminal.show(true);
      void kept.line(`\n${"─".repeat(20)} ${new Date().toLocaleTimeString()}`, "dim");
      return kept;
    }
    const made = new OutputTerminal(name, onUserClose, redact);
    if (!kept || kept.closed) OutputTerminal.byName.set(name, made);
    return made;
  }

  private constructor(name: string, private onUserClose: () => void, private readonly redact: (text: string) => string) {
    let markOpen!: () => void;
    this.opened = new Promise((r) => (markOpen = r));
    const pty: vscode.Pseudoterminal = {
      onDidWrite: this.writeEmitter.event,
      onDidClose: this.closeEmitter.event,
      open: () => markOpen(),
      close: () => {
        this.closed = true;
        if (OutputTerminal.byName.get(name) === this) OutputTerminal.byName.delete(name);
        if (this.busy) this.onUserClose();
        this.writeEmitter.dispose();
        this.closeEmitter.dispose();
      },
    };
    this.terminal = vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon("database") });
    this.terminal.show(true);
  }

  /** The child's output, as it came. */
  async write(text: string): Promise<void> {
    await this.opened;
    if (!this.closed) this.writeEmitter.fire(this.text.output(this.redact(text)));
  }

  /** A line of ours, always on a line of its own. */
  async line(text: string, color?: "green" | "red" | "yellow" | "dim"): Promise<void> {
    const codes = { green: 32, red: 31, yellow: 33, dim: 2 } as const;
    await this.opened;
    const lines = text.split("\n");
    // Leading blank lines stay outside the colour codes.
    const body = color ? lines.map((l) => (l ? `\x1b[${codes[color]}m${l}\x1b[0m` : l)).join("\n") : text;
    if (!this.closed) this.writeEmitter.fire(this.text.line(this.redact(body)));
  }

  /** The run is over: the terminal stays open for reading and for the next run. */
  dispose(): void {
    this.busy = false;
  }
}
