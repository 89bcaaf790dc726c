import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildASTSchema, concatAST, getNamedType, isEnumType, isInputObjectType, isObjectType, parse } from 'graphql';
import { loadTypeDefs } from '../../src/graphql/schema.js';
import { fromGlobalId, toGlobalId } from '../../src/graphql/global-id.js';
import type { Database } from '../../src/neo4j/database.js';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { startTestService, tokenFor, type GraphQLResult, type TestService } from '../support/graphql-client.js';
import { loadMiniCounty } from '../support/fixtures.js';

/**
 * Every filter input field and every `orderBy` value of every top-level list, run on the mini county
 * (tests/fixtures/mini-county) and compared with the record ids read off the fixture files by hand. The lists
 * also hold the sample county and other tests' data, so each answer is cut down to this file's copy of the mini
 * county (ids under its prefix), in the order the service returned them.
 *
 * Orders: names compare by UTF-16 code unit (示例县 53BF < 示例市 5E02 < 示例经济圈 7ECF < 示例镇 9547), items
 * without a value come last in both directions, ties by record id.
 */

type Kind = Parameters<typeof toGlobalId>[0];
type Ref = (kind: Kind, id: string) => string;

/** A filter case: the filter (ids through `ref`) and the mini-county records it must return, in any order. */
interface FilterCase {
  filter: (ref: Ref) => Record<string, unknown>;
  expected: string[];
}

