import { forEachLimited } from './reactor';

describe('a reaction over many streams', () => {
  it('tries every item even when one fails, then throws the first error', async () => {
    const done: number[] = [];
    const running = { now: 0, most: 0 };
    const attempt = forEachLimited(
      Array.from({ length: 20 }, (_, i) => i),
      async (i) => {
        running.now += 1;
        running.most = Math.max(running.most, running.now);
        await new Promise((resolve) => setTimeout(resolve, 2));
        running.now -= 1;
        if (i === 3) throw new Error('refused: item 3');
        done.push(i);
      },
      4,
    );
    await expect(attempt).rejects.toThrow('refused: item 3');
    expect(done.sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i).filter((i) => i !== 3),
    );
    expect(running.now).toBe(0); // nothing still running once it settled
    expect(running.most).toBe(4);
  });
});
