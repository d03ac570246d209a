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
