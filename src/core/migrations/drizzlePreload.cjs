// Loaded into drizzle-kit's own process (NODE_OPTIONS=--require).
// drizzle-kit's `migrate` catches database errors and exits 1 without printing them,
// so the user would never learn why a migration failed. This reports each failed
// query or connection on stderr, once, in Postgres's words.
"use strict";
const Module = require("module");
const originalLoad = Module._load;
const reported = new WeakSet();

function report(err) {
  if (!err || typeof err !== "object" || reported.has(err)) return;
  reported.add(err);
  const parts = [`error: ${err.message}`];
  if (err.code) parts.push(`SQLSTATE ${err.code}`);
  if (err.detail) parts.push(`detail: ${err.detail}`);
  if (err.hint) parts.push(`hint: ${err.hint}`);
  if (err.where) parts.push(`where: ${err.where}`);
  process.stderr.write(`\n${parts.join("\n  ")}\n`);
}

function wrap(proto, method) {
  const original = proto[method];
  if (typeof original !== "function" || original.__lakebaseWrapped) return;
  const wrapped = function (...args) {
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      const callback = args[last];
      args[last] = function (err, ...rest) {
        if (err) report(err);
        return callback.call(this, err, ...rest);
      };
    }
    const result = original.apply(this, args);
    // Observe without handling: the caller still gets the original promise.
    if (result && typeof result.then === "function") result.then(undefined, report);
    return result;
  };
  wrapped.__lakebaseWrapped = true;
  proto[method] = wrapped;
}

// drizzle-kit imports pg as ESM, which never passes through Module._load for "pg"
// itself; pg's own require of its Client class does.
const PG_INDEX = /[\\/]pg[\\/]lib[\\/]index\.js$/;
Module._load = function (request, parent, isMain) {
  const exports = originalLoad.call(this, request, parent, isMain);
  if (request === "./client" && parent && PG_INDEX.test(parent.filename) && typeof exports === "function") {
    wrap(exports.prototype, "query");
    wrap(exports.prototype, "connect");
  }
  return exports;
};
