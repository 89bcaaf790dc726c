/**
 * A synthetic province in the seed format (seeds/README.md), of any size, the same bytes for the same seed: one
 * province, municipalities and counties; topics, industries and chains whose vocabulary grows with the size;
 * actors whose links follow power laws (a few hubs, a long tail) and topics drawn by a Zipf law. Records are
 * computed one at a time from per-record random streams and written as they are made, so memory stays flat in N.
 */
import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { NODE_KINDS, RELATIONSHIP_TYPE_NAMES, type NodeKind, type RelationshipType } from '../../src/graph/kinds.js';
import { ENUMS } from '../../src/graph/format.js';
import { planDataset, type Plan } from './plan.js';
import { Random, Streams, Zipf, distinct } from './random.js';
import {
  AGENCY_KINDS,
  BRAND_SYLLABLES,
  DEMAND_VERBS,
  ENTERPRISE_BUSINESS,
  ENTERPRISE_SUFFIXES,
  EXPERT_TITLES,
  GIVEN_NAME_CHARACTERS,
  INDICATOR_NAMES,
  INDUSTRY_MODIFIERS,
  INDUSTRY_NAMES,
  INSTITUTE_KINDS,
  PATENT_OBJECTS,
  PATENT_PREFIXES,
  PLACE_SYLLABLES,
  PLATFORM_NAME_KINDS,
  POLICY_NAMES,
  PROJECT_VERBS,
  STAGES,
  SURNAMES,
  TOPIC_FIELDS,
  TOPIC_METHODS,
  TOPIC_SUBJECTS,
  UNIVERSITY_KINDS,
} from './vocabulary.js';
import { RecordFileWriter } from './writer.js';

const SOURCE = 'synthetic (npm run generate)';
const TOPIC_PAIR_STRIDE = 7919;
/** Exponent of the Zipf law over topics (how often each topic is chosen). */
export const TOPIC_ZIPF_EXPONENT = 1;
/** Exponent of the Zipf laws over actors chosen as link targets (employers, owners, partners). */
const ACTOR_ZIPF_EXPONENT = 0.85;

const ID_PREFIXES: Record<NodeKind, string> = {
  University: 'univ',
  ResearchInstitute: 'inst',
  Enterprise: 'ent',
  Platform: 'plat',
  GovernmentAgency: 'agency',
  Expert: 'expert',
  IndustryCluster: 'cluster',
  Industry: 'industry',
  ChainSegment: 'seg',
  Topic: 'topic',
  Project: 'proj',
  Patent: 'patent',
  Demand: 'demand',
  Policy: 'policy',
  Indicator: 'indicator',
  Region: 'region',
};

type Properties = Record<string, unknown>;

/** Everything derivable about the dataset without writing it: ids, names and the links of each record. */
export class SyntheticProvince {
  readonly plan: Plan;
  private readonly streams: Streams;
  private readonly topicLeaves: Zipf;
  private readonly industries: Zipf;
  private readonly counties: Zipf;
  private readonly enterprises: Zipf;
  private readonly researchers: Zipf;
  private readonly experts: Zipf;
  private readonly platforms: Zipf;

  constructor(nodes: number, seed: number, idPrefix = 'gen') {
    this.plan = planDataset(nodes, seed, idPrefix);
    this.streams = new Streams(seed);
    const { counts } = this.plan;
    this.topicLeaves = new Zipf(counts.Topic - this.plan.topicRoots - this.plan.topicMiddle, TOPIC_ZIPF_EXPONENT);
    this.industries = new Zipf(counts.Industry, 0.8);
    this.counties = new Zipf(this.plan.counties, 0.7);
    this.enterprises = new Zipf(counts.Enterprise, ACTOR_ZIPF_EXPONENT);
    this.researchers = new Zipf(counts.University + counts.ResearchInstitute, 1);
    this.experts = new Zipf(counts.Expert, ACTOR_ZIPF_EXPONENT);
    this.platforms = new Zipf(counts.Platform, ACTOR_ZIPF_EXPONENT);
  }

  id(kind: NodeKind, index: number): string {
    return `${this.plan.idPrefix}:${ID_PREFIXES[kind]}:${index}`;
  }

  private random(name: string, index: number): Random {
    return this.streams.stream(name, index);
  }

  // ── regions ────────────────────────────────────────────────────────────────────────────────────────────
  /** Region indexes: 0 the province, then municipalities, counties and cooperation zones. */
  municipalityRegion(index: number): number {
    return 1 + index;
  }

  countyRegion(index: number): number {
    return 1 + this.plan.municipalities + index;
  }

  private placeName(index: number, salt: number): string {
    const count = PLACE_SYLLABLES.length;
    const first = PLACE_SYLLABLES[(index * 7 + salt) % count]!;
    const second = PLACE_SYLLABLES[(Math.floor(index / count) * 3 + index * 13 + salt * 5 + 1) % count]!;
    return first === second ? `${first}${PLACE_SYLLABLES[(index + salt + 2) % count]!}` : `${first}${second}`;
  }

