// The Postgres driver with its cursor and COPY streams. Reached only through pgDriver(): the
// extension ships it as a bundle of its own (dist/pgDriver.js, scripts/lazyBundles.mjs), so
// activation compiles no Postgres driver; it loads with the first connection.
import pg from "pg";
import Cursor from "pg-cursor";
import { to as copyTo } from "pg-copy-streams";

export { pg, Cursor, copyTo };
