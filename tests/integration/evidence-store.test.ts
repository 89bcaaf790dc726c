import { describe, expect, it } from 'vitest';
import { useTestService } from '../support/graphql-client.js';
import { deleteByPrefix, openTestDatabase, uniquePrefix, withReads } from '../support/database.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { markAllStoresStale, markHoldersStale } from '../../src/graph/holder-marks.js';
import { candidatesWithoutEvidence, evidenceStamps, fillEvidenceStore, keepEvidence, readStoredEvidence, type StoredTopicEvidence } from '../../src/modules/matching/evidence-store.js';
import { evidenceOf, readEvidence, type CandidateEvidence } from '../../src/modules/matching/matching.repository.js';

/**
 * The evidence store (issue 12): a heavily linked candidate's projects and patents with their topics, kept in the
 * database, marked stale by the writes that reach it in their own transactions, and read by a need instead of its
 * links.
 *
 * Hand-made: topics A, B, C. Expert H led J1 (on A; national, 2024), took part in J2 (on A and B; provincial, 2022), led
 * J3 (on C) and J4 (on no topic); invented P1 (on B; an invention granted 2023, filed 2021) and invented and owns P2
 * (on A; a utility model filed 2020, not granted). Expert L took part in J1. Universities U and V own P1.
 */