  countyName(county: number): string {
    return `${this.placeName(county, 11)}${county % 4 === 0 ? '区' : '县'}`;
  }

  municipalityName(municipality: number): string {
    return `${this.placeName(municipality, 3)}市`;
  }

  region(index: number): Properties {
    const { municipalities, counties } = this.plan;
    const random = this.random('region', index);
    if (index === 0) {
      return { id: this.id('Region', 0), name: '西岭省', kind: 'PROVINCE', population: counties * 420_000, description: '虚构省份，合成数据集的顶层区域。', source: SOURCE };
    }
    if (index <= municipalities) {
      const municipality = index - 1;
      return {
        id: this.id('Region', index),
        name: this.municipalityName(municipality),
        kind: 'MUNICIPALITY',
        population: random.integer(1_500_000, 9_000_000),
        description: `西岭省的虚构地级市，下辖${Math.ceil((counties - municipality) / municipalities)}个区县。`,
        source: SOURCE,
      };
    }
    if (index <= municipalities + counties) {
      const county = index - 1 - municipalities;
      return {
        id: this.id('Region', index),
        name: this.countyName(county),
        kind: county % 4 === 0 ? 'DISTRICT' : 'COUNTY',
        population: random.integer(150_000, 1_300_000),
        description: `${this.municipalityName(this.municipalityOfCounty(county))}下辖的虚构区县。`,
        source: SOURCE,
      };
    }
    const zone = index - 1 - municipalities - counties;
    return { id: this.id('Region', index), name: ['成渝协同创新合作区', '毗邻地区产业协作区'][zone % 2]!, kind: 'COOPERATION_ZONE', description: '跨区域合作区（虚构）。', source: SOURCE };
  }

  municipalityOfCounty(county: number): number {
    return county % this.plan.municipalities;
  }

  /** The county an actor of `kind` number `index` is in: bigger counties hold more (Zipf). */
  countyOf(kind: NodeKind, index: number): number {
    return this.counties.index(this.random(`${kind}-county`, index));
  }

  // ── vocabulary: topics, industries, chains ─────────────────────────────────────────────────────────────
  topicName(index: number): string {
    if (index < this.plan.topicRoots) return TOPIC_FIELDS[index]!;
    // A stride coprime with the number of pairs spreads neighbouring (equally popular) topics over all methods.
    const leaf = index - this.plan.topicRoots;
    const pairs = TOPIC_SUBJECTS.length * TOPIC_METHODS.length;
    const pair = (leaf * TOPIC_PAIR_STRIDE) % pairs;
    const subject = TOPIC_SUBJECTS[pair % TOPIC_SUBJECTS.length]!;
    const method = TOPIC_METHODS[Math.floor(pair / TOPIC_SUBJECTS.length)]!;
    const round = Math.floor(leaf / pairs);
    return `${subject}${method}${round > 0 ? `（${round + 1}）` : ''}`;
  }

  topic(index: number): Properties {
    const name = this.topicName(index);
    return { id: this.id('Topic', index), name, aliases: [`${name}技术`], source: SOURCE };
  }

  /** The broader topic of a topic (none for the broad fields). */
  broaderTopic(index: number): number | undefined {
    const { topicRoots, topicMiddle } = this.plan;
    if (index < topicRoots) return undefined;
    if (index < topicRoots + topicMiddle) return (index - topicRoots) % topicRoots;
    return topicRoots + (index % topicMiddle);
  }

  /** `count` distinct topics drawn by the Zipf law over the fine-grained topics. */
  private zipfTopics(random: Random, count: number): number[] {
    const first = this.plan.topicRoots + this.plan.topicMiddle;
    return distinct(count, () => first + this.topicLeaves.index(random));
  }

  industryName(index: number): string {
    const base = INDUSTRY_NAMES[index % INDUSTRY_NAMES.length]!;
    const round = Math.floor(index / INDUSTRY_NAMES.length);
    return round === 0 ? base : `${INDUSTRY_MODIFIERS[(round - 1) % INDUSTRY_MODIFIERS.length]!}${base}${round > INDUSTRY_MODIFIERS.length ? round : ''}`;
  }

  industry(index: number): Properties {
    const name = this.industryName(index);
    return { id: this.id('Industry', index), name, aliases: [`${name}产业`], description: `${name}产业链（合成数据）。`, source: SOURCE };
  }

  clusterOfIndustry(index: number): number {
    return index % this.plan.counts.IndustryCluster;
  }

  cluster(index: number): Properties {
    const members: string[] = [];
    for (let industry = index; industry < this.plan.counts.Industry && members.length < 4; industry += this.plan.counts.IndustryCluster) members.push(this.industryName(industry));
    const name = `${this.placeName(index, 17)}${['药谷', '碳谷', '智谷', '食谷', '材谷', '数谷'][index % 6]!}`;
    return { id: this.id('IndustryCluster', index), name, aliases: [`${name}产业集群`], description: `产业集群：${members.join('、')}等。`, source: SOURCE };
  }

