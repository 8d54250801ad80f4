// Issue #16: "applied successfully!• Comparing schemas": our line ran into drizzle-kit's unterminated output.
import assert from "node:assert/strict";
import { TerminalText } from "../../../src/ui/migrations/terminalText";

describe("TerminalText", () => {
  it("starts our line on a new line after output without a final newline, and converts LF to CRLF", () => {
    const t = new TerminalText();
    const sent = [t.line("$ drizzle-kit migrate"), t.output("[✓] migrations applied successfully!"), t.line("• Comparing schemas")].join("");
    assert.equal(sent, "$ drizzle-kit migrate\r\n[✓] migrations applied successfully!\r\n• Comparing schemas\r\n");
  });

  it("adds no blank line after output that ended its line, and keeps empty output harmless", () => {
    const t = new TerminalText();
    assert.equal(t.output("Reading config\nDone\n"), "Reading config\r\nDone\r\n");
    assert.equal(t.output(""), "");
    assert.equal(t.line("\nexited with 0"), "\r\nexited with 0\r\n");
  });
});