const FILTERS: Record<string, FilterCase[]> = {
  'regions.nameContains': [{ filter: () => ({ nameContains: '镇' }), expected: ['region:town'] }],
  'regions.kinds': [{ filter: () => ({ kinds: ['COUNTY'] }), expected: ['region:county'] }],
  'regions.within': [
    { filter: (ref) => ({ within: ref('Region', 'region:county') }), expected: ['region:town'] },
    { filter: (ref) => ({ within: ref('Region', 'region:city') }), expected: ['region:county', 'region:town'] },
  ],
  'regions.zone': [{ filter: (ref) => ({ zone: ref('Region', 'region:zone') }), expected: ['region:county', 'region:town'] }],

  'topics.nameContains': [{ filter: () => ({ nameContains: 'COLD' }), expected: ['topic:preserve'] }], // its alias "cold chain"
  'topics.narrowerThan': [{ filter: (ref) => ({ narrowerThan: ref('Topic', 'topic:food') }), expected: ['topic:preserve', 'topic:vacuum'] }],
  'topics.topLevel': [
    { filter: () => ({ topLevel: true }), expected: ['topic:food', 'topic:breeding'] },
    { filter: () => ({ topLevel: false }), expected: ['topic:preserve', 'topic:vacuum'] },
  ],

  'industryClusters.nameContains': [{ filter: () => ({ nameContains: '药' }), expected: ['cluster:med'] }],
  'industries.nameContains': [{ filter: () => ({ nameContains: '药' }), expected: ['industry:herb'] }],
  'industries.cluster': [{ filter: (ref) => ({ cluster: ref('IndustryCluster', 'cluster:se') }), expected: ['industry:pork'] }],

  'chainSegments.nameContains': [{ filter: () => ({ nameContains: '提取' }), expected: ['seg:extract'] }],
  'chainSegments.industry': [{ filter: (ref) => ({ industry: ref('Industry', 'industry:pork') }), expected: ['seg:breed', 'seg:process'] }],
  'chainSegments.positions': [{ filter: () => ({ positions: ['UPSTREAM'] }), expected: ['seg:breed'] }],
  'chainSegments.requiredTopic': [{ filter: (ref) => ({ requiredTopic: ref('Topic', 'topic:food') }), expected: ['seg:process'] }], // 冷链保存 is narrower than 食品科学

  'organizations.kinds': [
    { filter: () => ({ kinds: ['RESEARCH_INSTITUTE', 'GOVERNMENT_AGENCY'] }), expected: ['inst:herb', 'inst:meat', 'agency:sci', 'agency:agri'] },
  ],
  'organizations.nameContains': [{ filter: () => ({ nameContains: '农大' }), expected: ['univ:agri'] }], // alias 示农大 only
  'organizations.region': [
    {
      // everything located in the city or below it; 远方理工大学 has no location
      filter: (ref) => ({ region: ref('Region', 'region:city') }),
      expected: ['univ:agri', 'inst:herb', 'inst:meat', 'ent:pork', 'ent:herb', 'ent:chicken', 'plat:star', 'plat:incub', 'plat:court', 'agency:sci', 'agency:agri'],
    },
  ],
  'organizations.topic': [{ filter: (ref) => ({ topic: ref('Topic', 'topic:breeding') }), expected: ['univ:agri', 'ent:chicken', 'agency:agri'] }],
  'organizations.industry': [
    // in it (老腊肉食品), serving it (星创天地), in one of its segments (山地鸡, 育种), leading a project for it (农业大学)
    { filter: (ref) => ({ industry: ref('Industry', 'industry:pork') }), expected: ['ent:pork', 'plat:star', 'ent:chicken', 'univ:agri'] },
  ],

  'universities.nameContains': [{ filter: () => ({ nameContains: '理工' }), expected: ['univ:remote'] }],
  'universities.region': [{ filter: (ref) => ({ region: ref('Region', 'region:city') }), expected: ['univ:agri'] }],
  'universities.topic': [{ filter: (ref) => ({ topic: ref('Topic', 'topic:preserve') }), expected: ['univ:remote'] }], // focuses on 真空包装, narrower
  'universities.industry': [{ filter: (ref) => ({ industry: ref('Industry', 'industry:pork') }), expected: ['univ:agri'] }],

  'researchInstitutes.nameContains': [{ filter: () => ({ nameContains: '肉类' }), expected: ['inst:meat'] }],
  'researchInstitutes.region': [{ filter: (ref) => ({ region: ref('Region', 'region:county') }), expected: ['inst:meat'] }],
  'researchInstitutes.topic': [{ filter: (ref) => ({ topic: ref('Topic', 'topic:food') }), expected: ['inst:meat'] }],
  'researchInstitutes.industry': [{ filter: (ref) => ({ industry: ref('Industry', 'industry:herb') }), expected: ['inst:herb'] }],

  'governmentAgencies.nameContains': [{ filter: () => ({ nameContains: '农业' }), expected: ['agency:agri'] }],
  'governmentAgencies.region': [{ filter: (ref) => ({ region: ref('Region', 'region:county') }), expected: ['agency:sci'] }],
  'governmentAgencies.topic': [{ filter: (ref) => ({ topic: ref('Topic', 'topic:breeding') }), expected: ['agency:agri'] }],
  'governmentAgencies.industry': [{ filter: (ref) => ({ industry: ref('Industry', 'industry:herb') }), expected: ['agency:agri'] }], // joins 中药材提取工艺优化

  'enterprises.nameContains': [{ filter: () => ({ nameContains: '中药' }), expected: ['ent:herb'] }],
  'enterprises.region': [{ filter: (ref) => ({ region: ref('Region', 'region:town') }), expected: ['ent:chicken'] }],
  'enterprises.topic': [{ filter: (ref) => ({ topic: ref('Topic', 'topic:food') }), expected: ['ent:pork'] }],
  'enterprises.industry': [{ filter: (ref) => ({ industry: ref('Industry', 'industry:pork') }), expected: ['ent:pork', 'ent:chicken'] }],
  'enterprises.qualifications': [{ filter: () => ({ qualifications: ['HIGH_TECH', 'ABOVE_DESIGNATED_SIZE'] }), expected: ['ent:pork'] }], // all of them
  'enterprises.hasRdPartner': [
    { filter: () => ({ hasRdPartner: true }), expected: ['ent:pork'] },
    { filter: () => ({ hasRdPartner: false }), expected: ['ent:herb', 'ent:chicken'] },
  ],
  'enterprises.segment': [{ filter: (ref) => ({ segment: ref('ChainSegment', 'seg:breed') }), expected: ['ent:chicken'] }],
  'enterprises.foundedYearFrom': [{ filter: () => ({ foundedYearFrom: 2015 }), expected: ['ent:herb', 'ent:chicken'] }],
  'enterprises.foundedYearTo': [{ filter: () => ({ foundedYearTo: 2015 }), expected: ['ent:pork', 'ent:herb'] }],

  'platforms.nameContains': [{ filter: () => ({ nameContains: '大院' }), expected: ['plat:court'] }],
  'platforms.region': [{ filter: (ref) => ({ region: ref('Region', 'region:town') }), expected: ['plat:incub'] }],
  'platforms.topic': [{ filter: (ref) => ({ topic: ref('Topic', 'topic:preserve') }), expected: ['plat:incub'] }],
  'platforms.industry': [{ filter: (ref) => ({ industry: ref('Industry', 'industry:pork') }), expected: ['plat:star'] }],
  'platforms.kinds': [{ filter: () => ({ kinds: ['EXPERT_COURTYARD', 'INCUBATOR'] }), expected: ['plat:court', 'plat:incub'] }],
  'platforms.levels': [{ filter: () => ({ levels: ['NATIONAL'] }), expected: ['plat:star'] }],
  'platforms.host': [{ filter: (ref) => ({ host: ref('University', 'univ:remote') }), expected: ['plat:incub'] }],

  'experts.nameContains': [{ filter: () => ({ nameContains: '张' }), expected: ['expert:zhang'] }],
  'experts.talentCards': [{ filter: () => ({ talentCards: ['A_CARD'] }), expected: ['expert:wang'] }],
  'experts.programmes': [{ filter: () => ({ programmes: ['BAYU_CRAFTSMAN'] }), expected: ['expert:zhang'] }],
  'experts.kinds': [{ filter: () => ({ kinds: ['LEADING'] }), expected: ['expert:wang'] }],
  'experts.flexibleEngagement': [
    { filter: () => ({ flexibleEngagement: true }), expected: ['expert:wang'] },
    { filter: () => ({ flexibleEngagement: false }), expected: ['expert:li', 'expert:zhang', 'expert:chen'] },
  ],
  'experts.topic': [{ filter: (ref) => ({ topic: ref('Topic', 'topic:food') }), expected: ['expert:wang', 'expert:li', 'expert:zhang'] }],
  'experts.minExpertiseLevel': [{ filter: () => ({ minExpertiseLevel: 'EXPERT' }), expected: ['expert:wang', 'expert:zhang'] }],
  'experts.organization': [{ filter: (ref) => ({ organization: ref('University', 'univ:agri') }), expected: ['expert:wang'] }],
  'experts.region': [{ filter: (ref) => ({ region: ref('Region', 'region:town') }), expected: ['expert:chen'] }],

  'projects.nameContains': [{ filter: () => ({ nameContains: '提取' }), expected: ['proj:extract'] }],
  'projects.levels': [{ filter: () => ({ levels: ['NATIONAL'] }), expected: ['proj:breed'] }],
  'projects.modes': [{ filter: () => ({ modes: ['REGULAR'] }), expected: ['proj:extract'] }],
  'projects.startYearFrom': [{ filter: () => ({ startYearFrom: 2021 }), expected: ['proj:smoke', 'proj:breed'] }],
  'projects.startYearTo': [{ filter: () => ({ startYearTo: 2021 }), expected: ['proj:extract', 'proj:breed'] }],
  'projects.industry': [{ filter: (ref) => ({ industry: ref('Industry', 'industry:pork') }), expected: ['proj:smoke', 'proj:breed'] }],
  'projects.topic': [{ filter: (ref) => ({ topic: ref('Topic', 'topic:food') }), expected: ['proj:smoke'] }],
  'projects.organization': [{ filter: (ref) => ({ organization: ref('Enterprise', 'ent:pork') }), expected: ['proj:smoke'] }], // a participant
  'projects.expert': [{ filter: (ref) => ({ expert: ref('Expert', 'expert:zhang') }), expected: ['proj:extract'] }],

  'patents.titleContains': [{ filter: () => ({ titleContains: '真空' }), expected: ['patent:pack'] }],
  'patents.kinds': [{ filter: () => ({ kinds: ['INVENTION'] }), expected: ['patent:smoke'] }],
  'patents.filedYearFrom': [{ filter: () => ({ filedYearFrom: 2022 }), expected: ['patent:smoke', 'patent:pack'] }],
  'patents.filedYearTo': [{ filter: () => ({ filedYearTo: 2022 }), expected: ['patent:dry', 'patent:smoke'] }],
  'patents.granted': [
    { filter: () => ({ granted: true }), expected: ['patent:smoke', 'patent:dry'] },
    { filter: () => ({ granted: false }), expected: ['patent:pack'] },
  ],
  'patents.topic': [{ filter: (ref) => ({ topic: ref('Topic', 'topic:food') }), expected: ['patent:smoke', 'patent:pack'] }],
  'patents.owner': [{ filter: (ref) => ({ owner: ref('ResearchInstitute', 'inst:meat') }), expected: ['patent:pack'] }],
  'patents.inventor': [{ filter: (ref) => ({ inventor: ref('Expert', 'expert:wang') }), expected: ['patent:smoke'] }],

  'demands.titleContains': [{ filter: () => ({ titleContains: '真空' }), expected: ['demand:vac'] }],
  'demands.modes': [{ filter: () => ({ modes: ['OPEN_CHALLENGE'] }), expected: ['demand:cold'] }],
  'demands.statuses': [{ filter: () => ({ statuses: ['CLOSED'] }), expected: ['demand:herb'] }],
  'demands.industry': [{ filter: (ref) => ({ industry: ref('Industry', 'industry:pork') }), expected: ['demand:cold', 'demand:vac'] }],
  'demands.topic': [{ filter: (ref) => ({ topic: ref('Topic', 'topic:food') }), expected: ['demand:cold', 'demand:vac'] }],
  'demands.postedBy': [{ filter: (ref) => ({ postedBy: ref('GovernmentAgency', 'agency:sci') }), expected: ['demand:vac'] }],

  'policies.nameContains': [{ filter: () => ({ nameContains: '人才' }), expected: ['policy:talent'] }],
  'policies.kinds': [{ filter: () => ({ kinds: ['VOUCHER'] }), expected: ['policy:voucher'] }],
  'policies.yearFrom': [{ filter: () => ({ yearFrom: 2023 }), expected: ['policy:voucher', 'policy:plan'] }],
  'policies.yearTo': [{ filter: () => ({ yearTo: 2023 }), expected: ['policy:talent', 'policy:voucher'] }],
  'policies.issuedBy': [{ filter: (ref) => ({ issuedBy: ref('GovernmentAgency', 'agency:agri') }), expected: ['policy:talent', 'policy:plan'] }],
  'policies.industry': [{ filter: (ref) => ({ industry: ref('Industry', 'industry:herb') }), expected: ['policy:plan'] }],
  'policies.beneficiary': [{ filter: (ref) => ({ beneficiary: ref('Expert', 'expert:zhang') }), expected: ['policy:talent'] }],

  'indicators.nameContains': [{ filter: () => ({ nameContains: '合同' }), expected: ['indicator:contracts'] }],
  'indicators.region': [{ filter: (ref) => ({ region: ref('Region', 'region:county') }), expected: ['indicator:rd'] }],
  'indicators.cluster': [{ filter: (ref) => ({ cluster: ref('IndustryCluster', 'cluster:med') }), expected: ['indicator:contracts'] }],

  // The audit log: this file writes two changes in beforeAll (see below); ids here are the changed records.
  'changes.entity': [{ filter: (ref) => ({ entity: ref('Enterprise', 'ent:herb') }), expected: ['ent:herb'] }],
  'changes.actor': [{ filter: () => ({ actor: SECOND_ACTOR }), expected: ['ent:pork'] }],
  'changes.since': [{ filter: () => ({ since: betweenTheChanges }), expected: ['ent:pork'] }],
};

