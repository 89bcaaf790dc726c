/**
 * The raw-Cypher floor as a tiny HTTP server: `POST /<workload>` with the request's parameters as a JSON body runs
 * the workload's hand-written Cypher through the driver (a read transaction, routed to readers) and answers its
 * rows as JSON. Listens on 127.0.0.1 only. Environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, PORT.
 */
import http from 'node:http';
import neo4j, { routing } from 'neo4j-driver';
import { toNative } from '../../src/neo4j/values.js';
import { WORKLOADS } from './workloads.js';

const driver = neo4j.driver(process.env.NEO4J_URI!, neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''), {
  logging: { level: 'error', logger: () => {} },
});
const queries = new Map(WORKLOADS.map((workload) => [`/${workload.name}`, workload.floor]));

const server = http.createServer((request, response) => {
  const query = queries.get(request.url ?? '');
  if (request.method !== 'POST' || !query) {
    response.writeHead(404).end();
    return;
  }
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    driver
      .executeQuery(query, JSON.parse(body || '{}') as Record<string, unknown>, { database: process.env.NEO4J_DATABASE ?? 'neo4j', routing: routing.READ })
      .then((result) => {
        const rows = result.records.map((record) => toNative(record.toObject()));
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: rows }));
      })
      .catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: (error as Error).message }] }));
      });
  });
});

server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 4401), '127.0.0.1', () => process.stdout.write(`floor listening\n`));
const stop = () => server.close(() => void driver.close().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
