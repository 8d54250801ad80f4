/** The body was larger than the reader allows. */
export class ResponseTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`response body larger than ${limit} bytes`);
    this.name = "ResponseTooLargeError";
  }
}

/**
 * Reads a response body as UTF-8 text, never holding more than `limit` bytes: a server (or a
 * proxy) that streams without end must not exhaust memory. Over the limit the stream is
 * cancelled and ResponseTooLargeError thrown — or, with `truncate`, the first `limit` bytes
 * returned (enough for an error message).
 */
export async function readCappedText(res: Response, limit: number, opts: { truncate?: boolean } = {}): Promise<string> {
  const declared = Number(res.headers.get("content-length"));
  if (!opts.truncate && Number.isFinite(declared) && declared > limit) {
    await res.body?.cancel().catch(() => undefined);
    throw new ResponseTooLargeError(limit);
  }
  if (!res.body) return "";
  const reader = res.body.getReader();
  const decoder = new TextDecoder("utf-8");
  let size = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > limit) {
      await reader.cancel().catch(() => undefined);
      if (!opts.truncate) throw new ResponseTooLargeError(limit);
      text += decoder.decode(value.subarray(0, limit - size), { stream: true });
      return text + decoder.decode();
    }
    size += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
