/**
 * Admission control: at most `maxConcurrent` GraphQL requests run at once; others wait in a bounded queue, and
 * are answered 503 SERVICE_OVERLOADED when the queue is full or they waited too long. So a burst of clients never
 * exhausts the database's connection pool or the server's memory, and each request either runs or is told to
 * come back — it is never dropped silently.
 *
 * Memory: while the JavaScript heap is fuller than `maxHeapFraction` of its limit (`SERVER_HEAP_MB`), a request is
 * admitted only when none is running; the others wait, in order, for running ones to finish (their memory is then
 * garbage the next collection frees). So a burst of heavy requests slows down instead of crashing the server with an
 * out-of-memory error.
 */
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

export function admissionControl(settings: AdmissionSettings = DEFAULT_ADMISSION, heapUse: () => number = heapInUse): RequestHandler {
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
