import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecordFile, RecordFileError, type Envelope } from '../../../src/import/records.js';
import { IdRegistry, PairFingerprints } from '../../../src/import/registry.js';

const folder = mkdtempSync(path.join(os.tmpdir(), 'kg-records-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function readAll(text: string): { records: unknown[]; envelope: Envelope } {
  const file = path.join(folder, `f${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, text);
  const records: unknown[] = [];
  const reader = readRecordFile(file);
  for (;;) {
    const next = reader.next();
    if (next.done) return { records, envelope: next.value };
    records.push(next.value);
  }
}

describe('readRecordFile', () => {
  it('yields each record of the envelope in order, whatever the key order and spacing', () => {
    const { records, envelope } = readAll(' {\n "records" : [ {"a": 1}, {"b": "x, ]}"} ,{"c": [1, {"d": "\\"}"}]} ],\n"formatVersion":1 }\n');
    expect(records).toEqual([{ a: 1 }, { b: 'x, ]}' }, { c: [1, { d: '"}' }] }]);
    expect(envelope).toEqual({ formatVersion: 1, otherKeys: [], hasRecords: true });
  });

  it('reports keys besides formatVersion and records, and a missing records array', () => {
    expect(readAll('{"formatVersion": 2, "extra": {"x": [1]}, "records": []}').envelope).toEqual({ formatVersion: 2, otherKeys: ['extra'], hasRecords: true });
    expect(readAll('{"formatVersion": 1, "records": {"a": 1}}').envelope).toEqual({ formatVersion: 1, otherKeys: ['records'], hasRecords: false });
    expect(readAll('{}').envelope).toEqual({ formatVersion: undefined, otherKeys: [], hasRecords: false });
  });

  it('reads records that straddle the 1 MB read buffer, with multi-byte characters cut by the boundary', () => {
    const records = Array.from({ length: 6000 }, (_, index) => ({ id: `topic:${index}`, name: `富硒茶${'栽'.repeat(index % 300)}`, n: index }));
    const text = JSON.stringify({ formatVersion: 1, records });
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * 1024 * 1024);
    expect(readAll(text).records).toEqual(records);
    // a three-byte character whose bytes sit on both sides of the first 1 MiB read
    const head = '{"formatVersion":1,"records":[{"s":"';
    const padding = 'a'.repeat(1024 * 1024 - 1 - head.length);
    const straddling = `${head}${padding}栽栽"}]}`;
    expect(Buffer.from(straddling).subarray(1024 * 1024 - 1, 1024 * 1024 + 2).toString()).toBe('栽');
    expect(readAll(straddling).records).toEqual([{ s: `${padding}栽栽` }]);
  });

  it('throws a RecordFileError saying where for truncated or malformed JSON, after the records before it', () => {
    const file = path.join(folder, 'broken.json');
    writeFileSync(file, '{"formatVersion": 1, "records": [{"a": 1}, {"b": tru');
    const reader = readRecordFile(file);
    expect(reader.next().value).toEqual({ a: 1 });
    expect(() => reader.next()).toThrow(RecordFileError);
    expect(() => readAll('{"formatVersion": 1, "records": [')).toThrow(/unexpected end of the file/);
    expect(() => readAll('[1, 2]')).toThrow(/expected a JSON object at the top of the file, found "\["/);
    expect(() => readAll('{"formatVersion": 1, "records": [{"a": 1} {"b": 2}]}')).toThrow(/expected "," or "]" in "records", found "\{" \(at character \d+\)/);
    expect(() => readAll('{"formatVersion": 1} x')).toThrow(/unexpected text after the top-level object/);
  });
});

describe('IdRegistry', () => {
  it('finds every id with its kind and record after growing well past its first capacity, and reports the first use of a duplicate', () => {
    const registry = new IdRegistry();
    for (let index = 0; index < 100_000; index += 1) expect(registry.add(`expert:${index}`, index % 16, index)).toBeUndefined();
    expect(registry.size).toBe(100_000);
    expect(registry.kindOf('expert:0')).toBe(0);
    expect(registry.kindOf('expert:99999')).toBe(99_999 % 16);
    expect(registry.kindOf('expert:100000')).toBeUndefined();
    expect(registry.kindOf('expert:1000')).toBe(1000 % 16);
    expect(registry.add('expert:4242', 3, 7)).toEqual({ kind: 4242 % 16, record: 4242 });
    expect(registry.size).toBe(100_000);
  });
});

describe('PairFingerprints', () => {
  it('flags a repeated (from, to) pair with the earlier record, and not the reversed pair', () => {
    const pairs = new PairFingerprints();
    for (let index = 0; index < 50_000; index += 1) expect(pairs.add(`expert:${index}`, `topic:${index % 97}`, index)).toBeUndefined();
    expect(pairs.add('expert:123', 'topic:26', 50_000)).toBe(123);
    expect(pairs.add('topic:26', 'expert:123', 50_001)).toBeUndefined();
  });
});