  segmentsOf(industry: number): { first: number; count: number } {
    const first = this.plan.segmentStart[industry]!;
    return { first, count: this.plan.segmentStart[industry + 1]! - first };
  }

  industryOfSegment(segment: number): number {
    const starts = this.plan.segmentStart;
    let low = 0;
    let high = starts.length - 2;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= segment) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  segment(index: number): Properties {
    const industry = this.industryOfSegment(index);
    const { first, count } = this.segmentsOf(industry);
    const order = index - first + 1;
    const position = order <= Math.ceil(count / 3) ? 'UPSTREAM' : order <= Math.ceil((2 * count) / 3) ? 'MIDSTREAM' : 'DOWNSTREAM';
    const stages = STAGES[position];
    const stage = stages[(order + industry) % stages.length]!;
    return {
      id: this.id('ChainSegment', index),
      name: `${this.industryName(industry)}·${stage}${order > stages.length ? order : ''}`,
      position,
      order,
      description: `${this.industryName(industry)}产业链第${order}环节（${stage}）。`,
      source: SOURCE,
    };
  }

  segmentTopics(index: number): number[] {
    const random = this.random('segment-topics', index);
    return this.zipfTopics(random, random.integer(2, 4));
  }

  indicator(index: number): Properties {
    const random = this.random('indicator', index);
    const [name, unit, code] = INDICATOR_NAMES[index % INDICATOR_NAMES.length]!;
    const baselineValue = random.integer(5, 200);
    return {
      id: this.id('Indicator', index),
      code,
      name: `${this.cluster(Math.floor(index / this.plan.indicatorsPerCluster)).name as string}${name}`,
      unit,
      baselineYear: 2022,
      baselineValue,
      targetYear: 2027,
      targetValue: baselineValue * 2,
      recordedYear: 2024,
      recordedValue: baselineValue + random.integer(0, baselineValue),
      source: SOURCE,
    };
  }

  // ── organisations ──────────────────────────────────────────────────────────────────────────────────────
  private brand(random: Random): string {
    return `${random.pick(BRAND_SYLLABLES)}${random.pick(BRAND_SYLLABLES)}`;
  }

  private countyStem(county: number): string {
    return this.countyName(county).slice(0, -1);
  }

  university(index: number): Properties {
    const county = this.countyOf('University', index);
    const name = `${this.countyStem(county)}${UNIVERSITY_KINDS[index % UNIVERSITY_KINDS.length]!}${index >= UNIVERSITY_KINDS.length ? `（${index}）` : ''}`;
    return { id: this.id('University', index), name, aliases: [`${this.countyStem(county)}大${index}`], description: `位于${this.countyName(county)}的虚构高校。`, source: SOURCE };
  }

  institute(index: number): Properties {
    const county = this.countyOf('ResearchInstitute', index);
    const name = `${this.countyStem(county)}${INSTITUTE_KINDS[index % INSTITUTE_KINDS.length]!}${index >= INSTITUTE_KINDS.length ? `（${index}）` : ''}`;
    return { id: this.id('ResearchInstitute', index), name, description: `位于${this.countyName(county)}的虚构科研院所。`, source: SOURCE };
  }

  /** The primary industry of an enterprise (Zipf: a few industries hold most enterprises). */
  enterpriseIndustry(index: number): number {
    return this.industries.index(this.random('enterprise-industry', index));
  }

  enterprise(index: number): Properties {
    const random = this.random('enterprise', index);
    const county = this.countyOf('Enterprise', index);
    const brand = this.brand(random);
    const business = random.pick(ENTERPRISE_BUSINESS);
    const industry = this.industryName(this.enterpriseIndustry(index));
    const qualifications = (
      [
        ['ABOVE_DESIGNATED_SIZE', 0.25],
        ['HIGH_TECH', 0.15],
        ['TECH_SME', 0.3],
        ['SPECIALIZED', 0.05],
        ['LEADING', 0.01],
      ] as const
    )
      .filter(([, probability]) => random.chance(probability))
      .map(([qualification]) => qualification);
    const employees = random.powerLaw(5, 2, 60_000);
    const revenue = Math.round(employees * random.integer(20, 120));
    return {
      id: this.id('Enterprise', index),
      name: `${this.countyStem(county)}${brand}${business}${random.pick(ENTERPRISE_SUFFIXES)}`,
      aliases: [`${brand}${business}`],
      description: `虚构企业，位于${this.countyName(county)}，从事${industry}相关业务。`,
      qualifications,
      foundedYear: random.integer(1985, 2025),
      employees,
      rdSpending: Math.round(revenue * random.next() * 0.06),
      revenue,
      source: SOURCE,
    };
  }