/** Each orderBy value: the mini-county records of the list ascending and descending. */
const ORDERS: Record<string, { ASC: string[]; DESC: string[] }> = {
  'regions.NAME': { ASC: ['region:county', 'region:city', 'region:zone', 'region:town'], DESC: ['region:town', 'region:zone', 'region:city', 'region:county'] },
  'regions.POPULATION': { ASC: ['region:town', 'region:county', 'region:city', 'region:zone'], DESC: ['region:county', 'region:town', 'region:city', 'region:zone'] },
  // 冷链保存 51B7, 生猪育种 751F, 真空包装 771F, 食品科学 98DF
  'topics.NAME': { ASC: ['topic:preserve', 'topic:breeding', 'topic:vacuum', 'topic:food'], DESC: ['topic:food', 'topic:vacuum', 'topic:breeding', 'topic:preserve'] },
  'industryClusters.NAME': { ASC: ['cluster:se', 'cluster:med'], DESC: ['cluster:med', 'cluster:se'] }, // 硒 7852, 药 836F
  'industries.NAME': { ASC: ['industry:herb', 'industry:pork'], DESC: ['industry:pork', 'industry:herb'] }, // 中 4E2D, 老 8001
  // 制作 5236, 提取 63D0, 育种 80B2; chain order 1, 1 (tie by id), 2
  'chainSegments.NAME': { ASC: ['seg:process', 'seg:extract', 'seg:breed'], DESC: ['seg:breed', 'seg:extract', 'seg:process'] },
  'chainSegments.CHAIN_ORDER': { ASC: ['seg:breed', 'seg:extract', 'seg:process'], DESC: ['seg:process', 'seg:breed', 'seg:extract'] },
  // 示例 + 专 4E13, 中药材孵 / 中药材科 / 中药研 (4E2D 836F 6750 5B75 / 79D1, 836F 7814), 农 519C, 县 53BF, 山 5C71, 市 5E02, 星 661F, 老 8001, 肉 8089; 远 8FDC
  'organizations.NAME': {
    ASC: ['plat:court', 'plat:incub', 'ent:herb', 'inst:herb', 'univ:agri', 'agency:sci', 'ent:chicken', 'agency:agri', 'plat:star', 'ent:pork', 'inst:meat', 'univ:remote'],
    DESC: ['univ:remote', 'inst:meat', 'ent:pork', 'plat:star', 'agency:agri', 'ent:chicken', 'agency:sci', 'univ:agri', 'inst:herb', 'ent:herb', 'plat:incub', 'plat:court'],
  },
  'universities.NAME': { ASC: ['univ:agri', 'univ:remote'], DESC: ['univ:remote', 'univ:agri'] },
  'researchInstitutes.NAME': { ASC: ['inst:herb', 'inst:meat'], DESC: ['inst:meat', 'inst:herb'] },
  'governmentAgencies.NAME': { ASC: ['agency:sci', 'agency:agri'], DESC: ['agency:agri', 'agency:sci'] },
  'enterprises.NAME': { ASC: ['ent:herb', 'ent:chicken', 'ent:pork'], DESC: ['ent:pork', 'ent:chicken', 'ent:herb'] },
  'enterprises.FOUNDED_YEAR': { ASC: ['ent:pork', 'ent:herb', 'ent:chicken'], DESC: ['ent:chicken', 'ent:herb', 'ent:pork'] }, // 2010, 2015, 2020
  'enterprises.EMPLOYEES': { ASC: ['ent:chicken', 'ent:herb', 'ent:pork'], DESC: ['ent:pork', 'ent:herb', 'ent:chicken'] }, // 15, 40, 120
  'enterprises.RD_SPENDING': { ASC: ['ent:herb', 'ent:chicken', 'ent:pork'], DESC: ['ent:pork', 'ent:chicken', 'ent:herb'] }, // 80, 100, 300
  'enterprises.REVENUE': { ASC: ['ent:herb', 'ent:chicken', 'ent:pork'], DESC: ['ent:chicken', 'ent:herb', 'ent:pork'] }, // 500, 900, none
  'platforms.NAME': { ASC: ['plat:court', 'plat:incub', 'plat:star'], DESC: ['plat:star', 'plat:incub', 'plat:court'] },
  'platforms.LEVEL': { ASC: ['plat:incub', 'plat:court', 'plat:star'], DESC: ['plat:star', 'plat:court', 'plat:incub'] }, // county, municipal, national
  'platforms.ESTABLISHED_YEAR': { ASC: ['plat:court', 'plat:star', 'plat:incub'], DESC: ['plat:star', 'plat:court', 'plat:incub'] }, // 2015, 2018, none
  // 张 5F20, 李 674E, 王 738B, 陈 9648
  'experts.NAME': { ASC: ['expert:zhang', 'expert:li', 'expert:wang', 'expert:chen'], DESC: ['expert:chen', 'expert:wang', 'expert:li', 'expert:zhang'] },
  'projects.NAME': { ASC: ['proj:extract', 'proj:breed', 'proj:smoke'], DESC: ['proj:smoke', 'proj:breed', 'proj:extract'] }, // 中, 生 751F, 老
  'projects.START_YEAR': { ASC: ['proj:extract', 'proj:breed', 'proj:smoke'], DESC: ['proj:smoke', 'proj:breed', 'proj:extract'] }, // 2019, 2021, 2023
  'projects.FUNDING': { ASC: ['proj:breed', 'proj:extract', 'proj:smoke'], DESC: ['proj:smoke', 'proj:extract', 'proj:breed'] }, // 0, 20, 50
  'projects.LEVEL': { ASC: ['proj:extract', 'proj:smoke', 'proj:breed'], DESC: ['proj:breed', 'proj:smoke', 'proj:extract'] },
  // 一种 + 中 4E2D, 真 771F, 腊 814A
  'patents.TITLE': { ASC: ['patent:dry', 'patent:pack', 'patent:smoke'], DESC: ['patent:smoke', 'patent:pack', 'patent:dry'] },
  'patents.FILED_YEAR': { ASC: ['patent:dry', 'patent:smoke', 'patent:pack'], DESC: ['patent:pack', 'patent:smoke', 'patent:dry'] }, // 2020, 2022, 2023
  'patents.GRANTED_YEAR': { ASC: ['patent:dry', 'patent:smoke', 'patent:pack'], DESC: ['patent:smoke', 'patent:dry', 'patent:pack'] }, // 2021, 2024, none
  'demands.TITLE': { ASC: ['demand:herb', 'demand:vac', 'demand:cold'], DESC: ['demand:cold', 'demand:vac', 'demand:herb'] },
  'demands.POSTED_ON': { ASC: ['demand:herb', 'demand:cold', 'demand:vac'], DESC: ['demand:vac', 'demand:cold', 'demand:herb'] },
  'demands.DEADLINE': { ASC: ['demand:cold', 'demand:vac', 'demand:herb'], DESC: ['demand:herb', 'demand:vac', 'demand:cold'] },
  'demands.BUDGET': { ASC: ['demand:herb', 'demand:vac', 'demand:cold'], DESC: ['demand:cold', 'demand:vac', 'demand:herb'] }, // 30, 60, 80
  'policies.NAME': { ASC: ['policy:plan', 'policy:talent', 'policy:voucher'], DESC: ['policy:voucher', 'policy:talent', 'policy:plan'] }, // 中, 人 4EBA, 科 79D1
  'policies.YEAR': { ASC: ['policy:talent', 'policy:voucher', 'policy:plan'], DESC: ['policy:plan', 'policy:voucher', 'policy:talent'] }, // 2021, 2023, 2025
  'indicators.NAME': { ASC: ['indicator:rd', 'indicator:contracts'], DESC: ['indicator:contracts', 'indicator:rd'] }, // R before 技
  'indicators.TARGET_YEAR': { ASC: ['indicator:contracts', 'indicator:rd'], DESC: ['indicator:rd', 'indicator:contracts'] }, // 2025, 2027
};

