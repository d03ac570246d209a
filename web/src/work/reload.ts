/**
 * Lists read the projections, which follow the log a moment after a write: after recording
 * something, read the list again until it holds more rows than before (at most ~5 s).
 */
export async function untilMore(
  before: number,
  load: () => Promise<{ total: number } | null>,
  tries = 16,
  waitMs = 300,
): Promise<void> {
  for (let i = 0; i < tries; i += 1) {
    const page = await load();
    if (!page || page.total > before) return;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}
