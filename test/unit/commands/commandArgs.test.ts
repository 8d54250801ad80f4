// Context-menu commands get the tree row's node; palette and automation pass an argument object.
// Nodes carry facts, not contextValues (#11 item 6): recognising a node must not depend on one.
import assert from "node:assert/strict";
import { branchNode, profileNode } from "../../../src/core/explorer/resourceNodes";
import { argObject, isNode, profileOfNode } from "../../../src/ui/commandArgs";

describe("command arguments: tree node or argument object", () => {
  it("recognises the nodes the explorer builds, and takes their profile", () => {
    const b = branchNode("dev", { name: "projects/p/branches/main", status: { default: true } });
    assert.equal(isNode(b), true);
    assert.equal(isNode(profileNode({ name: "dev" })), true);
    assert.equal(profileOfNode(b), "dev");
    assert.deepEqual(argObject(b), {});
  });

  it("an argument object is not a node, even with an id or a kind", () => {
    const args = { profile: "dev", id: "x", kind: "USER" };
    assert.equal(isNode(args), false);
    assert.deepEqual(argObject(args), args);
    assert.equal(isNode(undefined), false);
  });
});