/**
 * Each nested list's orderBy argument (Type.field): a parent with at least two children, the order field, and the
 * children ascending and descending. Parents of the sample county (children and their values read off
 * seeds/sample-county's node and relationship files), except where it has no parent with two children: those use
 * this file's copy of the mini county with the links written in `NESTED_LINKS` below (kind: mini).
 */
const NESTED: Record<string, { parent: string; field: string; ASC: string[]; DESC: string[]; mini?: true }> = {
  'Expert.projects': { parent: 'expert:he-nanyan', field: 'START_YEAR', ASC: ['proj:herbs-variety-2023', 'proj:herbs-dna-2025'], DESC: ['proj:herbs-dna-2025', 'proj:herbs-variety-2023'] },
  'Expert.patents': { parent: 'expert:fu-zhiruo', field: 'FILED_YEAR', ASC: ['patent:sample-2018-0003', 'patent:sample-2023-0005'], DESC: ['patent:sample-2023-0005', 'patent:sample-2018-0003'] },
  'Expert.benefitingPolicies': { parent: 'expert:deng-xiqing', field: 'YEAR', ASC: ['policy:expert-service-team', 'policy:talent-service'], DESC: ['policy:talent-service', 'policy:expert-service-team'] },
  'IndustryCluster.industries': { parent: 'cluster:carbon-valley', field: 'NAME', ASC: ['industry:photovoltaic', 'industry:damuqi', 'industry:calcium-carbonate', 'industry:shale-ceramsite', 'industry:wind-power', 'industry:black-shale'], DESC: ['industry:black-shale', 'industry:wind-power', 'industry:shale-ceramsite', 'industry:calcium-carbonate', 'industry:damuqi', 'industry:photovoltaic'] },
  'IndustryCluster.indicators': { parent: 'cluster:carbon-valley', field: 'NAME', ASC: ['indicator:rd-intensity', 'indicator:strategic-emerging-share', 'indicator:tech-contract-value', 'indicator:invention-patents-per-10k', 'indicator:tech-smes', 'indicator:high-tech-enterprises'], DESC: ['indicator:high-tech-enterprises', 'indicator:tech-smes', 'indicator:invention-patents-per-10k', 'indicator:tech-contract-value', 'indicator:strategic-emerging-share', 'indicator:rd-intensity'] }, // every target year is 2027
  'Industry.enterprises': { parent: 'industry:herbs', field: 'EMPLOYEES', ASC: ['ent:shanyaoping', 'ent:huangjinggu', 'ent:xiyao-turang', 'ent:tianmaling', 'ent:lanshan-baiyao', 'ent:qiyun-yaoye', 'ent:lanxi-zhongyao', 'ent:daling-bayao', 'ent:lingcao-tiqu', 'ent:yaogu-fazhan', 'ent:baicao-tiqu', 'ent:anlan-qinba-yao', 'ent:shaling-yaoji', 'ent:jialin-yinpian', 'ent:daling-chuanshan'], DESC: ['ent:daling-chuanshan', 'ent:jialin-yinpian', 'ent:shaling-yaoji', 'ent:anlan-qinba-yao', 'ent:baicao-tiqu', 'ent:yaogu-fazhan', 'ent:lingcao-tiqu', 'ent:daling-bayao', 'ent:lanxi-zhongyao', 'ent:qiyun-yaoye', 'ent:lanshan-baiyao', 'ent:tianmaling', 'ent:xiyao-turang', 'ent:huangjinggu', 'ent:shanyaoping'] },
  'Industry.platforms': { parent: 'industry:herbs', field: 'ESTABLISHED_YEAR', ASC: ['plat:courtyard-herbs', 'plat:star-yaogu', 'plat:incubator-daling', 'plat:incubator-x', 'plat:lab-herbs', 'plat:accelerator-x', 'plat:talent-service', 'plat:testing-herbs'], DESC: ['plat:testing-herbs', 'plat:accelerator-x', 'plat:talent-service', 'plat:incubator-daling', 'plat:incubator-x', 'plat:lab-herbs', 'plat:star-yaogu', 'plat:courtyard-herbs'] },
  'Industry.projects': { parent: 'industry:laorou', field: 'FUNDING', ASC: ['proj:laorou-pig-2015', 'proj:laorou-craft-2016', 'proj:laorou-brand-2023', 'proj:laorou-lowsalt-2026', 'proj:laorou-trace-2019', 'proj:laorou-sales-2025', 'proj:laorou-raising-2023', 'proj:laorou-feed-2024', 'proj:laorou-empower-2024', 'proj:laorou-coldchain-2022', 'proj:laorou-smoking-2021', 'proj:laorou-cross-2023', 'proj:laorou-pig-2022', 'proj:laorou-challenge-2025', 'proj:laorou-national-2020'], DESC: ['proj:laorou-national-2020', 'proj:laorou-challenge-2025', 'proj:laorou-pig-2022', 'proj:laorou-cross-2023', 'proj:laorou-smoking-2021', 'proj:laorou-coldchain-2022', 'proj:laorou-empower-2024', 'proj:laorou-feed-2024', 'proj:laorou-raising-2023', 'proj:laorou-sales-2025', 'proj:laorou-lowsalt-2026', 'proj:laorou-trace-2019', 'proj:laorou-brand-2023', 'proj:laorou-craft-2016', 'proj:laorou-pig-2015'] },
  'Industry.demands': { parent: 'industry:laorou', field: 'BUDGET', ASC: ['demand:ecommerce-talent', 'demand:laorou-shelf-life', 'demand:swine-biosecurity', 'demand:smart-workshop', 'demand:laorou-dual-control', 'demand:laorou-trace', 'demand:laorou-breed'], DESC: ['demand:laorou-breed', 'demand:laorou-trace', 'demand:laorou-dual-control', 'demand:smart-workshop', 'demand:laorou-shelf-life', 'demand:swine-biosecurity', 'demand:ecommerce-talent'] },
  'Industry.policies': { parent: 'industry:herbs', field: 'YEAR', ASC: ['policy:expert-service-team', 'policy:double-growth', 'policy:fifteen-articles', 'policy:innovation-voucher'], DESC: ['policy:innovation-voucher', 'policy:double-growth', 'policy:fifteen-articles', 'policy:expert-service-team'] },
  'ChainSegment.enterprises': { parent: 'seg:laorou-making', field: 'FOUNDED_YEAR', ASC: ['ent:daling-chuanwei', 'ent:qinggang-laorou', 'ent:xianglin-shipin', 'ent:lanshan-lawei', 'ent:anlan-lawei', 'ent:laoyan-larou', 'ent:yanxiang-larou', 'ent:cuiping-shanzhen'], DESC: ['ent:cuiping-shanzhen', 'ent:yanxiang-larou', 'ent:laoyan-larou', 'ent:anlan-lawei', 'ent:lanshan-lawei', 'ent:xianglin-shipin', 'ent:qinggang-laorou', 'ent:daling-chuanwei'] },
  'University.experts': { parent: 'univ:swu', field: 'NAME', ASC: ['expert:he-yunshuo', 'expert:zhou-yanqiu-swu', 'expert:yu-heyi', 'expert:yu-yiwei', 'expert:zhang-lantong', 'expert:wen-shu', 'expert:mou-qiushuo', 'expert:jiang-yuanzhou', 'expert:qin-shuonan', 'expert:huang-honglan'], DESC: ['expert:huang-honglan', 'expert:qin-shuonan', 'expert:jiang-yuanzhou', 'expert:mou-qiushuo', 'expert:wen-shu', 'expert:zhang-lantong', 'expert:yu-yiwei', 'expert:yu-heyi', 'expert:zhou-yanqiu-swu', 'expert:he-yunshuo'] },
  'ResearchInstitute.experts': { parent: 'inst:tcm', field: 'NAME', ASC: ['expert:he-tang', 'expert:he-nanyan', 'expert:xiong-zhuchi', 'expert:wang-yuanshuo', 'expert:qin-zhu', 'expert:luo-jinqiu', 'expert:jiang-yan', 'expert:jiang-heke'], DESC: ['expert:jiang-heke', 'expert:jiang-yan', 'expert:luo-jinqiu', 'expert:qin-zhu', 'expert:wang-yuanshuo', 'expert:xiong-zhuchi', 'expert:he-nanyan', 'expert:he-tang'] },
  'Enterprise.experts': { parent: 'ent:qinggang-laorou', field: 'NAME', ASC: ['expert:fu-zhiruo', 'expert:peng-xiruo', 'expert:mou-hengshuo'], DESC: ['expert:mou-hengshuo', 'expert:peng-xiruo', 'expert:fu-zhiruo'] },
  'Platform.experts': { parent: 'plat:courtyard-laorou', field: 'NAME', ASC: ['expert:zhou-yanqiu-swu', 'expert:qin-shuonan', 'expert:qin-xijia', 'expert:xie-zhouqiu'], DESC: ['expert:xie-zhouqiu', 'expert:qin-xijia', 'expert:qin-shuonan', 'expert:zhou-yanqiu-swu'] },
  'GovernmentAgency.experts': { parent: 'agency:county-agri', field: 'NAME', ASC: ['expert:yu-ting', 'expert:yu-yiwei', 'expert:qin-ming'], DESC: ['expert:qin-ming', 'expert:yu-yiwei', 'expert:yu-ting'] },
  'University.projects': { parent: 'univ:swu', field: 'START_YEAR', ASC: ['proj:laorou-craft-2016', 'proj:laorou-national-2020', 'proj:laorou-smoking-2021', 'proj:laorou-coldchain-2022', 'proj:selenium-2022', 'proj:black-shale-2024', 'proj:chicken-processing-2024', 'proj:selenium-national-2024', 'proj:chicken-race-b-2025', 'proj:herbs-soil-2025', 'proj:laorou-challenge-2025'], DESC: ['proj:chicken-race-b-2025', 'proj:herbs-soil-2025', 'proj:laorou-challenge-2025', 'proj:black-shale-2024', 'proj:chicken-processing-2024', 'proj:selenium-national-2024', 'proj:laorou-coldchain-2022', 'proj:selenium-2022', 'proj:laorou-smoking-2021', 'proj:laorou-national-2020', 'proj:laorou-craft-2016'] },
  'ResearchInstitute.projects': { parent: 'inst:tcm', field: 'LEVEL', ASC: ['proj:herbs-dna-2025', 'proj:herbs-quality-2024', 'proj:herbs-cross-2023', 'proj:herbs-extract-2022', 'proj:herbs-gap-2021', 'proj:herbs-preparation-2018', 'proj:herbs-variety-2023', 'proj:herbs-national-2016'], DESC: ['proj:herbs-national-2016', 'proj:herbs-cross-2023', 'proj:herbs-extract-2022', 'proj:herbs-gap-2021', 'proj:herbs-preparation-2018', 'proj:herbs-variety-2023', 'proj:herbs-dna-2025', 'proj:herbs-quality-2024'] },
  'Enterprise.projects': { parent: 'ent:qinggang-laorou', field: 'FUNDING', ASC: ['proj:laorou-craft-2016', 'proj:laorou-empower-2024', 'proj:laorou-coldchain-2022', 'proj:laorou-smoking-2021', 'proj:laorou-cross-2023', 'proj:laorou-national-2020'], DESC: ['proj:laorou-national-2020', 'proj:laorou-cross-2023', 'proj:laorou-smoking-2021', 'proj:laorou-coldchain-2022', 'proj:laorou-empower-2024', 'proj:laorou-craft-2016'] },
  'Platform.projects': { parent: 'plat:accelerator-x', field: 'NAME', ASC: ['proj:incubation-2022', 'proj:herbs-pilot-2023'], DESC: ['proj:herbs-pilot-2023', 'proj:incubation-2022'] },
  'GovernmentAgency.projects': { parent: 'agency:county-agri', field: 'START_YEAR', ASC: ['proj:chicken-raising-2018', 'proj:damuqi-tapping-2019', 'proj:laorou-pig-2022', 'proj:laorou-raising-2023'], DESC: ['proj:laorou-raising-2023', 'proj:laorou-pig-2022', 'proj:damuqi-tapping-2019', 'proj:chicken-raising-2018'] },
  'University.patents': { parent: 'univ:swu', field: 'FILED_YEAR', ASC: ['patent:sample-2016-0001', 'patent:sample-2017-0001', 'patent:sample-2018-0001', 'patent:sample-2019-0001', 'patent:sample-2020-0001', 'patent:sample-2021-0001', 'patent:sample-2022-0001', 'patent:sample-2023-0001', 'patent:sample-2024-0001'], DESC: ['patent:sample-2024-0001', 'patent:sample-2023-0001', 'patent:sample-2022-0001', 'patent:sample-2021-0001', 'patent:sample-2020-0001', 'patent:sample-2019-0001', 'patent:sample-2018-0001', 'patent:sample-2017-0001', 'patent:sample-2016-0001'] },
  'ResearchInstitute.patents': { parent: 'inst:tcm', field: 'GRANTED_YEAR', ASC: ['patent:sample-2017-0003', 'patent:sample-2018-0002', 'patent:sample-2019-0002', 'patent:sample-2020-0003', 'patent:sample-2021-0003', 'patent:sample-2022-0003', 'patent:sample-2023-0002'], DESC: ['patent:sample-2023-0002', 'patent:sample-2021-0003', 'patent:sample-2022-0003', 'patent:sample-2020-0003', 'patent:sample-2019-0002', 'patent:sample-2018-0002', 'patent:sample-2017-0003'] },
  'Enterprise.patents': { parent: 'ent:baicao-tiqu', field: 'TITLE', ASC: ['patent:sample-2020-0006', 'patent:sample-2024-0005'], DESC: ['patent:sample-2024-0005', 'patent:sample-2020-0006'] },
  'Enterprise.hostedPlatforms': { parent: 'ent:kechuang-touzi', field: 'NAME', ASC: ['plat:accelerator-x', 'plat:incubator-x', 'plat:maker-qingchuang'], DESC: ['plat:maker-qingchuang', 'plat:incubator-x', 'plat:accelerator-x'] },
  'GovernmentAgency.hostedPlatforms': { parent: 'agency:county-econ', field: 'ESTABLISHED_YEAR', ASC: ['plat:sme-center', 'plat:ecommerce-center', 'plat:laorou-empower'], DESC: ['plat:laorou-empower', 'plat:ecommerce-center', 'plat:sme-center'] },
  'Enterprise.benefitingPolicies': { parent: 'ent:baicao-tiqu', field: 'NAME', ASC: ['policy:one-firm-one-officer', 'policy:fifteen-articles', 'policy:double-growth'], DESC: ['policy:double-growth', 'policy:fifteen-articles', 'policy:one-firm-one-officer'] },
  'GovernmentAgency.demands': { parent: 'agency:county-econ', field: 'DEADLINE', ASC: ['demand:damuqi-design', 'demand:laorou-trace', 'demand:black-shale-selenium'], DESC: ['demand:black-shale-selenium', 'demand:laorou-trace', 'demand:damuqi-design'] },
  'GovernmentAgency.issuedPolicies': { parent: 'agency:county-sci', field: 'NAME', ASC: ['policy:innovation-voucher', 'policy:double-growth'], DESC: ['policy:double-growth', 'policy:innovation-voucher'] },
  'Region.children': { parent: 'region:x-county', field: 'POPULATION', ASC: ['region:qiya-town', 'region:heming-town', 'region:lanxi-town', 'region:qinggang-town', 'region:xiquan-town'], DESC: ['region:xiquan-town', 'region:qinggang-town', 'region:lanxi-town', 'region:heming-town', 'region:qiya-town'] },
  'Region.members': { parent: 'region:zone-chengyu', field: 'NAME', ASC: ['region:x-county', 'region:x-municipality', 'region:jialin-district', 'region:sichuan-province', 'region:lanshan-county', 'region:shaling-district', 'region:daling-city'], DESC: ['region:daling-city', 'region:shaling-district', 'region:lanshan-county', 'region:sichuan-province', 'region:jialin-district', 'region:x-municipality', 'region:x-county'] },
  'Region.indicators': { parent: 'region:x-county', field: 'NAME', ASC: ['indicator:talent-total', 'indicator:rd-intensity', 'indicator:strategic-emerging-share', 'indicator:tech-contract-value', 'indicator:invention-patents-per-10k', 'indicator:sci-talent', 'indicator:tech-smes', 'indicator:high-tech-enterprises'], DESC: ['indicator:high-tech-enterprises', 'indicator:tech-smes', 'indicator:sci-talent', 'indicator:invention-patents-per-10k', 'indicator:tech-contract-value', 'indicator:strategic-emerging-share', 'indicator:rd-intensity', 'indicator:talent-total'] }, // every target year is 2027
  'Topic.narrower': { parent: 'topic:ict', field: 'NAME', ASC: ['topic:agri-iot', 'topic:blockchain-trace', 'topic:industrial-internet', 'topic:digital-health', 'topic:smart-education-tech', 'topic:smart-tourism-tech'], DESC: ['topic:smart-tourism-tech', 'topic:smart-education-tech', 'topic:digital-health', 'topic:industrial-internet', 'topic:blockchain-trace', 'topic:agri-iot'] },
  'Topic.organizations': { parent: 'topic:cured-meat-process', field: 'NAME', ASC: ['ent:yanxiang-larou', 'ent:laoyan-larou', 'ent:laojiangfang', 'ent:qinggang-laorou', 'ent:xianglin-shipin', 'ent:anlan-lawei', 'ent:lanshan-lawei', 'univ:swu', 'ent:daling-chuanwei', 'univ:daling-vocational'], DESC: ['univ:daling-vocational', 'ent:daling-chuanwei', 'univ:swu', 'ent:lanshan-lawei', 'ent:anlan-lawei', 'ent:xianglin-shipin', 'ent:qinggang-laorou', 'ent:laojiangfang', 'ent:laoyan-larou', 'ent:yanxiang-larou'] },
  'Topic.projects': { parent: 'topic:cured-meat-process', field: 'START_YEAR', ASC: ['proj:laorou-craft-2016', 'proj:laorou-national-2020', 'proj:laorou-cross-2023', 'proj:laorou-empower-2024', 'proj:laorou-challenge-2025', 'proj:laorou-lowsalt-2026'], DESC: ['proj:laorou-lowsalt-2026', 'proj:laorou-challenge-2025', 'proj:laorou-empower-2024', 'proj:laorou-cross-2023', 'proj:laorou-national-2020', 'proj:laorou-craft-2016'] },
  'Topic.patents': { parent: 'topic:packaging', field: 'FILED_YEAR', ASC: ['patent:sample-2019-0006', 'patent:sample-2021-0001', 'patent:sample-2021-0007', 'patent:sample-2023-0005', 'patent:sample-2024-0001'], DESC: ['patent:sample-2024-0001', 'patent:sample-2023-0005', 'patent:sample-2021-0001', 'patent:sample-2021-0007', 'patent:sample-2019-0006'] },
  'Topic.requiringDemands': { parent: 'topic:packaging', field: 'DEADLINE', ASC: ['demand:laorou-shelf-life', 'demand:moyu-gel'], DESC: ['demand:moyu-gel', 'demand:laorou-shelf-life'] },
  // The mini county plus NESTED_LINKS: 星创天地 owns 干燥设备 (中 4E2D) and 真空包装 (真 771F) patents; 科技局 owns 低盐熏制 (2022) and 真空包装 (2023).
  'Platform.patents': { parent: 'plat:star', field: 'TITLE', ASC: ['patent:dry', 'patent:pack'], DESC: ['patent:pack', 'patent:dry'], mini: true },
  'GovernmentAgency.patents': { parent: 'agency:sci', field: 'FILED_YEAR', ASC: ['patent:smoke', 'patent:pack'], DESC: ['patent:pack', 'patent:smoke'], mini: true },
  // 农业大学 hosts 孵化器 (county level) and 专家大院 (municipal); 肉类研究院 hosts 专家大院 (2015) and 星创天地 (2018); 星创天地 hosts 孵化器 and 专家大院.
  'University.hostedPlatforms': { parent: 'univ:agri', field: 'LEVEL', ASC: ['plat:incub', 'plat:court'], DESC: ['plat:court', 'plat:incub'], mini: true },
  'ResearchInstitute.hostedPlatforms': { parent: 'inst:meat', field: 'ESTABLISHED_YEAR', ASC: ['plat:court', 'plat:star'], DESC: ['plat:star', 'plat:court'], mini: true },
  'Platform.hostedPlatforms': { parent: 'plat:star', field: 'NAME', ASC: ['plat:court', 'plat:incub'], DESC: ['plat:incub', 'plat:court'], mini: true },
  // 人才服务管理办法 (2021, 人 4EBA) and 中药材产业行动计划 (2025, 中 4E2D) benefit each of these.
  'University.benefitingPolicies': { parent: 'univ:agri', field: 'YEAR', ASC: ['policy:talent', 'policy:plan'], DESC: ['policy:plan', 'policy:talent'], mini: true },
  'ResearchInstitute.benefitingPolicies': { parent: 'inst:meat', field: 'NAME', ASC: ['policy:plan', 'policy:talent'], DESC: ['policy:talent', 'policy:plan'], mini: true },
  'Platform.benefitingPolicies': { parent: 'plat:star', field: 'YEAR', ASC: ['policy:talent', 'policy:plan'], DESC: ['policy:plan', 'policy:talent'], mini: true },
  'GovernmentAgency.benefitingPolicies': { parent: 'agency:sci', field: 'NAME', ASC: ['policy:plan', 'policy:talent'], DESC: ['policy:talent', 'policy:plan'], mini: true },
  // 中药材科技 posted 干燥技术需求 (fixture, 2024-06-01) and also 真空包装设备需求 (2025-09-10).
  'Enterprise.demands': { parent: 'ent:herb', field: 'POSTED_ON', ASC: ['demand:herb', 'demand:vac'], DESC: ['demand:vac', 'demand:herb'], mini: true },
  // 示例镇: 山地鸡养殖 (山 5C71) and 中药材孵化器 (中 4E2D).
  'Region.organizations': { parent: 'region:town', field: 'NAME', ASC: ['plat:incub', 'ent:chicken'], DESC: ['ent:chicken', 'plat:incub'], mini: true },
};