  platform(index: number): Properties {
    const random = this.random('platform', index);
    const kind = random.pick(ENUMS.PlatformKind);
    const county = this.countyOf('Platform', index);
    const industry = this.industryName(this.platformIndustries(index)[0]!);
    return {
      id: this.id('Platform', index),
      name: `${this.countyStem(county)}${industry}${PLATFORM_NAME_KINDS[kind]}`,
      kind,
      level: random.chance(0.05) ? 'NATIONAL' : random.chance(0.3) ? 'MUNICIPAL' : 'COUNTY',
      establishedYear: random.integer(2005, 2025),
      description: `服务${industry}产业的虚构平台，位于${this.countyName(county)}。`,
      source: SOURCE,
    };
  }

  platformIndustries(index: number): number[] {
    const random = this.random('platform-industries', index);
    return distinct(random.integer(1, 3), () => this.industries.index(random));
  }

  /** Agencies: two per municipality (science, agriculture), then one science bureau per county. */
  agencyRegion(index: number): number {
    const municipalityAgencies = this.plan.municipalities * 2;
    return index < municipalityAgencies ? this.municipalityRegion(Math.floor(index / 2)) : this.countyRegion(index - municipalityAgencies);
  }

  agency(index: number): Properties {
    const municipalityAgencies = this.plan.municipalities * 2;
    const place = index < municipalityAgencies ? this.municipalityName(Math.floor(index / 2)) : this.countyName(index - municipalityAgencies);
    const kind = index < municipalityAgencies ? AGENCY_KINDS[index % 2]! : AGENCY_KINDS[0]!;
    return { id: this.id('GovernmentAgency', index), name: `${place}${kind}`, description: `${place}的政府部门（虚构）。`, source: SOURCE };
  }

  // ── people and their work ──────────────────────────────────────────────────────────────────────────────
  private surnames = new Zipf(SURNAMES.length, 1);

  expertTopics(index: number): number[] {
    const random = this.random('expert-topics', index);
    return this.zipfTopics(random, random.powerLaw(1, 2.1, 24));
  }

  /** An expert's employers: a research organisation (45 %) or an enterprise; one in five has a second. */
  expertAffiliations(index: number): Array<{ kind: NodeKind; index: number }> {
    const random = this.random('expert-affiliations', index);
    const count = random.chance(0.2) ? 2 : 1;
    const chosen: Array<{ kind: NodeKind; index: number }> = [];
    for (let attempt = 0; attempt < 6 && chosen.length < count; attempt += 1) {
      const candidate = this.researchOrEnterprise(random, 0.45);
      if (!chosen.some((item) => item.kind === candidate.kind && item.index === candidate.index)) chosen.push(candidate);
    }
    return chosen;
  }

  private researchOrEnterprise(random: Random, researchShare: number): { kind: NodeKind; index: number } {
    if (random.chance(researchShare)) {
      const research = this.researchers.index(random);
      const universities = this.plan.counts.University;
      return research < universities ? { kind: 'University', index: research } : { kind: 'ResearchInstitute', index: research - universities };
    }
    return { kind: 'Enterprise', index: this.enterprises.index(random) };
  }

  expert(index: number): Properties {
    const random = this.random('expert', index);
    const surname = SURNAMES[this.surnames.index(random)]!;
    const given = `${random.pick(GIVEN_NAME_CHARACTERS)}${random.chance(0.7) ? random.pick(GIVEN_NAME_CHARACTERS) : ''}`;
    const title = random.pick(EXPERT_TITLES);
    const kinds = ENUMS.ExpertKind.filter((_, position) => random.chance([0.03, 0.12, 0.06, 0.1, 0.04, 0.03][position]!));
    const card = random.next();
    const topics = this.expertTopics(index).slice(0, 3).map((topic) => this.topicName(topic));
    const employer = this.expertAffiliations(index)[0]!;
    return {
      id: this.id('Expert', index),
      name: `${surname}${given}`,
      title,
      kinds,
      talentCard: card < 0.04 ? 'A' : card < 0.12 ? 'B' : null,
      programmes: ENUMS.TalentProgramme.filter(() => random.chance(0.04)),
      flexibleEngagement: random.chance(0.15),
      description: `${this.organizationName(employer.kind, employer.index)}${title}；专长：${topics.join('、')}。（合成人物）`,
      source: SOURCE,
    };
  }

  organizationName(kind: NodeKind, index: number): string {
    switch (kind) {
      case 'University':
        return this.university(index).name as string;
      case 'ResearchInstitute':
        return this.institute(index).name as string;
      case 'Enterprise':
        return this.enterprise(index).name as string;
      case 'Platform':
        return this.platform(index).name as string;
      case 'GovernmentAgency':
        return this.agency(index).name as string;
      default:
        throw new Error(`${kind} is not an organisation`);
    }
  }

  projectTopics(index: number): number[] {
    const random = this.random('project-topics', index);
    return this.zipfTopics(random, random.integer(1, 3));
  }

  /** The lead of a project: an enterprise, a research organisation or an expert. */
  projectLead(index: number): { kind: NodeKind; index: number } {
    const random = this.random('project-lead', index);
    if (random.chance(0.3)) return { kind: 'Expert', index: this.experts.index(random) };
    return this.researchOrEnterprise(random, 0.4);
  }

