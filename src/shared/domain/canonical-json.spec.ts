import { canonicalJson, canonicalJsonOfJsonValue } from './canonical-json';

/** The store writes canonicalJsonOfJsonValue(x) where it used to write this: it must not differ. */
const throughJson = (value: unknown) =>
  canonicalJson(JSON.parse(JSON.stringify(value ?? null)) as unknown);

describe('canonicalJsonOfJsonValue', () => {
  const cases: [string, unknown][] = [
    ['primitives', [1, -0, 0.1, 1e21, 5e-7, 'text', true, false, null]],
    ['non-finite numbers become null', { a: Number.NaN, b: [Infinity, -Infinity] }],
    [
      'keys sorted at every depth',
      { b: 1, a: { d: [{ z: 1, y: 2 }], c: 'x' }, A: 0, é: 1, '10': 2, '9': 3 },
    ],
    [
      'undefined, functions and symbols',
      { u: undefined, f: () => 1, s: Symbol('x'), arr: [undefined, () => 1, Symbol('y')] },
    ],
    [
      'dates and other toJSON',
      {
        at: new Date('2026-03-01T00:00:00.123Z'),
        custom: { toJSON: (key: string) => `key:${key}` },
      },
    ],
    [
      'boxed primitives',
      { n: Object(3) as unknown, s: Object('s') as unknown, b: Object(false) as unknown },
    ],
    [
      'escapes and non-BMP text',
      { q: '"\\\n\t\u0001\u001f/\u2028', emoji: '学分 🎓', key: { 'with "quote"': 1 } },
    ],
    ['sparse arrays', [1, , 3]], // eslint-disable-line no-sparse-arrays
    ['decimal strings stay text', { credits: '0.100', hours: '2.50' }],
    ['empty containers', { a: {}, b: [] }],
  ];
  it.each(cases)('%s: the same text as canonicalJson after a JSON round trip', (_, value) => {
    expect(canonicalJsonOfJsonValue(value)).toBe(throughJson(value));
  });

  it('a top-level undefined is null, and a bigint is refused as JSON.stringify refuses it', () => {
    expect(canonicalJsonOfJsonValue(undefined)).toBe('null');
    expect(() => canonicalJsonOfJsonValue({ n: 1n })).toThrow(TypeError);
  });
});
