/** A provider object, read loosely: providers add fields, and unknown ones are kept. */
export type LooseObject = Record<string, unknown>;

/**
 * A provider payload and the `data` objects nested in it, outermost first, at most three: some endpoints and
 * okra-js messages nest `data.data`, so readers look for each field in every layer.
 *
 * @example
 * dataLayers({ data: { data: { record: 'r1' } } }).map((layer) => layer.record); // [undefined, undefined, 'r1']
 */
export function dataLayers(payload: unknown): LooseObject[] {
  const layers: LooseObject[] = [];
  let current = asObject(payload);
  while (current !== null && layers.length < 3) {
    layers.push(current);
    current = asObject(current.data);
  }
  return layers;
}

/**
 * A string with something in it, or undefined: providers send `""` and whitespace where a value is missing.
 *
 * @example
 * nonEmptyText('  '); // undefined
 */
export function nonEmptyText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A plain object (not an array, not null), or null. */
export function asObject(value: unknown): LooseObject | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as LooseObject) : null;
}
