import assert from "node:assert/strict";
describe("toolchain", () => { it("runs TypeScript tests", () => { const x: number = 2; assert.equal(x + 1, 3); }); });