/** Links added to the nested-order copy of the mini county, so that every parent above has two children. */
const NESTED_LINKS: Array<[string, string, string]> = [
  ['plat:star', 'OWNS', 'patent:dry'],
  ['plat:star', 'OWNS', 'patent:pack'],
  ['agency:sci', 'OWNS', 'patent:smoke'],
  ['agency:sci', 'OWNS', 'patent:pack'],
  ['univ:agri', 'HOSTS', 'plat:incub'],
  ['univ:agri', 'HOSTS', 'plat:court'],
  ['inst:meat', 'HOSTS', 'plat:court'],
  ['inst:meat', 'HOSTS', 'plat:star'],
  ['plat:star', 'HOSTS', 'plat:incub'],
  ['plat:star', 'HOSTS', 'plat:court'],
  ...['univ:agri', 'inst:meat', 'plat:star', 'agency:sci'].flatMap((beneficiary): Array<[string, string, string]> => [
    ['policy:talent', 'BENEFITS', beneficiary],
    ['policy:plan', 'BENEFITS', beneficiary],
  ]),
  ['ent:herb', 'POSTED', 'demand:vac'],
];

const SECOND_ACTOR = `filters-test-${uniquePrefix()}`;
let betweenTheChanges = '';

interface Page {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Array<{ id: string }>;
}

