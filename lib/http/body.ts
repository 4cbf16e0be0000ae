/**
 * Reading a body stream with a size cap: the bytes are counted as they arrive and the stream is
 * cancelled as soon as the cap is passed, so an oversized body is never held in memory whole.
 * Used for request bodies (lib/http/wrappers.ts) and for answers of other servers we fetch
 * (lib/admin/discovery.ts).
 */
import "server-only";

/** The stream as UTF-8 text, or null once it passes `cap` bytes (the stream is then cancelled). */
export async function readStreamCapped(stream: ReadableStream<Uint8Array> | null, cap: number): Promise<string | null> {
  if (!stream) return "";
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
