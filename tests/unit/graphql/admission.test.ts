import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { admissionControl } from '../../../src/graphql/admission.js';

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
