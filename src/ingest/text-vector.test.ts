import { describe, expect, it } from 'vitest';
import { Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import { int32Vector, utf8Vector } from './text-vector';

describe('utf8Vector', () => {
  it('keeps every cell, nulls and non-ASCII text, through an IPC round trip', () => {
    const values = ['93', null, 'L’Haÿ-les-Roses', '', 'a;b "c" --', null, 'Œuvre 🎉', 'x'];
    const table = tableFromIPC(tableToIPC(new Table({ v: utf8Vector(values) }), 'stream'));
    expect(table.getChild('v')?.toArray()).toEqual(values);
    expect(table.getChild('v')?.nullCount).toBe(2);
  });

  it('gives an empty column and a column without nulls', () => {
    expect(utf8Vector([]).length).toBe(0);
    const full = utf8Vector(['a', 'b']);
    expect(full.nullCount).toBe(0);
    expect(full.toArray()).toEqual(['a', 'b']);
  });
});

describe('int32Vector', () => {
  it('holds the line numbers', () => {
    expect(Array.from(int32Vector([2, 3, 5]))).toEqual([2, 3, 5]);
  });
});
