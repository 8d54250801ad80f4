import assert from "node:assert/strict";
import { uniqueKeys } from "../../../src/core/db/export";

describe("db: export helpers", () => {
  it("makes duplicate column names unique for JSON objects", () => {
    assert.deepEqual(uniqueKeys(["id", "name", "id", "id", "id_2"]), ["id", "name", "id_2", "id_3", "id_2_2"]);
  });
});
