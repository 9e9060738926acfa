// A NUL, or half of a surrogate pair with no other half: Postgres refuses both (in text and jsonb), and a
// string holding one cannot be stored, compared or shown safely.
const NUL = String.fromCharCode(0);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The path of the first string (key or value) in a parsed JSON value that holds a NUL or an unpaired
 * surrogate, or null when there is none.
 *
 * @example
 * hostileTextAt({ name: 'a\u0000b' }); // 'name'
 */
export function hostileTextAt(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return isHostile(value) ? path || 'body' : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, inner] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (isHostile(key)) return at;
    const found = hostileTextAt(inner, at);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Provider text made storable: NULs dropped, unpaired surrogates replaced, at most `maxLength` characters.
 *
 * @example
 * cleanText('Ada\u0000 Obi', 120); // 'Ada Obi'
 */
export function cleanText(value: string, maxLength: number): string {
  const clean = value.replaceAll(NUL, '').replace(LONE_SURROGATE, '\uFFFD');
  // Cut by code points, so the cut never splits a pair.
  return clean.length <= maxLength ? clean : Array.from(clean).slice(0, maxLength).join('');
}

/**
 * A provider object made storable as jsonb: every key and string cleaned (strings up to 2,000 characters),
 * nesting and list lengths bounded. Unknown fields are kept, as everywhere else.
 *
 * @example
 * cleanJson({ name: 'x\u0000', nested: [{ a: '\uD800' }] }); // { name: 'x', nested: [{ a: '\uFFFD' }] }
 */
export function cleanJson(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cleanText(value, 2_000);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= 16) return null;
  if (Array.isArray(value)) return value.slice(0, 500).map((item) => cleanJson(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value)
      .slice(0, 500)
      .map(([key, inner]) => [cleanText(key, 200), cleanJson(inner, depth + 1)]),
  );
}

function isHostile(value: string): boolean {
  LONE_SURROGATE.lastIndex = 0;
  return value.includes(NUL) || LONE_SURROGATE.test(value);
}
