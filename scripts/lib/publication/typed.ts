/**
 * Counter updates on typed arrays under `noUncheckedIndexedAccess`, where `a[i]++` does not
 * type-check: adds `delta` to `a[i]` and returns the new value.
 */
export function bump(a: Int32Array | Float64Array, i: number, delta = 1): number {
  const v = (a[i] as number) + delta;
  a[i] = v;
  return v;
}
