/**
 * A name as searched: Unicode NFKC, lower case, without spaces and the middle dots of
 * transliterated names (阿卜杜·热合曼 → 阿卜杜热合曼).
 */
export function normalizedName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s·•・.]/gu, '');
}

/** Shortest search text: a single character would tell too much (surname frequencies). */
export const nameSearchLengthMin = 2;

/** The two-character pieces of a normalized name (each once), by code point. */
export function namePieces(normalized: string): string[] {
  const chars = Array.from(normalized);
  const pieces = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) pieces.add(chars[i] + chars[i + 1]);
  return [...pieces];
}

/** The index token of a piece: its keyed hash, never the piece itself. */
export const nameToken = (hash: (value: string) => string, piece: string) =>
  hash(`person-name-piece\n${piece}`);
