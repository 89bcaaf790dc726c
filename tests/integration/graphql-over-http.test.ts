import { auditServer } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { useTestService } from '../support/graphql-client.js';

/**
 * The GraphQL-over-HTTP audit of the graphql-http package, against the real server: every MUST passes. SHOULD
 * items that Apollo Server itself answers differently are listed in the README (Security → GraphQL over HTTP).
 */
describe('GraphQL over HTTP (graphql-http audit)', () => {
  const suite = useTestService();

  it('passes every MUST item', async () => {
    const results = await auditServer({ url: suite.service.url });
    const must = results.filter((result) => result.name.startsWith('MUST'));
    const failedMust = must.filter((result) => result.status !== 'ok').map((result) => `${result.name}: ${'reason' in result ? result.reason : ''}`);
    expect(failedMust).toEqual([]);
    expect(must.length).toBeGreaterThanOrEqual(13);
    const should = results.filter((result) => result.name.startsWith('SHOULD'));
    const missedShould = should.filter((result) => result.status !== 'ok').map((result) => result.name);
    process.stdout.write(`graphql-http audit: MUST ${must.length - failedMust.length}/${must.length}, SHOULD ${should.length - missedShould.length}/${should.length}\n`);
    for (const name of missedShould) process.stdout.write(`  SHOULD missed: ${name}\n`);
  });
});