  projectParticipants(index: number): Array<{ kind: NodeKind; index: number }> {
    const random = this.random('project-participants', index);
    const lead = this.projectLead(index);
    const wanted = random.powerLaw(1, 2.2, 15);
    const chosen: Array<{ kind: NodeKind; index: number }> = [];
    for (let attempt = 0; attempt < wanted * 3 && chosen.length < wanted; attempt += 1) {
      const candidate: { kind: NodeKind; index: number } = random.chance(0.6) ? { kind: 'Expert', index: this.experts.index(random) } : this.researchOrEnterprise(random, 0.4);
      const same = (other: { kind: NodeKind; index: number }) => other.kind === candidate.kind && other.index === candidate.index;
      if (!same(lead) && !chosen.some(same)) chosen.push(candidate);
    }
    return chosen;
  }

  project(index: number): Properties {
    const random = this.random('project', index);
    const topic = this.topicName(this.projectTopics(index)[0]!);
    const startYear = random.integer(2010, 2025);
    return {
      id: this.id('Project', index),
      name: `${topic}${random.pick(PROJECT_VERBS)}`,
      level: random.chance(0.08) ? 'NATIONAL' : random.chance(0.4) ? 'MUNICIPAL' : 'COUNTY',
      mode: random.chance(0.15) ? 'OPEN_CHALLENGE' : random.chance(0.05) ? 'HORSE_RACE' : 'REGULAR',
      startYear,
      endYear: random.chance(0.7) ? startYear + random.integer(1, 3) : null,
      funding: random.powerLaw(10, 2.2, 5000),
      description: `围绕${topic}开展的科技项目（合成数据）。`,
      source: SOURCE,
    };
  }

  projectIndustry(index: number): number {
    return this.industries.index(this.random('project-industry', index));
  }

  patentTopics(index: number): number[] {
    const random = this.random('patent-topics', index);
    return this.zipfTopics(random, random.integer(1, 3));
  }

  patentOwner(index: number): { kind: NodeKind; index: number } {
    return this.researchOrEnterprise(this.random('patent-owner', index), 0.3);
  }

  patentInventors(index: number): number[] {
    const random = this.random('patent-inventors', index);
    return distinct(random.integer(1, 4), () => this.experts.index(random));
  }

  patent(index: number): Properties {
    const random = this.random('patent', index);
    const topic = this.topicName(this.patentTopics(index)[0]!);
    const filedYear = random.integer(2005, 2025);
    const kind = random.chance(0.5) ? 'INVENTION' : random.chance(0.8) ? 'UTILITY_MODEL' : 'DESIGN';
    return {
      id: this.id('Patent', index),
      title: `${random.pick(PATENT_PREFIXES)}${topic}的${random.pick(PATENT_OBJECTS)}`,
      number: `GEN-CN-${filedYear}-${String(index).padStart(7, '0')}`,
      kind,
      filedYear,
      grantedYear: random.chance(0.7) ? Math.min(2026, filedYear + random.integer(1, 3)) : null,
      source: SOURCE,
    };
  }

  demandTopics(index: number): number[] {
    const random = this.random('demand-topics', index);
    return this.zipfTopics(random, random.integer(1, 4));
  }

  demandPoster(index: number): { kind: NodeKind; index: number } {
    const random = this.random('demand-poster', index);
    return random.chance(0.1)
      ? { kind: 'GovernmentAgency', index: random.integer(0, this.plan.counts.GovernmentAgency - 1) }
      : { kind: 'Enterprise', index: this.enterprises.index(random) };
  }

  demandStatus(index: number): (typeof ENUMS.DemandStatus)[number] {
    const draw = this.random('demand-status', index).next();
    return draw < 0.6 ? 'OPEN' : draw < 0.75 ? 'MATCHED' : draw < 0.9 ? 'IN_PROGRESS' : 'CLOSED';
  }

  demand(index: number): Properties {
    const random = this.random('demand', index);
    const topics = this.demandTopics(index).map((topic) => this.topicName(topic));
    const posted = new Date(Date.UTC(2022, 0, 1) + random.integer(0, 1400) * 86_400_000);
    const deadline = new Date(posted.getTime() + random.integer(60, 500) * 86_400_000);
    return {
      id: this.id('Demand', index),
      title: `${topics[0]!}${random.pick(DEMAND_VERBS)}`,
      description: `需要${topics.join('、')}方面的技术支持（合成需求）。`,
      mode: random.chance(0.2) ? 'OPEN_CHALLENGE' : 'REGULAR',
      budget: random.powerLaw(5, 2.3, 2000),
      postedOn: posted.toISOString().slice(0, 10),
      deadline: random.chance(0.8) ? deadline.toISOString().slice(0, 10) : null,
      status: this.demandStatus(index),
      source: SOURCE,
    };
  }

