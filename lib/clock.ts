/**
 * "Now" for a request. In production it is the system clock. The end-to-end and HTTP integration
 * tests run the server with FRAFLYT_TEST_CLOCK=1 (scripts/e2e-server.ts only) and may then send an
 * instant in the `X-Fraflyt-Test-Now` header, so rules that depend on the time (automation hours,
 * a day token's Danish midnight, TOTP steps) are tested by stepping a clock, never by waiting.
 * Without the switch the header is ignored.
 */
export const TEST_CLOCK_HEADER = "x-fraflyt-test-now";

export function testClockEnabled(): boolean {
  return process.env.FRAFLYT_TEST_CLOCK === "1";
}

/** The request's instant: the test clock's header when enabled and valid, else the system clock. */
export function requestNow(headers: Pick<Headers, "get"> | null | undefined): Date {
  if (headers && testClockEnabled()) {
    const v = headers.get(TEST_CLOCK_HEADER);
    if (v && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(v)) {
      const d = new Date(v);
      if (!Number.isNaN(d.getTime())) return d;
    }
  }
  return new Date();
}
