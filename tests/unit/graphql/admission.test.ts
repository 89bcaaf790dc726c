import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { admissionControl, ALLOCATED_SINCE_FULL_COLLECTION, liveShareOf } from '../../../src/graphql/admission.js';
import { projectRoot } from '../../../src/config.js';

/**
 * Admission control's memory rule, with the heap's fill given by the test: a server whose handler holds each request
 * until the test releases it, so which requests are running at any moment is known.
 */
describe('admission control under memory pressure (src/graphql/admission.ts)', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  async function holdingServer(heap: { use: number }) {
    const started: string[] = [];
    const held: Array<() => void> = [];
    const app = express();
    app.use(admissionControl({ maxConcurrent: 4, maxQueued: 10, maxWaitMs: 10_000, maxHeapFraction: 0.8 }, () => heap.use));
    app.get('/:name', (request, response) => {
      started.push(request.params.name);
      held.push(() => response.json({ name: request.params.name }));
    });
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
    return { started, release: () => held.shift()!(), call: (name: string) => fetch(`${url}/${name}`).then((response) => response.status), settle };
  }

  it('with the heap above the threshold, runs one request at a time, in order; below it, up to maxConcurrent at once', async () => {
    const heap = { use: 0.9 };
    const server = await holdingServer(heap);
    const answers = ['a', 'b', 'c'].map((name) => server.call(name));
    await server.settle();
    expect(server.started).toEqual(['a']); // a ran on an idle server; b and c wait for it
    server.release();
    await server.settle();
    expect(server.started).toEqual(['a', 'b']);
    heap.use = 0.5; // memory freed; d and e arrive while c waits: they queue behind it, order kept
    const more = ['d', 'e'].map((name) => server.call(name));
    await server.settle();
    expect(server.started).toEqual(['a', 'b']);
    server.release(); // b finishes: c, d and e start together (3 running < 4, heap under the threshold)
    await server.settle();
    expect(server.started).toEqual(['a', 'b', 'c', 'd', 'e']);
    for (let left = 3; left > 0; left -= 1) server.release();
    expect(await Promise.all([...answers, ...more])).toEqual([200, 200, 200, 200, 200]);
  });
});

/**
 * What counts as the heap's fill: the heap in use holds the garbage of requests already answered until V8's next full
 * collection, so it is counted at most up to what that collection left plus ALLOCATED_SINCE_FULL_COLLECTION (0.15).
 */
describe('the heap fill admission control reads (src/graphql/admission.ts)', () => {
  it('counts the heap in use, but no more than the last full collection left plus 0.15', () => {
    expect(ALLOCATED_SINCE_FULL_COLLECTION).toBe(0.15);
    expect(liveShareOf(0.9, null)).toBe(0.9); // no full collection seen yet: all of it
    expect(liveShareOf(0.9, 0.5)).toBeCloseTo(0.65, 10); // 0.25 above what the collection left: garbage, mostly
    expect(liveShareOf(0.55, 0.5)).toBe(0.55);
    expect(liveShareOf(0.95, 0.85)).toBe(0.95); // a heap found full of live objects stays full
  });

  it("follows this process's full collections", () => {
    // A process of its own, whose collections the script starts (--expose-gc): 40 MB kept across a full collection,
    // then dropped and collected again.
    const module = pathToFileURL(path.join(projectRoot, 'src/graphql/admission.ts')).href;
    const script = `
      const { liveHeapShare, lastFullCollectionShare } = await import(${JSON.stringify(module)});
      const { getHeapStatistics } = await import('node:v8');
      const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
      liveHeapShare();
      const before = lastFullCollectionShare();
      let kept = Array.from({ length: 40 }, (_, index) => new Array(128 * 1024).fill(index + 0.5));
      globalThis.gc();
      await settle();
      const withKept = lastFullCollectionShare();
      kept = null;
      globalThis.gc();
      await settle();
      const afterDrop = lastFullCollectionShare();
      console.log(JSON.stringify({ before, withKept, afterDrop, limitMb: getHeapStatistics().heap_size_limit / 2 ** 20 }));
    `;
    const output = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=256', '--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    const { before, withKept, afterDrop, limitMb } = JSON.parse(output.trim().split('\n').at(-1)!) as { before: null; withKept: number; afterDrop: number; limitMb: number };
    expect(before).toBeNull();
    // The 40 arrays of 128 Ki doubles (1 MB each, on the heap) are live through the first collection, gone after the second.
    expect((withKept - afterDrop) * limitMb).toBeGreaterThan(35);
  });
});
