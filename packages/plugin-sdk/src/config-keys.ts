const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Dotted paths of the keys of `input` that are missing from `output`, the parsed config: zod
 * objects drop the keys their shape does not declare, so a misspelt setting would otherwise pass
 * unnoticed.
 */
export function droppedKeys(input: unknown, output: unknown, path: readonly string[] = []): string[] {
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((item, index) => droppedKeys(item, output[index], [...path, String(index)]));
  }
  if (!isRecord(input) || !isRecord(output)) return [];
  return Object.entries(input).flatMap(([key, value]) =>
    key in output ? droppedKeys(value, output[key], [...path, key]) : [[...path, key].join('.')],
  );
}