describe('evidence store', () => {
  const suite = useTestService();
  const prefix = uniquePrefix();
  const id = (local: string) => `${prefix}:${local.toLowerCase()}`;
  const local = (value: string) => value.slice(prefix.length + 1).toUpperCase();

  async function createFixture(): Promise<void> {
    await suite.database.write(
      `CREATE (a:Entity:Topic {id: $prefix + ':a', name: '证据主题甲'})
       CREATE (b:Entity:Topic {id: $prefix + ':b', name: '证据主题乙'})
       CREATE (c:Entity:Topic {id: $prefix + ':c', name: '证据主题丙'})
       CREATE (h:Entity:Expert {id: $prefix + ':h', name: '证据专家甲', title: '研究员', kinds: [], programmes: [], flexibleEngagement: false, source: 'test'})
       CREATE (l:Entity:Expert {id: $prefix + ':l', name: '证据专家乙', title: '研究员', kinds: [], programmes: [], flexibleEngagement: false, source: 'test'})
       CREATE (u:Entity:Organization:University {id: $prefix + ':u', name: '证据大学'})
       CREATE (j1:Entity:Project {id: $prefix + ':j1', name: '项目一', level: 'NATIONAL', mode: 'REGULAR', startYear: 2024, funding: 1})-[:ON_TOPIC]->(a)
       CREATE (j2:Entity:Project {id: $prefix + ':j2', name: '项目二', level: 'PROVINCIAL', mode: 'REGULAR', startYear: 2022, funding: 1})-[:ON_TOPIC]->(a)
       CREATE (j2)-[:ON_TOPIC]->(b)
       CREATE (j3:Entity:Project {id: $prefix + ':j3', name: '项目三', level: 'COUNTY', mode: 'REGULAR', startYear: 2020, funding: 1})-[:ON_TOPIC]->(c)
       CREATE (j4:Entity:Project {id: $prefix + ':j4', name: '项目四', level: 'COUNTY', mode: 'REGULAR', startYear: 2021, funding: 1})
       CREATE (p1:Entity:Patent {id: $prefix + ':p1', title: '专利一', kind: 'INVENTION', filedYear: 2021, grantedYear: 2023})-[:ON_TOPIC]->(b)
       CREATE (p2:Entity:Patent {id: $prefix + ':p2', title: '专利二', kind: 'UTILITY_MODEL', filedYear: 2020})-[:ON_TOPIC]->(a)
       CREATE (h)-[:LEADS]->(j1), (h)-[:PARTICIPATES_IN]->(j2), (h)-[:LEADS]->(j3), (h)-[:LEADS]->(j4)
       CREATE (h)-[:INVENTED]->(p1), (h)-[:INVENTED]->(p2), (h)-[:OWNS]->(p2)
       CREATE (l)-[:PARTICIPATES_IN]->(j1)
       CREATE (u)-[:OWNS]->(p1)
       CREATE (:Entity:Organization:University {id: $prefix + ':v', name: '证据学院'})-[:OWNS]->(p1)`,
      { prefix },
    );
  }

  /** A candidate's evidence as [item, role or kind, year, topics], items and topics in id order. */
  const shown = (evidence: CandidateEvidence | undefined) => ({
    projects: (evidence?.projects ?? []).map((item) => [local(item.id), item.role, item.startYear, item.topicIds.map(local).sort()]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    patents: (evidence?.patents ?? []).map((item) => [local(item.id), item.kind, item.year, item.topicIds.map(local).sort()]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  });
  /** H's evidence on A and B, worked out from the fixture: J3 is on C only, J4 on no topic. */
  const H_ON_A_B = {
    projects: [
      ['J1', 'LEAD', 2024, ['A']],
      ['J2', 'PARTICIPANT', 2022, ['A', 'B']],
    ],
    patents: [
      ['P1', 'INVENTION', 2023, ['B']],
      ['P2', 'UTILITY_MODEL', 2020, ['A']],
    ],
  };
  const L_ON_A_B = { projects: [['J1', 'PARTICIPANT', 2024, ['A']]], patents: [] };

  it('keeps a candidate\'s projects and patents per topic, and a need reads its own topics\' instead of the links', async () => {
    await createFixture();
    try {
      // Only candidates with enough links are filled unless named: H has 7 links, L one, U one.
      expect((await candidatesWithoutEvidence(suite.database, 5, [id('H'), id('L'), id('U')])).map((row) => [local(row.id), row.links])).toEqual([['H', 7]]);
      expect(await fillEvidenceStore(suite.database, 5, { candidateIds: [id('H')] })).toEqual({ computed: 1, kept: 1 });
      // Per topic asked (B, C, A and one without any: none kept for it), the items on it.
      const kept = (await readStoredEvidence(suite.database, [id('H'), id('L')], [id('B'), id('C'), id('A'), `${prefix}:none`])).get(id('H'));
      expect(await readStoredEvidence(suite.database, [id('L')], [id('A')])).toEqual(new Map());
      expect(
        [...(kept ?? new Map<string, StoredTopicEvidence>())].map(([topic, { projects, patents }]) => [
          local(topic),
          projects.map(([item, ...rest]) => [local(item), ...rest]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
          patents.map(([item, ...rest]) => [local(item), ...rest]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
        ]),
      ).toEqual([
        ['B', [['J2', '项目二', 2022, 'PROVINCIAL', false]], [['P1', '专利一', 2023, 'INVENTION']]],
        ['C', [['J3', '项目三', 2020, 'COUNTY', true]], []],
        [
          'A',
          [
            ['J1', '项目一', 2024, 'NATIONAL', true],
            ['J2', '项目二', 2022, 'PROVINCIAL', false],
          ],
          [['P2', '专利二', 2020, 'UTILITY_MODEL']],
        ],
      ]);

      // A fresh connection (nothing kept in memory): H's evidence comes from the store, L's is read live, for L alone.
      const connection = openTestDatabase();
      try {
        const asked: unknown[] = [];
        const fresh = withReads(connection, (query, parameters, real) => {
          if (parameters && 'candidateIndex' in parameters) asked.push(parameters.candidateIds);
          return real.read(query, parameters);
        });
        const evidence = await evidenceOf(fresh, [id('H'), id('L')], [id('A'), id('B')]);
        expect(shown(evidence.get(id('H')))).toEqual(H_ON_A_B);
        expect(shown(evidence.get(id('L')))).toEqual(L_ON_A_B);
        // Two live reads (projects and patents), each for L only.
        expect(asked).toEqual([[id('L')], [id('L')]]);
        // The same as read live for both; and on C alone, J3 only.
        const live = await readEvidence(fresh, [id('H')], [id('A'), id('B')]);
        expect(shown({ projects: live.projects, patents: live.patents })).toEqual(H_ON_A_B);
        expect(shown((await evidenceOf(fresh, [id('H')], [id('C')])).get(id('H')))).toEqual({ projects: [['J3', 'LEAD', 2020, ['C']]], patents: [] });
      } finally {
        await connection.close();
      }
    } finally {
      await deleteByPrefix(suite.database, prefix);
    }
  });

  it('a write marks the candidates it reaches in its own transaction: their evidence is read live again, as it now is', async () => {
    await createFixture();
    try {
      await fillEvidenceStore(suite.database, 5, { candidateIds: [id('H'), id('L'), id('U')] });
      expect([...(await readStoredEvidence(suite.database, [id('H'), id('L'), id('U')], [id('A')])).keys()].map(local).sort()).toEqual(['H', 'L', 'U']);
      // J2's topics change (its link to B removed, as a deleted topic's would be): its candidate H is marked, not L or U.
      await suite.database.writeTransaction(async (transaction) => {
        await transaction.run('MATCH (:Project {id: $j2})-[on:ON_TOPIC]->(:Topic {id: $b}) DELETE on', { j2: id('J2'), b: id('B') });
        return markHoldersStale(transaction, { own: [], topics: [id('B')], works: [], experts: [], segments: [], industries: [], topicWorks: [id('J2')], candidates: [] });
      });
      expect([...(await readStoredEvidence(suite.database, [id('H'), id('L'), id('U')], [id('A')])).keys()].map(local).sort()).toEqual(['L', 'U']);
      const fresh = openTestDatabase();
      try {
        expect(shown((await evidenceOf(fresh, [id('H')], [id('B')])).get(id('H')))).toEqual({ projects: [], patents: [['P1', 'INVENTION', 2023, ['B']]] });
      } finally {
        await fresh.close();
      }

      // A mutation through the API: deleting U (owner of P1) marks U itself; L keeps its evidence.
      const deleted = await suite.service.query(
        `mutation ($input: OrganizationDeleteInput!) { organizationDelete(input: $input) { deletedId userErrors { message } } }`,
        { input: { id: toGlobalId('University', id('U')), cascade: true } },
        'admin',
      );
      expect(deleted).toMatchObject({ data: { organizationDelete: { userErrors: [] } } });
      expect([...(await readStoredEvidence(suite.database, [id('H'), id('L'), id('U')], [id('A')])).keys()].map(local)).toEqual(['L']);
      // Deleting L (who took part in J1) marks L.
      const expert = await suite.service.query(
        `mutation ($input: ExpertDeleteInput!) { expertDelete(input: $input) { deletedId userErrors { message } } }`,
        { input: { id: toGlobalId('Expert', id('L')), cascade: true } },
        'admin',
      );
      expect(expert).toMatchObject({ data: { expertDelete: { userErrors: [] } } });
      expect(await readStoredEvidence(suite.database, [id('H'), id('L'), id('U')], [id('A')])).toEqual(new Map());
    } finally {
      await deleteByPrefix(suite.database, prefix);
    }
  });

  it('keeps evidence only if no mark came between the making of the store node and its storing', async () => {
    await createFixture();
    try {
      const stamps = await evidenceStamps(suite.database, [id('H')]);
      expect([...stamps.values()]).toEqual([0]);
      // A bulk load marks every store node (as `kg import` does) after the stamp was read: not kept.
      await markAllStoresStale(suite.database);
      const entry = (stamp: number) => ({ candidateId: id('H'), stamp, evidence: new Map<string, StoredTopicEvidence>() });
      expect(await keepEvidence(suite.database, [entry(stamps.get(id('H'))!)])).toBe(0);
      expect(await readStoredEvidence(suite.database, [id('H')], [id('A')])).toEqual(new Map());
      // Its stamp read again, kept.
      const now = await evidenceStamps(suite.database, [id('H')]);
      expect([...now.values()]).toEqual([1]);
      expect(await keepEvidence(suite.database, [entry(now.get(id('H'))!)])).toBe(1);
      expect(await readStoredEvidence(suite.database, [id('H')], [id('A')])).toEqual(new Map([[id('H'), new Map()]]));
    } finally {
      await deleteByPrefix(suite.database, prefix);
    }
  });
});
