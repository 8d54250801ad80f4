/**
 * The text a pseudo-terminal is sent: LF → CRLF, and our own lines always start on a line of their
 * own, even after a child's output that did not end with a newline (drizzle-kit's
 * "[✓] migrations applied successfully!" ran into the next "• Comparing schemas"). No vscode import.
 */
export class TerminalText {
  private atLineStart = true;

  /** A child's output, as it came. */
  output(text: string): string {
    if (text.length === 0) return "";
    this.atLineStart = text.endsWith("\n");
    return text.replace(/\r?\n/g, "\r\n");
  }

  /** One line of ours (already coloured or not), on a line of its own. */
  line(text: string): string {
    const lead = this.atLineStart ? "" : "\r\n";
    this.atLineStart = true;
    return `${lead}${text.replace(/\r?\n/g, "\r\n")}\r\n`;
  }
}