interface ListField {
  name: string;
  filterType?: string;
  filterFields: string[];
  orderType?: string;
  orderValues: string[];
}

/** The top-level lists with a filter or an orderBy argument, read from the schema. */
function listFields(): ListField[] {
  const schema = buildASTSchema(concatAST(loadTypeDefs().map((source) => parse(source))));
  return Object.values(schema.getQueryType()!.getFields()).flatMap((field) => {
    const filter = field.args.find((arg) => arg.name === 'filter');
    const order = field.args.find((arg) => arg.name === 'orderBy');
    if (!filter && !order) return [];
    const filterType = filter ? getNamedType(filter.type) : undefined;
    const orderType = order ? getNamedType(order.type) : undefined;
    const orderField = orderType && isInputObjectType(orderType) ? getNamedType(orderType.getFields().field!.type) : undefined;
    return [
      {
        name: field.name,
        filterType: filterType?.name,
        filterFields: filterType && isInputObjectType(filterType) ? Object.keys(filterType.getFields()) : [],
        orderType: orderType?.name,
        orderValues: orderField && isEnumType(orderField) ? orderField.getValues().map((value) => value.name) : [],
      },
    ];
  });
}

const LISTS = listFields();

/** Every `Type.field` of an object type (not Query) with an orderBy argument, with the type of that argument. */
function nestedOrderArguments(): Map<string, { kind: string; orderType: string }> {
  const schema = buildASTSchema(concatAST(loadTypeDefs().map((source) => parse(source))));
  const found = new Map<string, { kind: string; orderType: string }>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type === schema.getQueryType()) continue;
    for (const field of Object.values(type.getFields())) {
      const order = field.args.find((arg) => arg.name === 'orderBy');
      if (order) found.set(`${type.name}.${field.name}`, { kind: type.name, orderType: getNamedType(order.type).name });
    }
  }
  return found;
}

