/**
 * Waits for what happens after an answer (an outbox event consumed, a notice sent): retries `check` until it
 * neither throws nor returns false, and fails with its last error (or the check's text) after `timeoutMs`.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let failure: unknown;
    try {
      const result = await check();
      if (result !== false) return result;
      failure = new Error(`condition not met within ${timeoutMs} ms: ${check.toString().slice(0, 160)}`);
    } catch (error) {
      failure = error;
    }
    if (Date.now() > deadline) throw failure;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
