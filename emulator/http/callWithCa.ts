import http from "node:http";
import https from "node:https";

export interface CallResult { status: number; text: string }

/**
 * A small HTTP(S) call that trusts the emulator's own CA: global fetch cannot be given one.
 * For the emulator's own clients of itself (seeding, the CLI's ready line).
 */
export function callWithCa(url: string, init: { method?: string; headers?: Record<string, string>; body?: string; ca?: string } = {}): Promise<CallResult> {
  const u = new URL(url);
  const send = u.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = send(u, { method: init.method ?? "GET", headers: init.headers, ...(u.protocol === "https:" && init.ca ? { ca: init.ca } : {}) }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => { text += c; });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}