const NESTED_ARGUMENTS = nestedOrderArguments();

describe('the filter and order tables cover the schema', () => {
  it('has a case for every filter input field of every top-level list, and no case for a field that does not exist', () => {
    const inSchema = LISTS.flatMap((list) => list.filterFields.map((field) => `${list.name}.${field}`)).sort();
    expect(Object.keys(FILTERS).sort()).toEqual(inSchema);
    for (const [key, cases] of Object.entries(FILTERS)) {
      const field = key.split('.')[1]!;
      for (const entry of cases) expect(Object.keys(entry.filter(() => 'id')), key).toEqual([field]);
    }
  });

  it('has an expected order for every orderBy value of every top-level list', () => {
    const inSchema = LISTS.flatMap((list) => list.orderValues.map((value) => `${list.name}.${value}`)).sort();
    expect(Object.keys(ORDERS).sort()).toEqual(inSchema);
  });

  it('has an expected order for every orderBy argument of a nested list, on a parent with two children or more', () => {
    expect(Object.keys(NESTED).sort()).toEqual([...NESTED_ARGUMENTS.keys()].sort());
    for (const [key, entry] of Object.entries(NESTED)) {
      expect(entry.ASC.length, key).toBeGreaterThanOrEqual(2);
      expect(entry.DESC, key).not.toEqual(entry.ASC);
    }
  });
});

