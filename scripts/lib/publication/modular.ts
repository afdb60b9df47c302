/**
 * Arithmetic modulo a prime P < 2^26, where the product of two residues stays below 2^52 and
 * is exact in a double, and the min-heap the sparse eliminations order their rows with.
 */

/** A prime below 2^26. */
export const P = 67108859;

export const mod = (a: number): number => ((a % P) + P) % P;
export const mul = (a: number, b: number): number => (a * b) % P;

/** a⁻¹ mod P (Fermat); relations have coefficients ±1, answered without the power. */
export function inverse(a: number): number {
  if (a === 1 || a === P - 1) return a;
  let result = 1;
  let base = a % P;
  for (let e = P - 2; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = mul(result, base);
    base = mul(base, base);
  }
  return result;
}

/** Heap keys pack a row length and a row id below 2^22: `length · ROW_BITS + id`. */
export const ROW_BITS = 2 ** 22;

/** Binary min-heap of numbers. */
export class MinHeap {
  private readonly a: number[] = [];
  get size(): number {
    return this.a.length;
  }
  push(x: number): void {
    const a = this.a;
    let i = a.push(x) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((a[p] as number) <= x) break;
      a[i] = a[p] as number;
      i = p;
    }
    a[i] = x;
  }
  pop(): number {
    const a = this.a;
    const top = a[0] as number;
    const last = a.pop() as number;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && (a[r] as number) < (a[l] as number) ? r : l;
        if ((a[c] as number) >= last) break;
        a[i] = a[c] as number;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}