  policy(index: number): Properties {
    const random = this.random('policy', index);
    const issuer = this.policyIssuer(index);
    return {
      id: this.id('Policy', index),
      name: `${(this.agency(issuer).name as string).replace(/(科学技术局|农业农村委员会)$/, '')}${random.pick(POLICY_NAMES)}`,
      kind: random.pick(ENUMS.PolicyKind),
      year: random.integer(2015, 2026),
      description: '合成政策文本。',
      source: SOURCE,
    };
  }

  policyIssuer(index: number): number {
    return this.random('policy-issuer', index).integer(0, this.plan.counts.GovernmentAgency - 1);
  }

  /** Beneficiaries of a policy: a power-law count of enterprises, experts and industries. */
  policyBeneficiaries(index: number): Array<{ kind: NodeKind; index: number }> {
    const random = this.random('policy-beneficiaries', index);
    const wanted = random.powerLaw(3, 2, 60);
    const chosen: Array<{ kind: NodeKind; index: number }> = [];
    for (let attempt = 0; attempt < wanted * 3 && chosen.length < wanted; attempt += 1) {
      const draw = random.next();
      const candidate: { kind: NodeKind; index: number } =
        draw < 0.7 ? { kind: 'Enterprise', index: this.enterprises.index(random) } : draw < 0.9 ? { kind: 'Expert', index: this.experts.index(random) } : { kind: 'Industry', index: this.industries.index(random) };
      if (!chosen.some((other) => other.kind === candidate.kind && other.index === candidate.index)) chosen.push(candidate);
    }
    return chosen;
  }

  // ── the two writers ────────────────────────────────────────────────────────────────────────────────────
  nodeRecord(kind: NodeKind, index: number): Properties {
    switch (kind) {
      case 'University':
        return this.university(index);
      case 'ResearchInstitute':
        return this.institute(index);
      case 'Enterprise':
        return this.enterprise(index);
      case 'Platform':
        return this.platform(index);
      case 'GovernmentAgency':
        return this.agency(index);
      case 'Expert':
        return this.expert(index);
      case 'IndustryCluster':
        return this.cluster(index);
      case 'Industry':
        return this.industry(index);
      case 'ChainSegment':
        return this.segment(index);
      case 'Topic':
        return this.topic(index);
      case 'Project':
        return this.project(index);
      case 'Patent':
        return this.patent(index);
      case 'Demand':
        return this.demand(index);
      case 'Policy':
        return this.policy(index);
      case 'Indicator':
        return this.indicator(index);
      case 'Region':
        return this.region(index);
      default: {
        const unreachable: never = kind;
        throw new Error(`unknown kind ${String(unreachable)}`);
      }
    }
  }