describe('filters and orders, on the mini county', () => {
  let database: Database;
  let service: TestService;
  const prefix = uniquePrefix();
  const ref: Ref = (kind, id) => toGlobalId(kind, `${prefix}:${id}`);

  beforeAll(async () => {
    database = openTestDatabase();
    await loadMiniCounty(database, prefix);
    service = await startTestService(database);
    // Two audit entries: one by the first actor on 中药材科技, then — after `betweenTheChanges` — one by the second on 老腊肉食品.
    const UPDATE = 'mutation ($input: OrganizationUpdateInput!) { organizationUpdate(input: $input) { userErrors { message } } }';
    const first = await service.query(UPDATE, { input: { id: ref('Enterprise', 'ent:herb'), employees: 41 } }, { token: await tokenFor('editor', `filters-test-first-${prefix}`) });
    expect(first.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 20));
    betweenTheChanges = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await service.query(UPDATE, { input: { id: ref('Enterprise', 'ent:pork'), employees: 121 } }, { token: await tokenFor('editor', SECOND_ACTOR) });
    expect(second.errors).toBeUndefined();
  });
  afterAll(async () => {
    await service?.close();
    await deleteByPrefix(database, prefix);
    await database?.close();
  });

  /** Every page of the list (100 at a time), reduced to this file's mini-county records, in the order returned. */
  async function run(list: ListField, variables: { filter?: Record<string, unknown>; orderBy?: Record<string, unknown> }): Promise<string[]> {
    const declarations = ['$after: String', list.filterType && `$filter: ${list.filterType}`, list.orderType && `$orderBy: ${list.orderType}`].filter(Boolean).join(', ');
    const args = ['first: 100', 'after: $after', list.filterType && 'filter: $filter', list.orderType && 'orderBy: $orderBy'].filter(Boolean).join(', ');
    const selection = list.name === 'changes' ? 'id: entityId' : 'id';
    const query = `query (${declarations}) { ${list.name}(${args}) { pageInfo { hasNextPage endCursor } nodes { ${selection} } } }`;
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const result: GraphQLResult<Record<string, Page>> = await service.query<Record<string, Page>>(
        query,
        { ...variables, after },
        'admin',
      );
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      const connection: Page = result.data![list.name]!;
      ids.push(...connection.nodes.map((node) => fromGlobalId(node.id)?.id ?? node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    return ids.filter((id) => id.startsWith(`${prefix}:`)).map((id) => id.slice(prefix.length + 1));
  }

  const byList = (name: string) => LISTS.find((list) => list.name === name)!;

  it.each(Object.entries(FILTERS).flatMap(([key, cases]) => cases.map((entry, index) => [`${key} #${index + 1}`, key, entry] as const)))(
    'filter %s',
    async (_label, key, entry) => {
      const list = byList(key.split('.')[0]!);
      const found = await run(list, { filter: entry.filter(ref) });
      expect([...found].sort()).toEqual([...entry.expected].sort());
      // The case tells the filter from no filter: some record of the list in the fixture is left out.
      expect((await run(list, {})).length).toBeGreaterThan(entry.expected.length);
    },
  );

  it.each(Object.entries(ORDERS).flatMap(([key, expected]) => (['ASC', 'DESC'] as const).map((direction) => [`${key} ${direction}`, key, direction, expected[direction]] as const)))(
    'orderBy %s',
    async (_label, key, direction, expected) => {
      const [name, field] = key.split('.') as [string, string];
      expect(await run(byList(name), { orderBy: { field, direction } })).toEqual(expected);
    },
  );
});

describe('a filter that starts from one record, over a relationship written twice', () => {
  let database: Database;
  let service: TestService;
  const prefix = uniquePrefix();
  const ref: Ref = (kind, id) => toGlobalId(kind, `${prefix}:${id}`);

  beforeAll(async () => {
    database = openTestDatabase();
    await loadMiniCounty(database, prefix);
    // The format allows one AFFILIATED_WITH per pair (the importer refuses a second); a script writing Cypher may not.
    await database.write(`MATCH (a:Entity {id: $from}), (b:Entity {id: $to}) CREATE (a)-[:AFFILIATED_WITH {source: 'test'}]->(b)`, {
      from: `${prefix}:expert:wang`,
      to: `${prefix}:univ:agri`,
    });
    service = await startTestService(database);
  });
  afterAll(async () => {
    await service?.close();
    await deleteByPrefix(database, prefix);
    await database?.close();
  });

  it.each([
    // 王 is 示例农业大学's only expert in the fixture (see 'experts.organization'), an EXPERT in 冷链保存, flexibly engaged.
    ['alone', {}, ['王']],
    ['with a condition it meets', { minExpertiseLevel: 'EXPERT' }, ['王']],
    ['with a condition it fails', { flexibleEngagement: false }, []],
  ] as const)('lists each expert once, and counts each once: %s', async (_label, more, expected) => {
    const result = await service.query<{ experts: { totalCount: number; nodes: Array<{ name: string }> } }>(
      'query ($filter: ExpertFilter) { experts(first: 10, filter: $filter) { totalCount nodes { name } } }',
      { filter: { organization: ref('University', 'univ:agri'), ...more } },
      'admin',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.experts.nodes.map((node) => node.name[0])).toEqual(expected);
    expect(result.data!.experts.totalCount).toBe(expected.length);
  });
});

describe('orderBy of nested lists', () => {
  let database: Database;
  let service: TestService;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    database = openTestDatabase();
    await loadMiniCounty(database, prefix);
    for (const [from, type, to] of NESTED_LINKS) {
      await database.write(`MATCH (a:Entity {id: $from}), (b:Entity {id: $to}) CREATE (a)-[:${type} {source: 'test'}]->(b)`, { from: `${prefix}:${from}`, to: `${prefix}:${to}` });
    }
    service = await startTestService(database);
  });
  afterAll(async () => {
    await service?.close();
    await deleteByPrefix(database, prefix);
    await database?.close();
  });

  it.each(Object.entries(NESTED).flatMap(([key, entry]) => (['ASC', 'DESC'] as const).map((direction) => [`${key} ${entry.field} ${direction}`, key, direction, entry] as const)))(
    '%s',
    async (_label, key, direction, entry) => {
      const { kind, orderType } = NESTED_ARGUMENTS.get(key)!;
      const field = key.split('.')[1]!;
      const recordIdOf = (id: string) => (entry.mini ? `${prefix}:${id}` : id);
      const result = await service.query<{ node: Record<string, { nodes: Array<{ id: string }> }> | null }>(
        `query ($id: ID!, $orderBy: ${orderType}) { node(id: $id) { ... on ${kind} { list: ${field}(first: 100, orderBy: $orderBy) { nodes { ... on Node { id } } } } } }`,
        { id: toGlobalId(kind as Kind, recordIdOf(entry.parent)), orderBy: { field: entry.field, direction } },
      );
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      expect(result.data?.node?.list?.nodes.map((node) => fromGlobalId(node.id)?.id)).toEqual(entry[direction].map(recordIdOf));
    },
  );
});
