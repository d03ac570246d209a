/**
 * Lists read the projections, which follow the log a moment after a write: after recording
 * something, read the list again until it holds more rows than before (at most ~5 s) — or more of
 * what `countOf` counts (approved plans, say).
 */
export async function untilMore<P extends { total: number }>(
  before: number,
  load: () => Promise<P | null>,
  countOf: (page: P) => number = (page) => page.total,
  tries = 16,
  waitMs = 300,
): Promise<void> {
  for (let i = 0; i < tries; i += 1) {
    const page = await load();
    if (!page || countOf(page) > before) return;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}