  /** Every relationship of `type`, in a fixed order; each (from, to) pair once. */
  *relationships(type: RelationshipType): Generator<Properties> {
    const { counts, municipalities, counties, zones } = this.plan;
    const link = (fromKind: NodeKind, from: number, toKind: NodeKind, to: number, properties: Properties = {}): Properties => ({
      from: this.id(fromKind, from),
      to: this.id(toKind, to),
      source: SOURCE,
      ...properties,
    });
    const organizations: Array<[NodeKind, number]> = [
      ['University', counts.University],
      ['ResearchInstitute', counts.ResearchInstitute],
      ['Enterprise', counts.Enterprise],
      ['Platform', counts.Platform],
    ];
    switch (type) {
      case 'LOCATED_IN':
        for (const [kind, count] of organizations) for (let index = 0; index < count; index += 1) yield link(kind, index, 'Region', this.countyRegion(this.countyOf(kind, index)));
        for (let index = 0; index < counts.GovernmentAgency; index += 1) yield link('GovernmentAgency', index, 'Region', this.agencyRegion(index));
        return;
      case 'PART_OF':
        for (let index = 0; index < municipalities; index += 1) yield link('Region', this.municipalityRegion(index), 'Region', 0);
        for (let index = 0; index < counties; index += 1) yield link('Region', this.countyRegion(index), 'Region', this.municipalityRegion(this.municipalityOfCounty(index)));
        return;
      case 'IN_ZONE':
        for (let index = 0; index < Math.min(4, municipalities); index += 1) yield link('Region', this.municipalityRegion(index), 'Region', 1 + municipalities + counties + (index % zones));
        return;
      case 'AFFILIATED_WITH':
        for (let index = 0; index < counts.Expert; index += 1) {
          const random = this.random('affiliation-properties', index);
          for (const [position, employer] of this.expertAffiliations(index).entries()) {
            yield link('Expert', index, employer.kind, employer.index, { role: position === 0 ? null : '兼职', primary: position === 0, since: random.integer(1995, 2025) });
          }
        }
        return;
      case 'HAS_EXPERTISE':
        for (let index = 0; index < counts.Expert; index += 1) {
          const random = this.random('expertise-levels', index);
          for (const topic of this.expertTopics(index)) yield link('Expert', index, 'Topic', topic, { level: random.pick(ENUMS.ExpertiseLevel) });
        }
        return;
      case 'FOCUSES_ON':
        for (const [kind, count] of organizations) {
          for (let index = 0; index < count; index += 1) {
            const random = this.random(`${kind}-focus`, index);
            const wanted = kind === 'University' || kind === 'ResearchInstitute' ? random.integer(5, 15) : random.powerLaw(1, 2.5, 8);
            for (const topic of this.zipfTopics(random, wanted)) yield link(kind, index, 'Topic', topic);
          }
        }
        return;
      case 'COOPERATES_WITH':
        for (let index = 0; index < counts.Enterprise; index += 1) {
          const random = this.random('enterprise-cooperation', index);
          if (!random.chance(0.4)) continue;
          const partners = distinct(random.powerLaw(1, 2.5, 10), () => this.researchers.index(random));
          for (const partner of partners) {
            const university = partner < counts.University;
            yield link('Enterprise', index, university ? 'University' : 'ResearchInstitute', university ? partner : partner - counts.University, {
              kind: random.pick(ENUMS.CooperationKind),
              since: random.integer(2000, 2025),
            });
          }
          if (random.chance(0.2)) {
            const other = this.enterprises.index(random);
            if (other !== index) yield link('Enterprise', index, 'Enterprise', other, { kind: 'TECH_SERVICE', since: random.integer(2010, 2025) });
          }
        }
        return;
      case 'HOSTS':
        for (let index = 0; index < counts.Platform; index += 1) {
          const host = this.researchOrEnterprise(this.random('platform-host', index), 0.5);
          yield link(host.kind, host.index, 'Platform', index);
        }
        return;
      case 'SERVES':
        for (let index = 0; index < counts.Platform; index += 1) for (const industry of this.platformIndustries(index)) yield link('Platform', index, 'Industry', industry);
        return;
      case 'IN_CLUSTER':
        for (let index = 0; index < counts.Industry; index += 1) yield link('Industry', index, 'IndustryCluster', this.clusterOfIndustry(index));
        return;
      case 'HAS_SEGMENT':
        for (let industry = 0; industry < counts.Industry; industry += 1) {
          const { first, count } = this.segmentsOf(industry);
          for (let segment = first; segment < first + count; segment += 1) yield link('Industry', industry, 'ChainSegment', segment);
        }
        return;
      case 'UPSTREAM_OF':
        for (let industry = 0; industry < counts.Industry; industry += 1) {
          const { first, count } = this.segmentsOf(industry);
          const random = this.random('chain-branches', industry);
          for (let segment = first; segment < first + count - 1; segment += 1) {
            yield link('ChainSegment', segment, 'ChainSegment', segment + 1);
            if (segment + 2 < first + count && random.chance(0.25)) yield link('ChainSegment', segment, 'ChainSegment', segment + 2);
          }
        }
        return;
      case 'IN_SEGMENT':
        for (let index = 0; index < counts.Enterprise; index += 1) {
          const random = this.random('enterprise-segment', index);
          if (!random.chance(0.8)) continue;
          const { first, count } = this.segmentsOf(this.enterpriseIndustry(index));
          yield link('Enterprise', index, 'ChainSegment', first + random.integer(0, count - 1));
        }
        return;
      case 'IN_INDUSTRY':
        for (let index = 0; index < counts.Enterprise; index += 1) {
          const primary = this.enterpriseIndustry(index);
          yield link('Enterprise', index, 'Industry', primary);
          const random = this.random('enterprise-second-industry', index);
          if (random.chance(0.2)) {
            const second = this.industries.index(random);
            if (second !== primary) yield link('Enterprise', index, 'Industry', second);
          }
        }
        return;
      case 'REQUIRES':
        for (let index = 0; index < counts.ChainSegment; index += 1) for (const topic of this.segmentTopics(index)) yield link('ChainSegment', index, 'Topic', topic);
        for (let index = 0; index < counts.Demand; index += 1) for (const topic of this.demandTopics(index)) yield link('Demand', index, 'Topic', topic);
        return;
      case 'LEADS':
        for (let index = 0; index < counts.Project; index += 1) {
          const lead = this.projectLead(index);
          yield link(lead.kind, lead.index, 'Project', index);
        }
        return;
      case 'PARTICIPATES_IN':
        for (let index = 0; index < counts.Project; index += 1) {
          for (const participant of this.projectParticipants(index)) yield link(participant.kind, participant.index, 'Project', index, { role: participant.kind === 'Expert' ? '骨干成员' : '参与单位' });
        }
        return;
      case 'ON_TOPIC':
        for (let index = 0; index < counts.Project; index += 1) for (const topic of this.projectTopics(index)) yield link('Project', index, 'Topic', topic);
        for (let index = 0; index < counts.Patent; index += 1) for (const topic of this.patentTopics(index)) yield link('Patent', index, 'Topic', topic);
        return;
      case 'FOR_INDUSTRY':
        for (let index = 0; index < counts.Project; index += 1) yield link('Project', index, 'Industry', this.projectIndustry(index));
        for (let index = 0; index < counts.Demand; index += 1) yield link('Demand', index, 'Industry', this.industries.index(this.random('demand-industry', index)));
        for (let index = 0; index < counts.Policy; index += 1) yield link('Policy', index, 'Industry', this.industries.index(this.random('policy-industry', index)));
        return;
      case 'OWNS':
        for (let index = 0; index < counts.Patent; index += 1) {
          const owner = this.patentOwner(index);
          yield link(owner.kind, owner.index, 'Patent', index);
        }
        return;
      case 'INVENTED':
        for (let index = 0; index < counts.Patent; index += 1) for (const inventor of this.patentInventors(index)) yield link('Expert', inventor, 'Patent', index);
        return;
      case 'POSTED':
        for (let index = 0; index < counts.Demand; index += 1) {
          const poster = this.demandPoster(index);
          yield link(poster.kind, poster.index, 'Demand', index);
        }
        return;
      case 'TAKEN_BY':
        for (let index = 0; index < counts.Demand; index += 1) {
          const status = this.demandStatus(index);
          if (status !== 'MATCHED' && status !== 'IN_PROGRESS') continue;
          const random = this.random('demand-taker', index);
          const taker: { kind: NodeKind; index: number } = random.chance(0.4) ? { kind: 'Expert', index: this.experts.index(random) } : this.researchOrEnterprise(random, 0.6);
          yield link('Demand', index, taker.kind, taker.index, { since: `2025-${String(random.integer(1, 12)).padStart(2, '0')}-${String(random.integer(1, 28)).padStart(2, '0')}` });
        }
        return;
      case 'ISSUED':
        for (let index = 0; index < counts.Policy; index += 1) yield link('GovernmentAgency', this.policyIssuer(index), 'Policy', index);
        return;
      case 'BENEFITS':
        for (let index = 0; index < counts.Policy; index += 1) for (const beneficiary of this.policyBeneficiaries(index)) yield link('Policy', index, beneficiary.kind, beneficiary.index);
        return;
      case 'BROADER':
        for (let index = 0; index < counts.Topic; index += 1) {
          const broader = this.broaderTopic(index);
          if (broader !== undefined) yield link('Topic', index, 'Topic', broader);
        }
        return;
      case 'CONTRIBUTES_TO':
        for (let index = 0; index < counts.Indicator; index += 1) yield link('IndustryCluster', Math.floor(index / this.plan.indicatorsPerCluster), 'Indicator', index);
        return;
      case 'MEASURES':
        for (let index = 0; index < counts.Indicator; index += 1) {
          const cluster = Math.floor(index / this.plan.indicatorsPerCluster);
          yield link('Indicator', index, 'Region', cluster < municipalities ? this.municipalityRegion(cluster) : 0);
        }
        return;
      default: {
        const unreachable: never = type;
        throw new Error(`unknown relationship type ${String(unreachable)}`);
      }
    }
  }
}

