import { createHash, createHmac } from 'node:crypto';
import Decimal from 'decimal.js';
import { canonicalJson } from '../../shared/domain/canonical-json';

/**
 * Reproducible sampling. Each member is ranked by HMAC-SHA-256(seed ‖ population digest, id); the
 * lowest-ranked `ceil(rate × size)` of each stratum are selected. The same population (by digest),
 * seed and algorithm always give the same sample; nobody can steer it without changing one of the
 * three, and all three are recorded with the draw.
 */
export const samplingAlgorithm = 'hmac-sha256-rank-per-stratum-v1';

export interface PopulationMember {
  id: string;
  stratum: string;
}

export function populationDigest(members: readonly PopulationMember[]): string {
  const sorted = [...members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return createHash('sha256').update(canonicalJson(sorted)).digest('hex');
}

export function sampleSize(count: number, rate: string): number {
  if (count === 0) return 0;
  return Math.max(1, new Decimal(count).times(rate).ceil().toNumber());
}

export function draw(members: readonly PopulationMember[], rate: string, seed: string): string[] {
  // Keyed by the population too: adding or removing anyone reshuffles every rank.
  const key = `${seed}\n${populationDigest(members)}`;
  const strata = new Map<string, PopulationMember[]>();
  for (const m of members) strata.set(m.stratum, [...(strata.get(m.stratum) ?? []), m]);
  const selected: string[] = [];
  for (const group of strata.values()) {
    const ranked = group
      .map((m) => ({ id: m.id, rank: createHmac('sha256', key).update(m.id).digest('hex') }))
      .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
    selected.push(...ranked.slice(0, sampleSize(group.length, rate)).map((r) => r.id));
  }
  return selected.sort();
}

/**
 * R7 by projects: the whole sample is `allocatedSampleSize(N, rate)` members, allocated to strata by the
 * largest-remainder method (Hamilton), each stratum getting at least one and at most its size.
 * Quotas are N_h × n / N; ties of remainders go to the larger stratum, then the stratum's name.
 */
export const allocatedSamplingAlgorithm = 'hmac-sha256-rank-largest-remainder-v2';

export function allocate(sizes: ReadonlyMap<string, number>, n: number): Map<string, number> {
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const names = [...sizes.keys()].sort();
  const allocation = new Map(names.map((name) => [name, 0]));
  if (total === 0 || n === 0) return allocation;
  const quota = (name: string) => new Decimal(sizes.get(name) as number).times(n).dividedBy(total);
  let left = n;
  for (const name of names) {
    const share = Math.min(sizes.get(name) as number, Math.max(1, quota(name).floor().toNumber()));
    allocation.set(name, share);
    left -= share;
  }
  const byRemainder = [...names].sort((a, b) => {
    const ra = quota(a).minus(quota(a).floor());
    const rb = quota(b).minus(quota(b).floor());
    return (
      rb.comparedTo(ra) ||
      (sizes.get(b) as number) - (sizes.get(a) as number) ||
      (a < b ? -1 : a > b ? 1 : 0)
    );
  });
  // Hand out what is left by remainder (or take back, largest allocations first, if the
  // at-least-one floor overshot), never above a stratum's size nor below one.
  while (left > 0) {
    const next = byRemainder.find(
      (name) => (allocation.get(name) as number) < (sizes.get(name) as number),
    );
    if (!next) break;
    allocation.set(next, (allocation.get(next) as number) + 1);
    byRemainder.push(byRemainder.splice(byRemainder.indexOf(next), 1)[0]);
    left -= 1;
  }
  while (left < 0) {
    const largest = [...byRemainder]
      .reverse()
      .filter((name) => (allocation.get(name) as number) > 1)
      .sort((a, b) => (allocation.get(b) as number) - (allocation.get(a) as number))[0];
    if (!largest) break;
    allocation.set(largest, (allocation.get(largest) as number) - 1);
    left += 1;
  }
  return allocation;
}

/** R7 draws: the whole sample is rate × N rounded half up (at least one), not rounded up per stratum. */
export function allocatedSampleSize(count: number, rate: string): number {
  if (count === 0) return 0;
  return Math.max(
    1,
    new Decimal(count).times(rate).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber(),
  );
}

export function drawAllocated(
  members: readonly PopulationMember[],
  rate: string,
  seed: string,
): string[] {
  const key = `${seed}\n${populationDigest(members)}`;
  const strata = new Map<string, PopulationMember[]>();
  for (const m of members) strata.set(m.stratum, [...(strata.get(m.stratum) ?? []), m]);
  const allocation = allocate(
    new Map([...strata].map(([name, group]) => [name, group.length])),
    allocatedSampleSize(members.length, rate),
  );
  const selected: string[] = [];
  for (const [name, group] of strata) {
    const ranked = group
      .map((m) => ({ id: m.id, rank: createHmac('sha256', key).update(m.id).digest('hex') }))
      .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
    selected.push(...ranked.slice(0, allocation.get(name) ?? 0).map((r) => r.id));
  }
  return selected.sort();
}

/** The selection a recorded draw's algorithm makes (old draws keep their algorithm). */
export function selectionOf(
  algorithm: string,
  members: readonly PopulationMember[],
  rate: string,
  seed: string,
): string[] {
  return algorithm === allocatedSamplingAlgorithm
    ? drawAllocated(members, rate, seed)
    : draw(members, rate, seed);
}
