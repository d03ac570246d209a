/**
 * The one serialisation that hashes are taken over (event chains, digests, sampling seeds): the
 * same value always gives the same text, whichever store or process wrote it.
 */

/** JSON with object keys sorted at every depth and no insignificant white space. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return JSON.stringify(value.toString());
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError('non-finite numbers cannot be stored in an event');
    }
    return JSON.stringify(value) ?? 'null';
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map(
      (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
    );
  return `{${entries.join(',')}}`;
}

/**
 * What `canonicalJson(JSON.parse(JSON.stringify(value)))` gives, in one walk: JSON.stringify's
 * rules (toJSON, boxed primitives, undefined/functions/symbols left out of objects and null in
 * arrays, non-finite numbers as null, bigint refused) with keys sorted. The event store writes
 * this text once: it is both what is stored (jsonb) and what is hashed.
 */
export function canonicalJsonOfJsonValue(value: unknown): string {
  return writeJson(value, '') ?? 'null';
}

function writeJson(input: unknown, key: string): string | undefined {
  let value = input;
  if (value !== null && typeof value === 'object') {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') value = (toJSON as (k: string) => unknown).call(value, key);
  }
  if (value instanceof Number || value instanceof String || value instanceof Boolean)
    value = value.valueOf();
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'number':
      return JSON.stringify(value);
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        const items: string[] = [];
        for (let i = 0; i < value.length; i += 1)
          items.push(writeJson(value[i], String(i)) ?? 'null');
        return `[${items.join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      const entries: string[] = [];
      for (const k of Object.keys(record).sort()) {
        const text = writeJson(record[k], k);
        if (text !== undefined) entries.push(`${JSON.stringify(k)}:${text}`);
      }
      return `{${entries.join(',')}}`;
    }
    default:
      return undefined; // undefined, function, symbol
  }
}
