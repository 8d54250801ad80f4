import * as vscode from "vscode";

/**
 * A read-only terminal that shows a child process's (already masked) output and its exit
 * status. Closing it cancels the run. Every write passes `redact` (the log's registry of
 * known secrets) too: a line of our own can carry a secret as well as the child's output.
 */
export class OutputTerminal implements vscode.Disposable {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  private readonly opened: Promise<void>;
  readonly terminal: vscode.Terminal;
  private closed = false;

  constructor(name: string, onUserClose: () => void, private readonly redact: (text: string) => string = (t) => t) {
    let markOpen!: () => void;
    this.opened = new Promise((r) => (markOpen = r));
    const pty: vscode.Pseudoterminal = {
      onDidWrite: this.writeEmitter.event,
      onDidClose: this.closeEmitter.event,
      open: () => markOpen(),
      close: () => { this.closed = true; onUserClose(); },
    };
    this.terminal = vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon("database") });
    this.terminal.show(true);
  }

  async write(text: string): Promise<void> {
    await this.opened;
    if (!this.closed) this.writeEmitter.fire(this.redact(text).replace(/\r?\n/g, "\r\n"));
  }

  async line(text: string, color?: "green" | "red" | "yellow" | "dim"): Promise<void> {
    const codes = { green: 32, red: 31, yellow: 33, dim: 2 } as const;
    await this.write(color ? `\x1b[${codes[color]}m${text}\x1b[0m\n` : `${text}\n`);
  }

  dispose(): void {
    this.writeEmitter.dispose();
    this.closeEmitter.dispose();
  }
}