/** What was written. */
export interface GenerationSummary {
  folder: string;
  nodes: number;
  relationships: number;
  counts: Record<string, number>;
  durationMs: number;
}

/** Writes the dataset into `folder` (replacing the seed files there), streaming record by record. */
export function generateDataset(options: { nodes: number; seed: number; folder: string; idPrefix?: string; onFile?: (file: string, records: number) => void }): GenerationSummary {
  const started = performance.now();
  const province = new SyntheticProvince(options.nodes, options.seed, options.idPrefix);
  const { folder } = options;
  rmSync(path.join(folder, 'nodes'), { recursive: true, force: true });
  rmSync(path.join(folder, 'relationships'), { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    path.join(folder, 'dataset.json'),
    `${JSON.stringify(
      {
        formatVersion: 1,
        name: `合成省份（${options.nodes} 个节点，种子 ${options.seed}）`,
        description: '由 npm run generate 生成的虚构数据集：名称、机构、人物与数值均为合成，仅用于性能测试。',
      },
      null,
      2,
    )}\n`,
  );
  const counts: Record<string, number> = {};
  let nodes = 0;
  let relationships = 0;
  for (const kind of NODE_KINDS) {
    const writer = new RecordFileWriter(path.join(folder, 'nodes', `${kind}.json`));
    for (let index = 0; index < province.plan.counts[kind]; index += 1) writer.write(withoutNulls(province.nodeRecord(kind, index)));
    writer.close();
    counts[kind] = writer.count;
    nodes += writer.count;
    options.onFile?.(`nodes/${kind}.json`, writer.count);
  }
  for (const type of RELATIONSHIP_TYPE_NAMES) {
    const writer = new RecordFileWriter(path.join(folder, 'relationships', `${type}.json`));
    for (const record of province.relationships(type)) writer.write(withoutNulls(record));
    writer.close();
    counts[type] = writer.count;
    relationships += writer.count;
    options.onFile?.(`relationships/${type}.json`, writer.count);
  }
  return { folder, nodes, relationships, counts, durationMs: Math.round(performance.now() - started) };
}


function withoutNulls(record: Properties): Properties {
  const result: Properties = {};
  for (const [key, value] of Object.entries(record)) if (value !== null && value !== undefined) result[key] = value;
  return result;
}
