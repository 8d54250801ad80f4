import { ApiError } from "../errors";
import { ok, type Router } from "../http/router";
import type { Operations } from "../operations";

/** GET /api/2.0/postgres/{operation.name}; register after every other GET so specific routes win. */
export function operationRoute(ops: Operations, r: Router, base: string): void {
  r.add("GET", `${base}/*name`, (req) => {
    const name = req.params.name!;
    if (!/\/operations\/[^/]+$/.test(name)) throw new ApiError(404, "ENDPOINT_NOT_FOUND", `No API found for 'GET ${req.path}'`);
    return ok(ops.poll(name));
  });
}
