/**
 * Admission control: at most `maxConcurrent` GraphQL requests run at once; others wait in a bounded queue, and
 * are answered 503 SERVICE_OVERLOADED when the queue is full or they waited too long. So a burst of clients never
 * exhausts the database's connection pool or the server's memory, and each request either runs or is told to
 * come back — it is never dropped silently.
 *
 * Memory: while the JavaScript heap is fuller than `maxHeapFraction` of its limit (`SERVER_HEAP_MB`), a request is
 * admitted only when none is running; the others wait, in order, for running ones to finish (their memory is then
 * garbage the next collection frees). So a burst of heavy requests slows down instead of crashing the server with an
 * out-of-memory error. "Fuller" counts what is live as near as can be told without collecting (see `liveHeapShare`):
 * the heap in use also holds the garbage of requests already answered until the next full collection, and counted as
 * such it kept a server whose kept answers fill half its heap (a million-node graph) one request at a time between
 * collections.
 */
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import type { RequestHandler } from 'express';
import { ErrorCode } from './errors.js';

import { DEFAULT_ADMISSION, type AdmissionSettings } from '../config.js';

export type { AdmissionSettings };

/** The share of the V8 heap's limit in use. */
function heapInUse(): number {
  const heap = getHeapStatistics();
  return heap.used_heap_size / heap.heap_size_limit;
}

/**
 * What may have become live since the last full collection, as a share of the heap's limit: the heap in use above what
 * that collection left counts as garbage up to this much, the rest as live.
 */
export const ALLOCATED_SINCE_FULL_COLLECTION = 0.15;

/**
 * The share of the heap's limit taken by live objects, as near as can be told without collecting: the share in use, but
 * at most what the last full collection left in use (`afterFullCollection`, null before the first) plus
 * `ALLOCATED_SINCE_FULL_COLLECTION`. When the heap is really full of live objects, V8 collects often and finds them:
 * the share left after a collection is then high, and so is the estimate.
 */
export function liveShareOf(inUse: number, afterFullCollection: number | null): number {
  return afterFullCollection === null ? inUse : Math.min(inUse, afterFullCollection + ALLOCATED_SINCE_FULL_COLLECTION);
}

/** The share of the heap's limit in use just after the last full (mark-compact) collection seen; null before any. */
let afterFullCollection: number | null = null;
let collections: PerformanceObserver | null = null;

/** The share of the heap's limit in use just after the last full collection seen since `liveHeapShare` was first called; null before. */
export function lastFullCollectionShare(): number | null {
  return afterFullCollection;
}

/** `liveShareOf` this process's heap now; full collections are followed from the first call. */
export function liveHeapShare(): number {
  if (!collections) {
    collections = new PerformanceObserver((list) => {
      if (list.getEntries().some(isFullCollection)) afterFullCollection = heapInUse();
    });
    collections.observe({ entryTypes: ['gc'] });
  }
  return liveShareOf(heapInUse(), afterFullCollection);
}

function isFullCollection(entry: PerformanceEntry): boolean {
  const detail: unknown = 'detail' in entry ? entry.detail : undefined;
  return typeof detail === 'object' && detail !== null && 'kind' in detail && detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR;
}

export function admissionControl(settings: AdmissionSettings = DEFAULT_ADMISSION, heapUse: () => number = liveHeapShare): RequestHandler {
  let running = 0;
  const queue: Array<() => void> = [];
  const room = () => running < settings.maxConcurrent && (running === 0 || heapUse() < settings.maxHeapFraction);
  /** Starts waiting requests while there is room; a waiter whose client went away starts nothing. */
  const dispatch = () => {
    while (queue.length > 0 && room()) queue.shift()!();
  };
  const refuse = (response: Parameters<RequestHandler>[1], reason: string) =>
    response
      .status(503)
      .set('retry-after', '1')
      .json({ errors: [{ message: `The service is overloaded (${reason}); try again shortly.`, extensions: { code: ErrorCode.SERVICE_OVERLOADED } }] });

  return (_request, response, next) => {
    const admit = () => {
      running += 1;
      let finished = false;
      const done = () => {
        if (finished) return;
        finished = true;
        running -= 1;
        dispatch();
      };
      response.once('finish', done);
      response.once('close', done);
      next();
    };
    if (queue.length === 0 && room()) return admit();
    if (queue.length >= settings.maxQueued) return refuse(response, 'queue full');
    const waiter = () => {
      clearTimeout(timer);
      if (!response.writableEnded && !response.destroyed) admit();
    };
    const timer = setTimeout(() => {
      const position = queue.indexOf(waiter);
      if (position >= 0) queue.splice(position, 1);
      refuse(response, `waited ${settings.maxWaitMs} ms`);
    }, settings.maxWaitMs);
    queue.push(waiter);
    response.once('close', () => {
      const position = queue.indexOf(waiter);
      if (position >= 0) {
        queue.splice(position, 1);
        clearTimeout(timer);
      }
    });
  };
}
