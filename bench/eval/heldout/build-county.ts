/**
 * Writes the held-out county (栖梧县, a fictional county) into bench/eval/heldout/county/ in the seed format.
 *
 * Every record below was written by hand for the held-out evaluation; this script only expands the compact
 * tables into the format's files (no randomness, no code shared with tools/sample-dataset). Its shape differs from
 * seeds/sample-county on purpose: few organisations declare a focus (FOCUSES_ON), capability shows through
 * experts, projects and patents; experts with two affiliations and two pairs of namesakes; coarse titles; strong
 * candidates outside the county; a segment that requires no topic. Usage: `npx tsx bench/eval/heldout/build-county.ts`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'county');

/** Provenance of each record, by the register it would come from in a real county (all fictional). */
const SRC = {
  region: '行政区划（虚构地名）',
  industry: '栖梧县产业链图谱工作方案（虚构）',
  topic: '技术主题词表（评测集手写，虚构）',
  enterprise: '栖梧县科技局企业名录（虚构）',
  outsider: '峦州市/川岭省科技资源登记（虚构）',
  talent: '栖梧县委组织部人才卡登记（虚构人物）',
  project: '科技项目库（虚构）',
  patent: '专利登记（虚构，编号非真实公开号）',
  demand: '栖梧县技术需求征集（虚构）',
  cooperation: '产学研合作备案（虚构）',
} as const;

type Row = Record<string, unknown>;
const nodes = new Map<string, Row[]>();
const relationships = new Map<string, Row[]>();
const node = (kind: string, record: Row) => nodes.set(kind, [...(nodes.get(kind) ?? []), record]);
const rel = (type: string, from: string, to: string, source: string, properties: Row = {}) =>
  relationships.set(type, [...(relationships.get(type) ?? []), { from, to, source, ...properties }]);

// ── Regions ────────────────────────────────────────────────────────────────────────────────────────────────
const REGIONS: Array<[string, string, string, number | null, string, string | null]> = [
  ['region:chuanling-province', '川岭省', 'PROVINCE', null, '虚构的省份。', null],
  ['region:hanyuan-province', '汉原省', 'PROVINCE', null, '虚构的邻省。', null],
  ['region:luanzhou-city', '峦州市', 'MUNICIPALITY', 3100000, '川岭省的虚构地级市，栖梧县所属。', 'region:chuanling-province'],
  ['region:lanping-city', '澜屏市', 'MUNICIPALITY', 6800000, '川岭省省会（虚构），高校院所集中。', 'region:chuanling-province'],
  ['region:qintai-city', '秦台市', 'MUNICIPALITY', 2200000, '汉原省的虚构地级市，与峦州市同属峦秦协同发展示范区。', 'region:hanyuan-province'],
  ['region:hanyuan-capital', '汉原市', 'MUNICIPALITY', 5400000, '汉原省省会（虚构），不在任何协作区内。', 'region:hanyuan-province'],
  ['region:qiwu-county', '栖梧县', 'COUNTY', 420000, '峦州市辖山区县（虚构），腊肉、天麻、高山茶、竹笋为特色产业。', 'region:luanzhou-city'],
  ['region:wangchuan-county', '望川县', 'COUNTY', 510000, '峦州市辖县（虚构），与栖梧县相邻。', 'region:luanzhou-city'],
  ['region:qiwu-chengguan', '城关镇', 'TOWNSHIP', 90000, '栖梧县城所在地（虚构）。', 'region:qiwu-county'],
  ['region:qiwu-fengling', '枫岭镇', 'TOWNSHIP', 38000, '栖梧县北部山区镇（虚构）。', 'region:qiwu-county'],
  ['region:qiwu-shiqiao', '石桥镇', 'TOWNSHIP', 41000, '栖梧县南部镇（虚构）。', 'region:qiwu-county'],
  ['region:luanzhou-nanhu', '南湖区', 'DISTRICT', 620000, '峦州市主城区（虚构）。', 'region:luanzhou-city'],
  ['region:lanping-xuefu', '学府区', 'DISTRICT', 800000, '澜屏市高校集中的城区（虚构）。', 'region:lanping-city'],
  ['region:zone-luanqin', '峦秦协同发展示范区', 'COOPERATION_ZONE', null, '跨省合作区（虚构）：峦州市与秦台市。', null],
];
for (const [id, name, kind, population, description, parent] of REGIONS) {
  node('Region', { id, name, kind, population, description, source: SRC.region });
  if (parent) rel('PART_OF', id, parent, SRC.region);
}
rel('IN_ZONE', 'region:luanzhou-city', 'region:zone-luanqin', SRC.region);
rel('IN_ZONE', 'region:qintai-city', 'region:zone-luanqin', SRC.region);

// ── Clusters, industries, segments ─────────────────────────────────────────────────────────────────────────
node('IndustryCluster', { id: 'cluster:mountain-food', name: '山地特色食品集群', aliases: ['mountain specialty food cluster'], description: '腊肉、高山茶、竹笋。', source: SRC.industry });
node('IndustryCluster', { id: 'cluster:herb-valley', name: '栖梧药谷', aliases: ['Qiwu herb valley'], description: '以天麻为主的中药材产业。', source: SRC.industry });
const INDUSTRIES: Array<[string, string, string[], string, string]> = [
  ['industry:larou', '腊肉', ['烟熏腊肉', '柴火腊肉', 'cured pork', 'smoked pork'], '栖梧县传统柴火烟熏腊肉产业。', 'cluster:mountain-food'],
  ['industry:gastrodia', '天麻', ['乌天麻', '栖梧天麻', 'gastrodia', 'tianma'], '林下天麻种植与加工。', 'cluster:herb-valley'],
  ['industry:tea', '高山茶', ['茶叶', '栖梧云雾茶', 'alpine tea', 'tea'], '海拔800米以上的高山绿茶。', 'cluster:mountain-food'],
  ['industry:bamboo-shoot', '竹笋', ['竹产业', '方竹笋', 'bamboo shoots'], '笋用竹林与笋制品。', 'cluster:mountain-food'],
];
for (const [id, name, aliases, description, cluster] of INDUSTRIES) {
  node('Industry', { id, name, aliases, description, source: SRC.industry });
  rel('IN_CLUSTER', id, cluster, SRC.industry);
}
/** [id, industry, name, position, order, description, required topics] — 腊肉·品牌销售 requires no topic on purpose. */
const SEGMENTS: Array<[string, string, string, string, number, string, string[]]> = [
  ['seg:larou-pig', 'industry:larou', '腊肉·生猪养殖', 'UPSTREAM', 1, '本地黑猪养殖与保种。', ['topic:pig-raising', 'topic:local-pig-breeds']],
  ['seg:larou-curing', 'industry:larou', '腊肉·腌制熏制', 'MIDSTREAM', 2, '腌制、柴火烟熏。', ['topic:smoke-curing', 'topic:nitrite-control']],
  ['seg:larou-preserve', 'industry:larou', '腊肉·保鲜贮藏', 'MIDSTREAM', 3, '包装、贮藏与运输保鲜。', ['topic:meat-preservation', 'topic:vacuum-packaging']],
  ['seg:larou-sales', 'industry:larou', '腊肉·品牌销售', 'DOWNSTREAM', 4, '品牌、渠道与销售。', []],
  ['seg:gastrodia-seed', 'industry:gastrodia', '天麻·种源繁育', 'UPSTREAM', 1, '天麻种子、萌发菌与蜜环菌菌种。', ['topic:gastrodia-seed', 'topic:armillaria-strain']],
  ['seg:gastrodia-planting', 'industry:gastrodia', '天麻·仿野生种植', 'UPSTREAM', 2, '林下仿野生栽培与病害防治。', ['topic:gastrodia-wild-cultivation', 'topic:herb-pest-control']],
  ['seg:gastrodia-drying', 'industry:gastrodia', '天麻·产地初加工', 'MIDSTREAM', 3, '蒸制、烘干与分级。', ['topic:herb-drying', 'topic:herb-quality-testing']],
  ['seg:gastrodia-extract', 'industry:gastrodia', '天麻·精深加工', 'DOWNSTREAM', 4, '天麻素提取与保健食品。', ['topic:gastrodin-extraction', 'topic:health-food-development']],
  ['seg:tea-garden', 'industry:tea', '高山茶·茶园管理', 'UPSTREAM', 1, '茶树栽培与病虫害防控。', ['topic:tea-cultivation', 'topic:tea-pest-control']],
  ['seg:tea-processing', 'industry:tea', '高山茶·加工制茶', 'MIDSTREAM', 2, '杀青、揉捻、干燥。', ['topic:tea-processing']],
  ['seg:tea-testing', 'industry:tea', '高山茶·品质检测', 'MIDSTREAM', 3, '农残检测与品质评价。', ['topic:pesticide-residue-testing', 'topic:tea-quality-grading']],
  ['seg:tea-sales', 'industry:tea', '高山茶·电商销售', 'DOWNSTREAM', 4, '网店与直播销售。', ['topic:e-commerce']],
  ['seg:bamboo-forest', 'industry:bamboo-shoot', '竹笋·竹林培育', 'UPSTREAM', 1, '笋用竹林经营。', ['topic:bamboo-cultivation']],
  ['seg:bamboo-food', 'industry:bamboo-shoot', '竹笋·笋制品加工', 'DOWNSTREAM', 2, '即食笋、笋干加工与杀菌。', ['topic:shoot-processing', 'topic:food-sterilization']],
];
for (const [id, industry, name, position, order, description, topics] of SEGMENTS) {
  node('ChainSegment', { id, name, position, order, description, source: SRC.industry });
  rel('HAS_SEGMENT', industry, id, SRC.industry);
  for (const topic of topics) rel('REQUIRES', id, topic, SRC.industry);
}
for (const [from, to] of [
  ['seg:larou-pig', 'seg:larou-curing'],
  ['seg:larou-curing', 'seg:larou-preserve'],
  ['seg:larou-preserve', 'seg:larou-sales'],
  ['seg:gastrodia-seed', 'seg:gastrodia-planting'],
  ['seg:gastrodia-planting', 'seg:gastrodia-drying'],
  ['seg:gastrodia-drying', 'seg:gastrodia-extract'],
  ['seg:tea-garden', 'seg:tea-processing'],
  ['seg:tea-processing', 'seg:tea-testing'],
  ['seg:tea-testing', 'seg:tea-sales'],
  ['seg:bamboo-forest', 'seg:bamboo-food'],
] as const) {
  rel('UPSTREAM_OF', from, to, SRC.industry);
}

// ── Topics: [id, name, aliases (synonyms and the English name — the format has no separate field), description, broader] ──
const TOPICS: Array<[string, string, string[], string, string | null]> = [
  ['topic:livestock-breeding', '畜禽育种', ['animal breeding'], '畜禽品种选育与遗传改良。', null],
  ['topic:pig-raising', '生猪养殖', ['养猪', 'pig farming'], '生猪饲养管理与疫病预防。', null],
  ['topic:local-pig-breeds', '地方猪种保护', ['土猪保种', 'local pig breed conservation'], '地方猪遗传资源保存与利用。', 'topic:livestock-breeding'],
  ['topic:feed-nutrition', '饲料营养', ['饲料配方', 'feed formulation'], '日粮配方与营养调控。', null],
  ['topic:wastewater-treatment', '养殖废水处理', ['畜禽粪污资源化', 'livestock wastewater treatment'], '养殖场废水与粪污的处理和利用。', null],
  ['topic:meat-processing', '肉制品加工', ['meat processing'], '肉制品加工工艺。', null],
  ['topic:smoke-curing', '烟熏工艺', ['熏制', 'smoking process', 'smoke curing'], '腊肉等肉制品的烟熏熏制工艺。', 'topic:meat-processing'],
  ['topic:meat-preservation', '肉制品保鲜', ['保质期延长', 'meat preservation', 'shelf life extension'], '延长肉制品货架期、防止霉变与脂肪氧化。', 'topic:meat-processing'],
  ['topic:fermentation-flavor', '发酵风味', ['风味物质', 'flavor chemistry'], '腌腊与发酵食品的风味形成。', null],
  ['topic:food-safety', '食品安全检测', ['food safety testing'], '食品中有害物质的检测与控制。', null],
  ['topic:nitrite-control', '亚硝酸盐控制', ['nitrite reduction'], '腌制肉制品中亚硝酸盐残留的控制。', 'topic:food-safety'],
  ['topic:pah-reduction', '多环芳烃控制', ['苯并芘控制', 'PAH reduction'], '烟熏食品中苯并[a]芘等多环芳烃的控制。', 'topic:food-safety'],
  ['topic:vacuum-packaging', '真空包装', ['气调包装', 'vacuum packaging'], '真空与气调包装材料及工艺。', null],
  ['topic:cold-chain', '冷链物流', ['冷链运输', 'cold chain logistics'], '生鲜与肉制品的低温储运。', null],
  ['topic:herb-breeding', '中药材良种选育', ['medicinal plant breeding'], '中药材品种选育。', null],
  ['topic:gastrodia-seed', '天麻种源繁育', ['天麻有性繁殖', 'gastrodia seed propagation'], '天麻种子生产、萌发菌配套与种麻繁育。', 'topic:herb-breeding'],
  ['topic:armillaria-strain', '蜜环菌菌种', ['菌材培养', 'Armillaria strain'], '天麻共生蜜环菌的菌种选育与菌材培养。', null],
  ['topic:herb-gap', '中药材规范化种植', ['GAP种植', 'good agricultural practice for herbs'], '中药材规范化生产。', null],
  ['topic:gastrodia-wild-cultivation', '天麻仿野生栽培', ['林下天麻种植', 'wild-simulated gastrodia cultivation'], '林下仿野生栽培天麻的技术。', 'topic:herb-gap'],
  ['topic:herb-pest-control', '中药材病虫害防治', ['药材病害防治', 'herb pest and disease control'], '中药材病害（如块茎腐烂）与虫害的防治。', null],
  ['topic:herb-drying', '中药材产地加工', ['产地初加工', 'post-harvest drying of herbs'], '药材蒸制、干燥与分级。', null],
  ['topic:drying-equipment', '热泵烘干', ['烘干设备', 'heat pump drying'], '热泵等烘干装备与工艺参数。', null],
  ['topic:herb-quality-testing', '中药材质量检测', ['含量测定', 'herb quality testing'], '药材有效成分含量与质量检测。', null],
  ['topic:herb-extraction', '中药提取工艺', ['提取纯化', 'herbal extraction'], '中药有效成分提取与纯化。', null],
  ['topic:gastrodin-extraction', '天麻素提取', ['gastrodin extraction'], '天麻素的提取、纯化与制备。', 'topic:herb-extraction'],
  ['topic:health-food-development', '保健食品开发', ['功能食品', 'health food development'], '药食同源保健食品与功能食品的研发。', null],
  ['topic:tea-cultivation', '茶树栽培', ['茶园管理', 'tea cultivation'], '茶园建设、施肥与修剪。', null],
  ['topic:tea-pest-control', '茶园绿色防控', ['茶叶病虫害防治', 'green pest control in tea gardens'], '茶园病虫害的生态与绿色防控。', 'topic:tea-cultivation'],
  ['topic:tea-processing', '制茶工艺', ['茶叶加工', 'tea processing'], '杀青、揉捻、干燥等绿茶加工工艺。', null],
  ['topic:pesticide-residue-testing', '农残检测', ['农药残留检测', 'pesticide residue testing'], '农产品与茶叶中农药残留的检测。', 'topic:food-safety'],
  ['topic:tea-quality-grading', '茶叶品质评价', ['感官审评', 'tea quality evaluation'], '茶叶感官审评与品质分级。', null],
  ['topic:selenium-enrichment', '富硒栽培', ['富硒', 'selenium enrichment'], '作物富硒栽培与硒含量调控。', null],
  ['topic:soil-improvement', '土壤改良', ['酸化土壤治理', 'soil improvement'], '酸化、板结土壤的改良。', null],
  ['topic:bamboo-cultivation', '竹林培育', ['笋用林经营', 'bamboo forest management'], '笋用竹林的培育与增产。', null],
  ['topic:shoot-processing', '竹笋加工', ['笋干加工', 'bamboo shoot processing'], '鲜笋保鲜、笋干与即食笋加工。', null],
  ['topic:food-sterilization', '食品杀菌技术', ['高压杀菌', 'food sterilization'], '热杀菌与非热杀菌技术。', null],
  ['topic:traceability', '质量追溯', ['溯源', 'traceability'], '农产品质量安全追溯体系。', null],
  ['topic:agri-iot', '农业物联网', ['智慧农业', 'agricultural IoT'], '农业传感与物联网应用。', null],
  ['topic:e-commerce', '农产品电商', ['直播带货', 'e-commerce'], '农产品网店与直播销售。', null],
  ['topic:brand-marketing', '品牌营销', ['区域公用品牌', 'brand marketing'], '农产品品牌建设与营销。', null],
];
for (const [id, name, aliases, description, broader] of TOPICS) {
  node('Topic', { id, name, aliases, description, source: SRC.topic });
  if (broader) rel('BROADER', id, broader, SRC.topic);
}

// ── Organisations ──────────────────────────────────────────────────────────────────────────────────────────
/** [kind, id, name, aliases, region, description, source, extra fields] */
type Org = [string, string, string, string[], string, string, string, Row?];
const ORGS: Org[] = [
  ['University', 'univ:luanzhou-agri', '峦州农业大学', ['峦农大'], 'region:luanzhou-nanhu', '峦州市的虚构农业高校，设食品学院、动物科技学院与园艺学院。', SRC.outsider],
  ['University', 'univ:chuanling', '川岭大学', ['川大（虚构）'], 'region:lanping-xuefu', '川岭省的虚构综合性大学。', SRC.outsider],
  ['University', 'univ:qintai-vocational', '秦台职业技术学院', ['秦台职院'], 'region:qintai-city', '秦台市的虚构高职院校。', SRC.outsider],
  ['University', 'univ:hanyuan-forestry', '汉原林业大学', ['汉原林大'], 'region:hanyuan-capital', '汉原省的虚构林业高校。', SRC.outsider],
  ['ResearchInstitute', 'inst:luanzhou-aas', '峦州市农业科学院', ['峦州农科院'], 'region:luanzhou-nanhu', '峦州市的虚构农业科研机构。', SRC.outsider],
  ['ResearchInstitute', 'inst:chuanling-herbs', '川岭省中药材研究所', ['省药材所'], 'region:lanping-xuefu', '川岭省的虚构中药材科研机构。', SRC.outsider],
  ['ResearchInstitute', 'inst:chuanling-tea', '川岭省茶叶研究所', ['省茶研所'], 'region:lanping-xuefu', '川岭省的虚构茶叶科研机构。', SRC.outsider],
  ['ResearchInstitute', 'inst:luanzhou-fungi', '峦州市食用菌研究所', [], 'region:luanzhou-nanhu', '峦州市的虚构食用菌科研机构。', SRC.outsider],
  ['ResearchInstitute', 'inst:qiwu-agtech', '栖梧县农业技术推广中心', ['县农技中心'], 'region:qiwu-chengguan', '县级农技推广机构（虚构）。', SRC.enterprise],
  ['GovernmentAgency', 'agency:qiwu-sci', '栖梧县科学技术局', ['县科技局'], 'region:qiwu-chengguan', '县科技主管部门（虚构）。', SRC.enterprise],
  ['GovernmentAgency', 'agency:qiwu-agri', '栖梧县农业农村委员会', ['县农业农村委'], 'region:qiwu-chengguan', '县农业主管部门（虚构）。', SRC.enterprise],
  ['Enterprise', 'ent:fengling-lawei', '栖梧县枫岭腊味食品有限公司', ['枫岭腊味'], 'region:qiwu-fengling', '虚构企业，生产柴火烟熏腊肉、香肠。', SRC.enterprise, { qualifications: ['HIGH_TECH', 'TECH_SME'], foundedYear: 2011, employees: 86, rdSpending: 120, revenue: 6400 }],
  ['Enterprise', 'ent:shiqiao-yanxun', '栖梧县石桥烟熏肉制品厂', [], 'region:qiwu-shiqiao', '虚构企业，传统烟熏肉制品加工。', SRC.enterprise, { qualifications: ['TECH_SME'], foundedYear: 2006, employees: 40, rdSpending: 18 }],
  ['Enterprise', 'ent:laozao-larou', '栖梧县老灶腊肉专业合作社', ['老灶腊肉'], 'region:qiwu-chengguan', '虚构的农民专业合作社，手工腊肉。', SRC.enterprise, { qualifications: [], foundedYear: 2015, employees: 22, rdSpending: 0 }],
  ['Enterprise', 'ent:qiwu-heizhu', '栖梧县黑猪养殖有限公司', ['栖梧黑猪'], 'region:qiwu-fengling', '虚构企业，栖梧黑猪养殖。', SRC.enterprise, { qualifications: ['TECH_SME'], foundedYear: 2013, employees: 55, rdSpending: 25 }],
  ['Enterprise', 'ent:qiwu-youxuan', '栖梧县山货优选电子商务有限公司', ['山货优选'], 'region:qiwu-chengguan', '虚构企业，县内农特产品网店与直播。', SRC.enterprise, { qualifications: [], foundedYear: 2019, employees: 18, rdSpending: 5 }],
  ['Enterprise', 'ent:qiwu-siliao', '栖梧县丰牧饲料有限公司', ['丰牧饲料'], 'region:qiwu-shiqiao', '虚构企业，配合饲料生产。', SRC.enterprise, { qualifications: ['ABOVE_DESIGNATED_SIZE'], foundedYear: 2009, employees: 70, rdSpending: 30 }],
  ['Enterprise', 'ent:qiwu-zhinong', '栖梧县智农科技有限公司', ['智农科技'], 'region:qiwu-chengguan', '虚构企业，农业信息化服务。', SRC.enterprise, { qualifications: ['HIGH_TECH', 'TECH_SME'], foundedYear: 2017, employees: 34, rdSpending: 160 }],
  ['Enterprise', 'ent:qiwu-lvhuan', '栖梧县绿环生态环保有限公司', ['绿环生态'], 'region:qiwu-shiqiao', '虚构企业，环保工程。', SRC.enterprise, { qualifications: [], foundedYear: 2016, employees: 25, rdSpending: 12 }],
  ['Enterprise', 'ent:qiwu-yunwu-tianma', '栖梧县云雾天麻有限公司', ['云雾天麻'], 'region:qiwu-shiqiao', '虚构企业，乌天麻种植与初加工，县级龙头企业。', SRC.enterprise, { qualifications: ['LEADING', 'ABOVE_DESIGNATED_SIZE', 'TECH_SME'], foundedYear: 2010, employees: 120, rdSpending: 90, revenue: 9800 }],
  ['Enterprise', 'ent:fengling-yaocai', '栖梧县枫岭药材有限公司', ['枫岭药材'], 'region:qiwu-fengling', '虚构企业，天麻、党参种植与收购。', SRC.enterprise, { qualifications: ['TECH_SME'], foundedYear: 2014, employees: 45, rdSpending: 20 }],
  ['Enterprise', 'ent:shiqiao-junye', '栖梧县石桥菌业有限公司', ['石桥菌业'], 'region:qiwu-shiqiao', '虚构企业，菌材与菌种销售。', SRC.enterprise, { qualifications: [], foundedYear: 2018, employees: 15, rdSpending: 4 }],
  ['Enterprise', 'ent:qiwu-yunling-cha', '栖梧县云岭茶业有限公司', ['云岭茶业'], 'region:qiwu-fengling', '虚构企业，高山绿茶种植、加工与出口。', SRC.enterprise, { qualifications: ['LEADING', 'ABOVE_DESIGNATED_SIZE', 'HIGH_TECH'], foundedYear: 2008, employees: 150, rdSpending: 210, revenue: 15200 }],
  ['Enterprise', 'ent:shiqiao-chachang', '栖梧县石桥高山茶厂', ['石桥茶厂'], 'region:qiwu-shiqiao', '虚构企业，绿茶加工。', SRC.enterprise, { qualifications: [], foundedYear: 2004, employees: 30, rdSpending: 6 }],
  ['Enterprise', 'ent:qiwu-cuizhu', '栖梧县翠竹林业有限公司', ['翠竹林业'], 'region:qiwu-chengguan', '虚构企业，方竹笋用林经营与鲜笋销售。', SRC.enterprise, { qualifications: ['TECH_SME'], foundedYear: 2012, employees: 60, rdSpending: 15 }],
  ['Enterprise', 'ent:wangchuan-chuanwei', '望川县川味肉品有限公司', ['川味肉品'], 'region:wangchuan-county', '虚构企业，腊肉、香肠加工与包装。', SRC.outsider, { qualifications: ['HIGH_TECH', 'ABOVE_DESIGNATED_SIZE'], foundedYear: 2007, employees: 210, rdSpending: 300, revenue: 21000 }],
  ['Enterprise', 'ent:wangchuan-lvyuan', '望川县绿源食品有限公司', ['绿源食品'], 'region:wangchuan-county', '虚构企业，蔬菜与笋类罐头。', SRC.outsider, { qualifications: ['TECH_SME'], foundedYear: 2011, employees: 95, rdSpending: 45 }],
  ['Enterprise', 'ent:luanzhou-lenglian', '峦州市冷链物流有限公司', ['峦州冷链'], 'region:luanzhou-nanhu', '虚构企业，生鲜冷链仓储与配送。', SRC.outsider, { qualifications: ['ABOVE_DESIGNATED_SIZE'], foundedYear: 2012, employees: 180, rdSpending: 40 }],
  ['Enterprise', 'ent:luanzhou-puyuan', '峦州市谱源检测技术有限公司', ['谱源检测'], 'region:luanzhou-nanhu', '虚构的第三方检测机构。', SRC.outsider, { qualifications: ['HIGH_TECH'], foundedYear: 2015, employees: 65, rdSpending: 90 }],
  ['Enterprise', 'ent:lanping-kangyuan', '澜屏市康源药业股份有限公司', ['康源药业'], 'region:lanping-city', '虚构企业，中药饮片与提取物。', SRC.outsider, { qualifications: ['HIGH_TECH', 'ABOVE_DESIGNATED_SIZE', 'SPECIALIZED'], foundedYear: 2003, employees: 420, rdSpending: 1800, revenue: 56000 }],
  ['Enterprise', 'ent:qintai-bencao', '秦台市本草生物科技有限公司', ['本草生物'], 'region:qintai-city', '虚构企业，药食同源产品。', SRC.outsider, { qualifications: ['TECH_SME', 'HIGH_TECH'], foundedYear: 2016, employees: 75, rdSpending: 260 }],
  ['Enterprise', 'ent:qintai-xiansun', '秦台市鲜笋食品有限公司', ['鲜笋食品'], 'region:qintai-city', '虚构企业，即食笋与笋干。', SRC.outsider, { qualifications: ['TECH_SME'], foundedYear: 2014, employees: 88, rdSpending: 70 }],
  ['Platform', 'plat:qiwu-tianma-space', '栖梧县天麻星创天地', [], 'region:qiwu-shiqiao', '依托云雾天麻建设的县级星创天地（虚构）。', SRC.enterprise, { kind: 'STAR_CREATION_SPACE', level: 'COUNTY', establishedYear: 2020 }],
  ['Platform', 'plat:qiwu-larou-courtyard', '栖梧县腊肉产业专家大院', [], 'region:qiwu-chengguan', '县农业农村委建设的专家大院（虚构）。', SRC.enterprise, { kind: 'EXPERT_COURTYARD', level: 'COUNTY', establishedYear: 2021 }],
  ['Platform', 'plat:qiwu-sme', '栖梧县中小企业服务中心', [], 'region:qiwu-chengguan', '县科技局下属服务平台（虚构）。', SRC.enterprise, { kind: 'SME_SERVICE_CENTER', level: 'COUNTY', establishedYear: 2018 }],
  ['Platform', 'plat:luanzhou-food-testing', '峦州市食品检验检测中心', [], 'region:luanzhou-nanhu', '依托峦州农业大学的市级检测平台（虚构）。', SRC.outsider, { kind: 'TESTING_CENTER', level: 'MUNICIPAL', establishedYear: 2016 }],
  ['Platform', 'plat:chuanling-tianma-center', '川岭省天麻产业创新中心', ['天麻创新中心'], 'region:lanping-xuefu', '依托川岭省中药材研究所的创新中心（虚构）。', SRC.outsider, { kind: 'INNOVATION_CENTER', level: 'MUNICIPAL', establishedYear: 2019 }],
];
for (const [kind, id, name, aliases, region, description, source, extra] of ORGS) {
  node(kind, { id, name, aliases, description, ...(extra ?? {}), source });
  rel('LOCATED_IN', id, region, source);
}
/** The few declared focuses (most organisations declare none). */
for (const [from, to] of [
  ['inst:luanzhou-aas', 'topic:pig-raising'],
  ['inst:luanzhou-aas', 'topic:tea-cultivation'],
  ['ent:qiwu-zhinong', 'topic:agri-iot'],
  ['ent:qiwu-zhinong', 'topic:traceability'],
  ['ent:fengling-lawei', 'topic:smoke-curing'],
] as const) {
  rel('FOCUSES_ON', from, to, SRC.enterprise);
}
for (const [host, platform] of [
  ['ent:qiwu-yunwu-tianma', 'plat:qiwu-tianma-space'],
  ['agency:qiwu-agri', 'plat:qiwu-larou-courtyard'],
  ['agency:qiwu-sci', 'plat:qiwu-sme'],
  ['univ:luanzhou-agri', 'plat:luanzhou-food-testing'],
  ['inst:chuanling-herbs', 'plat:chuanling-tianma-center'],
] as const) {
  rel('HOSTS', host, platform, SRC.enterprise);
}
for (const [platform, industries] of [
  ['plat:qiwu-tianma-space', ['industry:gastrodia']],
  ['plat:qiwu-larou-courtyard', ['industry:larou']],
  ['plat:qiwu-sme', ['industry:tea', 'industry:bamboo-shoot', 'industry:larou']],
  ['plat:luanzhou-food-testing', ['industry:tea', 'industry:larou']],
  ['plat:chuanling-tianma-center', ['industry:gastrodia']],
] as const) {
  for (const industry of industries) rel('SERVES', platform, industry, SRC.enterprise);
}
/** Enterprises: segments and industries. */
const ENTERPRISE_SEGMENTS: Array<[string, string[], string[]]> = [
  ['ent:fengling-lawei', ['seg:larou-curing'], ['industry:larou']],
  ['ent:shiqiao-yanxun', ['seg:larou-curing'], ['industry:larou']],
  ['ent:laozao-larou', ['seg:larou-curing', 'seg:larou-sales'], ['industry:larou']],
  ['ent:qiwu-heizhu', ['seg:larou-pig'], ['industry:larou']],
  ['ent:qiwu-youxuan', ['seg:larou-sales', 'seg:tea-sales'], ['industry:larou', 'industry:tea']],
  ['ent:qiwu-siliao', [], ['industry:larou']],
  ['ent:qiwu-zhinong', [], []],
  ['ent:qiwu-lvhuan', [], []],
  ['ent:qiwu-yunwu-tianma', ['seg:gastrodia-planting', 'seg:gastrodia-drying'], ['industry:gastrodia']],
  ['ent:fengling-yaocai', ['seg:gastrodia-planting', 'seg:gastrodia-drying'], ['industry:gastrodia']],
  ['ent:shiqiao-junye', ['seg:gastrodia-seed'], ['industry:gastrodia']],
  ['ent:qiwu-yunling-cha', ['seg:tea-garden', 'seg:tea-processing'], ['industry:tea']],
  ['ent:shiqiao-chachang', ['seg:tea-processing'], ['industry:tea']],
  ['ent:qiwu-cuizhu', ['seg:bamboo-forest'], ['industry:bamboo-shoot']],
  ['ent:wangchuan-chuanwei', ['seg:larou-curing', 'seg:larou-preserve'], ['industry:larou']],
  ['ent:wangchuan-lvyuan', ['seg:bamboo-food'], ['industry:bamboo-shoot']],
  ['ent:luanzhou-lenglian', ['seg:larou-preserve'], []],
  ['ent:luanzhou-puyuan', ['seg:tea-testing'], []],
  ['ent:lanping-kangyuan', ['seg:gastrodia-extract'], ['industry:gastrodia']],
  ['ent:qintai-bencao', ['seg:gastrodia-extract'], ['industry:gastrodia']],
  ['ent:qintai-xiansun', ['seg:bamboo-food'], ['industry:bamboo-shoot']],
];
for (const [enterprise, segments, industries] of ENTERPRISE_SEGMENTS) {
  for (const segment of segments) rel('IN_SEGMENT', enterprise, segment, SRC.enterprise);
  for (const industry of industries) rel('IN_INDUSTRY', enterprise, industry, SRC.enterprise);
}
const COOPERATION: Array<[string, string, string, number]> = [
  ['ent:fengling-lawei', 'univ:luanzhou-agri', 'INDUSTRY_ACADEMIA', 2021],
  ['ent:qiwu-yunwu-tianma', 'inst:chuanling-herbs', 'LONG_TERM_AGREEMENT', 2019],
  ['ent:fengling-yaocai', 'inst:chuanling-herbs', 'TECH_SERVICE', 2020],
  ['ent:qiwu-yunling-cha', 'inst:chuanling-tea', 'TECH_SERVICE', 2022],
  ['ent:qiwu-heizhu', 'inst:luanzhou-aas', 'INDUSTRY_ACADEMIA', 2022],
  ['ent:qiwu-cuizhu', 'univ:hanyuan-forestry', 'JOINT_PROJECT', 2021],
  ['ent:shiqiao-chachang', 'inst:luanzhou-aas', 'TECH_SERVICE', 2017],
  ['ent:qiwu-zhinong', 'univ:luanzhou-agri', 'INDUSTRY_ACADEMIA', 2020],
  ['ent:qiwu-youxuan', 'univ:qintai-vocational', 'TECH_SERVICE', 2023],
  ['agency:qiwu-sci', 'univ:luanzhou-agri', 'LONG_TERM_AGREEMENT', 2018],
];
for (const [from, to, kind, since] of COOPERATION) rel('COOPERATES_WITH', from, to, SRC.cooperation, { kind, since });

// ── Experts ────────────────────────────────────────────────────────────────────────────────────────────────
/**
 * [id, name, title, kinds, talent card, affiliations [org, role, primary], expertise [topic, level], description].
 * Titles are as the registers hold them: some coarse (工程师, 技术员) or not recorded (未登记). Namesakes:
 * 徐青木 (smoking, 峦州农业大学 / packaging, 望川县川味肉品) and 张伟 (pig farm worker / food sterilisation professor).
 */
type Expertise = [string, 'BASIC' | 'ADVANCED' | 'EXPERT'];
const EXPERTS: Array<[string, string, string, string[], string | null, Array<[string, string, boolean]>, Expertise[], string]> = [
  ['expert:he-lanshan', '何岚山', '教授', ['LEADING'], 'A', [['univ:luanzhou-agri', '教授', true], ['plat:qiwu-larou-courtyard', '首席专家', false]], [['topic:meat-preservation', 'EXPERT'], ['topic:vacuum-packaging', 'ADVANCED']], '峦州农业大学食品学院教授，兼任栖梧县腊肉产业专家大院首席专家。'],
  ['expert:xu-qingmu-luannong', '徐青木', '副教授', [], null, [['univ:luanzhou-agri', '副教授', true]], [['topic:smoke-curing', 'EXPERT'], ['topic:pah-reduction', 'ADVANCED']], '峦州农业大学食品学院副教授。'],
  ['expert:xu-qingmu-wangchuan', '徐青木', '工程师', [], null, [['ent:wangchuan-chuanwei', '包装车间主任', true]], [['topic:vacuum-packaging', 'ADVANCED'], ['topic:cold-chain', 'BASIC']], '望川县川味肉品有限公司工程师。'],
  ['expert:tang-yuezhi', '唐悦芝', '研究员', ['LEADING'], 'B', [['inst:luanzhou-aas', '研究员', true], ['univ:luanzhou-agri', '兼职教授', false]], [['topic:local-pig-breeds', 'EXPERT'], ['topic:pig-raising', 'ADVANCED']], '峦州市农业科学院畜牧所研究员。'],
  ['expert:luo-chengfeng', '罗承峰', '高级畜牧师', ['LOCAL_SKILLED'], null, [['inst:qiwu-agtech', '畜牧站站长', true]], [['topic:pig-raising', 'ADVANCED'], ['topic:wastewater-treatment', 'BASIC']], '县农技中心畜牧站。'],
  ['expert:zhang-wei-qiwu', '张伟', '未登记', ['LOCAL_SKILLED'], null, [['ent:qiwu-heizhu', '场长', true]], [['topic:pig-raising', 'BASIC']], '栖梧县黑猪养殖有限公司场长。'],
  ['expert:zhang-wei-chuanling', '张伟', '教授', ['LEADING'], 'A', [['univ:chuanling', '教授', true]], [['topic:food-sterilization', 'EXPERT'], ['topic:health-food-development', 'ADVANCED']], '川岭大学食品科学与工程系教授。'],
  ['expert:fang-yilan', '方怡兰', '副研究员', [], null, [['inst:luanzhou-aas', '副研究员', true]], [['topic:feed-nutrition', 'ADVANCED'], ['topic:pig-raising', 'BASIC']], '峦州市农业科学院。'],
  ['expert:chen-muyang', '陈牧阳', '工程师', ['LOCAL_SKILLED'], null, [['ent:fengling-lawei', '技术总监', true]], [['topic:smoke-curing', 'ADVANCED'], ['topic:nitrite-control', 'BASIC']], '枫岭腊味技术负责人。'],
  ['expert:liang-shuang', '梁爽', '副教授', ['YOUNG'], null, [['univ:luanzhou-agri', '副教授', true]], [['topic:nitrite-control', 'EXPERT'], ['topic:food-safety', 'ADVANCED'], ['topic:fermentation-flavor', 'ADVANCED']], '峦州农业大学食品学院。'],
  ['expert:gu-hanqing', '顾含青', '高级工程师', [], null, [['ent:luanzhou-lenglian', '技术部经理', true]], [['topic:cold-chain', 'EXPERT'], ['topic:meat-preservation', 'BASIC']], '峦州市冷链物流有限公司。'],
  ['expert:song-lu', '宋璐', '讲师', ['YOUNG'], null, [['univ:qintai-vocational', '讲师', true]], [['topic:e-commerce', 'ADVANCED'], ['topic:brand-marketing', 'ADVANCED']], '秦台职业技术学院电子商务专业。'],
  ['expert:wei-shanhe', '魏山河', '技术员', ['LOCAL_SKILLED'], null, [['ent:laozao-larou', '熏制师傅', true]], [['topic:smoke-curing', 'BASIC']], '老灶腊肉熏制师傅。'],
  ['expert:yuan-tianqi', '袁天麒', '研究员', ['LEADING'], 'A', [['inst:chuanling-herbs', '研究员', true], ['plat:chuanling-tianma-center', '主任', false]], [['topic:gastrodia-seed', 'EXPERT'], ['topic:armillaria-strain', 'ADVANCED'], ['topic:gastrodia-wild-cultivation', 'ADVANCED']], '川岭省中药材研究所研究员，天麻产业创新中心主任。'],
  ['expert:shi-jun', '石钧', '副研究员', [], null, [['inst:luanzhou-fungi', '副研究员', true]], [['topic:armillaria-strain', 'EXPERT']], '峦州市食用菌研究所。'],
  ['expert:du-xiaoman', '杜晓嫚', '研究员', [], 'B', [['inst:chuanling-herbs', '研究员', true]], [['topic:gastrodin-extraction', 'EXPERT'], ['topic:herb-extraction', 'EXPERT'], ['topic:herb-quality-testing', 'ADVANCED']], '川岭省中药材研究所化学室。'],
  ['expert:kang-ming', '康明', '工程师', [], null, [['ent:lanping-kangyuan', '提取车间工程师', true]], [['topic:gastrodin-extraction', 'ADVANCED']], '康源药业提取车间。'],
  ['expert:tian-yu', '田雨', '副教授', ['YOUNG'], null, [['univ:chuanling', '副教授', true]], [['topic:health-food-development', 'EXPERT'], ['topic:herb-extraction', 'ADVANCED']], '川岭大学食品科学与工程系。'],
  ['expert:ma-songlin', '马松林', '农艺师', ['LOCAL_SKILLED'], null, [['inst:qiwu-agtech', '农艺师', true], ['plat:qiwu-tianma-space', '驻点指导', false]], [['topic:gastrodia-wild-cultivation', 'ADVANCED'], ['topic:herb-pest-control', 'ADVANCED']], '县农技中心，常驻天麻星创天地。'],
  ['expert:pan-ruoxi', '潘若溪', '教授', [], 'B', [['univ:luanzhou-agri', '教授', true]], [['topic:herb-pest-control', 'EXPERT'], ['topic:soil-improvement', 'ADVANCED']], '峦州农业大学植物保护学院。'],
  ['expert:lu-ye', '陆烨', '工程师', [], null, [['ent:qiwu-yunwu-tianma', '生产主管', true]], [['topic:herb-drying', 'BASIC'], ['topic:gastrodia-wild-cultivation', 'BASIC']], '云雾天麻生产主管。'],
  ['expert:qiao-an', '乔安', '高级工程师', [], null, [['ent:luanzhou-puyuan', '技术负责人', true]], [['topic:pesticide-residue-testing', 'EXPERT'], ['topic:herb-quality-testing', 'ADVANCED']], '谱源检测技术负责人。'],
  ['expert:bai-zhi', '白芷', '副研究员', [], null, [['inst:chuanling-herbs', '副研究员', true]], [['topic:herb-drying', 'EXPERT'], ['topic:drying-equipment', 'ADVANCED']], '川岭省中药材研究所加工室。'],
  ['expert:ye-chunhui', '叶春晖', '研究员', ['LEADING'], 'A', [['inst:chuanling-tea', '研究员', true]], [['topic:tea-cultivation', 'EXPERT'], ['topic:tea-pest-control', 'EXPERT']], '川岭省茶叶研究所栽培室。'],
  ['expert:zhou-ming', '周茗', '副研究员', [], null, [['inst:luanzhou-aas', '副研究员', true], ['univ:luanzhou-agri', '兼职副教授', false]], [['topic:tea-processing', 'ADVANCED'], ['topic:tea-quality-grading', 'ADVANCED']], '峦州市农业科学院茶叶所。'],
  ['expert:lin-xiaoqing', '林晓青', '工程师', ['LOCAL_SKILLED'], null, [['ent:qiwu-yunling-cha', '制茶车间主任', true]], [['topic:tea-processing', 'ADVANCED'], ['topic:drying-equipment', 'BASIC']], '云岭茶业制茶车间。'],
  ['expert:ren-jie', '任杰', '教授', [], 'B', [['univ:luanzhou-agri', '教授', true]], [['topic:pesticide-residue-testing', 'EXPERT'], ['topic:food-safety', 'EXPERT']], '峦州农业大学食品学院，兼峦州市食品检验检测中心技术负责人。'],
  ['expert:hu-lan', '胡岚', '技术员', [], null, [['ent:shiqiao-chachang', '技术员', true]], [['topic:tea-processing', 'BASIC']], '石桥茶厂。'],
  ['expert:yang-qing', '杨青', '副教授', [], null, [['univ:chuanling', '副教授', true]], [['topic:tea-quality-grading', 'EXPERT'], ['topic:fermentation-flavor', 'ADVANCED']], '川岭大学茶学系。'],
  ['expert:zhu-jiang', '朱江', '教授', ['LEADING'], null, [['univ:hanyuan-forestry', '教授', true]], [['topic:bamboo-cultivation', 'EXPERT']], '汉原林业大学竹类研究中心。'],
  ['expert:xie-yun', '谢芸', '讲师', ['YOUNG'], null, [['univ:qintai-vocational', '讲师', true], ['ent:qintai-xiansun', '技术顾问', false]], [['topic:shoot-processing', 'EXPERT'], ['topic:food-sterilization', 'ADVANCED']], '秦台职业技术学院食品专业，兼鲜笋食品技术顾问。'],
  ['expert:gao-lin', '高林', '工程师', ['LOCAL_SKILLED'], null, [['inst:qiwu-agtech', '林业站', true]], [['topic:bamboo-cultivation', 'BASIC'], ['topic:soil-improvement', 'BASIC']], '县农技中心林业站。'],
  ['expert:deng-hui', '邓辉', '高级工程师', [], null, [['ent:wangchuan-lvyuan', '总工程师', true]], [['topic:food-sterilization', 'ADVANCED'], ['topic:shoot-processing', 'BASIC']], '绿源食品总工程师。'],
  ['expert:jiang-tao', '江涛', '高级工程师', [], null, [['ent:qiwu-zhinong', '总经理', true]], [['topic:traceability', 'EXPERT'], ['topic:agri-iot', 'ADVANCED']], '智农科技创始人。'],
  ['expert:ou-fan', '欧帆', '副教授', [], null, [['univ:luanzhou-agri', '副教授', true]], [['topic:agri-iot', 'ADVANCED'], ['topic:e-commerce', 'BASIC']], '峦州农业大学信息学院。'],
  ['expert:qin-lu', '秦露', '研究员', [], null, [['inst:luanzhou-aas', '研究员', true]], [['topic:selenium-enrichment', 'EXPERT'], ['topic:soil-improvement', 'ADVANCED']], '峦州市农业科学院土肥所。'],
  ['expert:wu-di', '吴迪', '未登记', [], null, [['ent:qiwu-lvhuan', '项目经理', true]], [['topic:wastewater-treatment', 'ADVANCED']], '绿环生态项目经理。'],
  ['expert:cao-yiming', '曹一鸣', '教授', [], null, [['univ:chuanling', '教授', true]], [['topic:wastewater-treatment', 'EXPERT']], '川岭大学环境学院。'],
  ['expert:lei-fang', '雷芳', '高级畜牧师', [], null, [['inst:luanzhou-aas', '高级畜牧师', true], ['plat:qiwu-larou-courtyard', '驻院专家', false]], [['topic:pig-raising', 'ADVANCED'], ['topic:livestock-breeding', 'ADVANCED']], '峦州市农业科学院，驻栖梧县腊肉产业专家大院。'],
  ['expert:yan-song', '严松', '工程师', [], null, [['ent:qiwu-siliao', '配方师', true]], [['topic:feed-nutrition', 'ADVANCED']], '丰牧饲料配方师。'],
  ['expert:peng-xi', '彭溪', '副教授', [], null, [['univ:qintai-vocational', '副教授', true]], [['topic:cold-chain', 'ADVANCED'], ['topic:meat-preservation', 'ADVANCED']], '秦台职业技术学院食品专业。'],
  ['expert:han-mei', '韩梅', '研究员', [], null, [['inst:luanzhou-fungi', '研究员', true], ['plat:qiwu-tianma-space', '驻点专家', false]], [['topic:armillaria-strain', 'ADVANCED'], ['topic:gastrodia-seed', 'ADVANCED']], '峦州市食用菌研究所，驻天麻星创天地。'],
  ['expert:li-zhiyuan', '李志远', '讲师', ['YOUNG'], null, [['univ:hanyuan-forestry', '讲师', true]], [['topic:bamboo-cultivation', 'ADVANCED']], '汉原林业大学。'],
  ['expert:su-he', '苏禾', '专家', [], null, [['plat:chuanling-tianma-center', '研究人员', true]], [['topic:gastrodia-wild-cultivation', 'EXPERT']], '天麻产业创新中心。'],
];
for (const [id, name, title, kinds, talentCard, affiliations, expertise, description] of EXPERTS) {
  node('Expert', { id, name, title, kinds, talentCard, programmes: [], flexibleEngagement: affiliations.length > 1, description, source: SRC.talent });
  for (const [organization, role, primary] of affiliations) rel('AFFILIATED_WITH', id, organization, SRC.talent, { role, primary });
  for (const [topic, level] of expertise) rel('HAS_EXPERTISE', id, topic, SRC.talent, { level });
}

// ── Projects: [id, name, level, mode, start, end, funding, leads, participants, topics, industry] ────────────
const PROJECTS: Array<[string, string, string, string, number, number | null, number, string[], string[], string[], string | null]> = [
  ['proj:larou-shelf-life-2023', '烟熏腊肉保质期延长与真空贴体包装技术研究', 'MUNICIPAL', 'REGULAR', 2023, 2025, 80, ['univ:luanzhou-agri', 'expert:he-lanshan'], ['ent:fengling-lawei', 'expert:chen-muyang'], ['topic:meat-preservation', 'topic:vacuum-packaging'], 'industry:larou'],
  ['proj:larou-smoke-2020', '传统柴火烟熏腊肉低苯并芘熏制工艺改进', 'COUNTY', 'REGULAR', 2020, 2021, 20, ['ent:shiqiao-yanxun'], ['univ:luanzhou-agri', 'expert:xu-qingmu-luannong'], ['topic:smoke-curing', 'topic:pah-reduction'], 'industry:larou'],
  ['proj:larou-nitrite-2019', '腊肉腌制过程亚硝酸盐控制技术', 'COUNTY', 'REGULAR', 2019, 2020, 15, ['ent:fengling-lawei'], ['expert:liang-shuang'], ['topic:nitrite-control'], 'industry:larou'],
  ['proj:larou-flavor-2024', '腊肉风味形成机理与发酵剂开发', 'MUNICIPAL', 'REGULAR', 2024, 2026, 60, ['univ:luanzhou-agri', 'expert:liang-shuang'], ['ent:wangchuan-chuanwei'], ['topic:fermentation-flavor', 'topic:smoke-curing'], 'industry:larou'],
  ['proj:qiwu-blackpig-2022', '栖梧黑猪种质资源保护与利用', 'MUNICIPAL', 'REGULAR', 2022, 2025, 120, ['inst:luanzhou-aas', 'expert:tang-yuezhi'], ['ent:qiwu-heizhu', 'expert:lei-fang'], ['topic:local-pig-breeds', 'topic:pig-raising'], 'industry:larou'],
  ['proj:pig-wastewater-2021', '山区生猪养殖粪污资源化利用示范', 'COUNTY', 'REGULAR', 2021, 2022, 30, ['ent:qiwu-lvhuan'], ['univ:chuanling', 'expert:cao-yiming', 'expert:wu-di'], ['topic:wastewater-treatment'], 'industry:larou'],
  ['proj:pig-feed-2023', '地方黑猪低蛋白日粮配方研究', 'COUNTY', 'REGULAR', 2023, 2024, 25, ['ent:qiwu-siliao', 'expert:yan-song'], ['inst:luanzhou-aas', 'expert:fang-yilan'], ['topic:feed-nutrition'], 'industry:larou'],
  ['proj:coldchain-2018', '峦州市生鲜肉品冷链物流体系建设', 'MUNICIPAL', 'REGULAR', 2018, 2020, 150, ['ent:luanzhou-lenglian', 'expert:gu-hanqing'], ['univ:qintai-vocational', 'expert:peng-xi'], ['topic:cold-chain'], null],
  ['proj:gastrodia-seed-2021', '乌天麻有性繁殖与优良种源选育', 'NATIONAL', 'REGULAR', 2021, 2024, 300, ['inst:chuanling-herbs', 'expert:yuan-tianqi'], ['inst:luanzhou-fungi', 'expert:han-mei', 'ent:qiwu-yunwu-tianma'], ['topic:gastrodia-seed', 'topic:armillaria-strain'], 'industry:gastrodia'],
  ['proj:gastrodia-rot-2024', '天麻块茎腐烂病绿色防控技术集成（揭榜挂帅）', 'COUNTY', 'OPEN_CHALLENGE', 2024, 2025, 50, ['ent:qiwu-yunwu-tianma'], ['univ:luanzhou-agri', 'expert:pan-ruoxi', 'expert:ma-songlin'], ['topic:herb-pest-control'], 'industry:gastrodia'],
  ['proj:herb-drying-2019', '天麻产地加工与热泵烘干技术示范', 'MUNICIPAL', 'REGULAR', 2019, 2020, 70, ['inst:chuanling-herbs', 'expert:bai-zhi'], ['ent:fengling-yaocai'], ['topic:herb-drying', 'topic:drying-equipment'], 'industry:gastrodia'],
  ['proj:gastrodin-2023', '天麻素绿色提取与纯化关键技术', 'MUNICIPAL', 'REGULAR', 2023, 2025, 200, ['ent:lanping-kangyuan'], ['inst:chuanling-herbs', 'expert:du-xiaoman', 'expert:kang-ming'], ['topic:gastrodin-extraction'], 'industry:gastrodia'],
  ['proj:gastrodia-healthfood-2024', '天麻药食同源保健食品开发', 'MUNICIPAL', 'REGULAR', 2024, 2026, 90, ['ent:qintai-bencao'], ['univ:chuanling', 'expert:tian-yu'], ['topic:health-food-development'], 'industry:gastrodia'],
  ['proj:gastrodia-wild-2025', '天麻仿野生林下种植技术推广', 'COUNTY', 'REGULAR', 2025, 2026, 35, ['plat:chuanling-tianma-center', 'expert:su-he'], ['ent:qiwu-yunwu-tianma', 'ent:fengling-yaocai', 'expert:ma-songlin'], ['topic:gastrodia-wild-cultivation'], 'industry:gastrodia'],
  ['proj:tea-green-control-2022', '高山茶园病虫害绿色防控技术示范', 'MUNICIPAL', 'REGULAR', 2022, 2024, 90, ['inst:chuanling-tea', 'expert:ye-chunhui'], ['ent:qiwu-yunling-cha'], ['topic:tea-pest-control'], 'industry:tea'],
  ['proj:tea-residue-2025', '茶叶农药残留快速检测技术应用', 'COUNTY', 'REGULAR', 2025, 2026, 40, ['univ:luanzhou-agri', 'expert:ren-jie'], ['ent:qiwu-yunling-cha', 'ent:luanzhou-puyuan', 'expert:qiao-an'], ['topic:pesticide-residue-testing'], 'industry:tea'],
  ['proj:selenium-tea-2020', '富硒高山茶栽培技术研究', 'MUNICIPAL', 'REGULAR', 2020, 2022, 60, ['inst:luanzhou-aas', 'expert:qin-lu'], ['ent:qiwu-yunling-cha', 'expert:zhou-ming'], ['topic:selenium-enrichment', 'topic:tea-cultivation'], 'industry:tea'],
  ['proj:tea-processing-2017', '高山绿茶清洁化加工生产线改造', 'COUNTY', 'REGULAR', 2017, 2018, 20, ['ent:shiqiao-chachang'], ['expert:zhou-ming'], ['topic:tea-processing'], 'industry:tea'],
  ['proj:tea-quality-2021', '高山茶品质评价与分级标准研究', 'MUNICIPAL', 'REGULAR', 2021, 2023, 50, ['univ:chuanling', 'expert:yang-qing'], ['inst:chuanling-tea'], ['topic:tea-quality-grading'], 'industry:tea'],
  ['proj:bamboo-forest-2021', '笋用竹林高效培育技术', 'NATIONAL', 'REGULAR', 2021, 2024, 260, ['univ:hanyuan-forestry', 'expert:zhu-jiang'], ['ent:qiwu-cuizhu', 'expert:li-zhiyuan'], ['topic:bamboo-cultivation'], 'industry:bamboo-shoot'],
  ['proj:shoot-processing-2022', '即食竹笋加工与杀菌技术', 'MUNICIPAL', 'REGULAR', 2022, 2024, 80, ['ent:qintai-xiansun'], ['univ:qintai-vocational', 'expert:xie-yun', 'univ:chuanling', 'expert:zhang-wei-chuanling'], ['topic:shoot-processing', 'topic:food-sterilization'], 'industry:bamboo-shoot'],
  ['proj:qiwu-trace-2023', '栖梧县农产品质量追溯平台建设', 'COUNTY', 'REGULAR', 2023, 2024, 45, ['ent:qiwu-zhinong', 'expert:jiang-tao'], ['ent:qiwu-yunling-cha', 'ent:fengling-lawei'], ['topic:traceability', 'topic:agri-iot'], null],
  ['proj:qiwu-ecommerce-2024', '栖梧山货直播电商示范', 'COUNTY', 'REGULAR', 2024, 2025, 25, ['ent:qiwu-youxuan'], ['univ:qintai-vocational', 'expert:song-lu'], ['topic:e-commerce', 'topic:brand-marketing'], null],
];
for (const [id, name, level, mode, startYear, endYear, funding, leads, participants, topics, industry] of PROJECTS) {
  node('Project', { id, name, level, mode, startYear, endYear, funding, description: `${name}。`, source: SRC.project });
  for (const lead of leads) rel('LEADS', lead, id, SRC.project);
  for (const participant of participants) rel('PARTICIPATES_IN', participant, id, SRC.project);
  for (const topic of topics) rel('ON_TOPIC', id, topic, SRC.project);
  if (industry) rel('FOR_INDUSTRY', id, industry, SRC.project);
}

// ── Patents: [id, title, kind, filed, granted, owners, inventors, topics] ──────────────────────────────────
const PATENTS: Array<[string, string, string, number, number | null, string[], string[], string[]]> = [
  ['patent:hq-2022-0001', '一种烟熏腊肉真空贴体包装及保鲜方法', 'INVENTION', 2022, 2024, ['univ:luanzhou-agri'], ['expert:he-lanshan'], ['topic:meat-preservation', 'topic:vacuum-packaging']],
  ['patent:hq-2021-0002', '一种低苯并芘腊肉熏制方法', 'INVENTION', 2021, 2023, ['univ:luanzhou-agri'], ['expert:xu-qingmu-luannong'], ['topic:smoke-curing', 'topic:pah-reduction']],
  ['patent:hq-2020-0003', '一种腊肉真空包装用阻隔膜复合结构', 'UTILITY_MODEL', 2020, 2021, ['ent:wangchuan-chuanwei'], ['expert:xu-qingmu-wangchuan'], ['topic:vacuum-packaging']],
  ['patent:hq-2023-0004', '一种地方黑猪种质资源冷冻保存方法', 'INVENTION', 2023, 2025, ['inst:luanzhou-aas'], ['expert:tang-yuezhi'], ['topic:local-pig-breeds']],
  ['patent:hq-2019-0005', '一种腊肉中亚硝酸盐快速检测试剂盒', 'INVENTION', 2019, 2021, ['univ:luanzhou-agri'], ['expert:liang-shuang'], ['topic:nitrite-control', 'topic:food-safety']],
  ['patent:hq-2022-0006', '一种即食竹笋低温高压杀菌方法', 'INVENTION', 2022, 2024, ['univ:chuanling'], ['expert:zhang-wei-chuanling'], ['topic:food-sterilization', 'topic:shoot-processing']],
  ['patent:hq-2022-0007', '一种天麻有性繁殖种子萌发菌共培养方法', 'INVENTION', 2022, 2024, ['inst:chuanling-herbs'], ['expert:yuan-tianqi', 'expert:han-mei'], ['topic:gastrodia-seed', 'topic:armillaria-strain']],
  ['patent:hq-2020-0008', '一种蜜环菌优良菌株及菌材培养方法', 'INVENTION', 2020, 2022, ['inst:luanzhou-fungi'], ['expert:shi-jun'], ['topic:armillaria-strain']],
  ['patent:hq-2024-0009', '一种天麻素的大孔树脂纯化方法', 'INVENTION', 2024, null, ['ent:lanping-kangyuan'], ['expert:du-xiaoman', 'expert:kang-ming'], ['topic:gastrodin-extraction']],
  ['patent:hq-2024-0010', '一种天麻块茎腐烂病的生物防治方法', 'INVENTION', 2024, null, ['univ:luanzhou-agri'], ['expert:pan-ruoxi'], ['topic:herb-pest-control']],
  ['patent:hq-2021-0011', '一种天麻热泵分段烘干工艺', 'INVENTION', 2021, 2023, ['inst:chuanling-herbs'], ['expert:bai-zhi'], ['topic:herb-drying', 'topic:drying-equipment']],
  ['patent:hq-2023-0012', '一种茶小绿叶蝉生态防控方法', 'INVENTION', 2023, 2025, ['inst:chuanling-tea'], ['expert:ye-chunhui'], ['topic:tea-pest-control']],
  ['patent:hq-2024-0013', '一种茶叶中多种农药残留快速检测方法', 'INVENTION', 2024, null, ['univ:luanzhou-agri'], ['expert:ren-jie'], ['topic:pesticide-residue-testing']],
  ['patent:hq-2020-0014', '一种笋用竹林覆土增产栽培方法', 'INVENTION', 2020, 2022, ['univ:hanyuan-forestry'], ['expert:zhu-jiang'], ['topic:bamboo-cultivation']],
  ['patent:hq-2022-0015', '一种即食清水笋的加工方法', 'INVENTION', 2022, 2024, ['ent:qintai-xiansun'], ['expert:xie-yun'], ['topic:shoot-processing']],
  ['patent:hq-2023-0016', '一种农产品二维码追溯标签系统', 'UTILITY_MODEL', 2023, 2023, ['ent:qiwu-zhinong'], ['expert:jiang-tao'], ['topic:traceability']],
  ['patent:hq-2022-0017', '一种生猪养殖废水厌氧-好氧组合处理方法', 'INVENTION', 2022, 2024, ['univ:chuanling'], ['expert:cao-yiming'], ['topic:wastewater-treatment']],
  ['patent:hq-2018-0018', '一种腊肉烟熏炉', 'UTILITY_MODEL', 2018, 2018, ['ent:shiqiao-yanxun'], [], ['topic:smoke-curing']],
  ['patent:hq-2025-0019', '一种天麻保健饮品及其制备方法', 'INVENTION', 2025, null, ['ent:qintai-bencao'], ['expert:tian-yu'], ['topic:health-food-development']],
  ['patent:hq-2021-0020', '一种高山茶揉捻杀青一体化装置', 'UTILITY_MODEL', 2021, 2022, ['ent:qiwu-yunling-cha'], ['expert:lin-xiaoqing'], ['topic:tea-processing']],
  ['patent:hq-2023-0021', '一种富硒茶叶的叶面喷施方法', 'INVENTION', 2023, 2025, ['inst:luanzhou-aas'], ['expert:qin-lu'], ['topic:selenium-enrichment']],
];
PATENTS.forEach(([id, title, kind, filedYear, grantedYear, owners, inventors, topics]) => {
  const number = `HELDOUT-CN-${id.slice('patent:hq-'.length)}`;
  node('Patent', { id, title, number, kind, filedYear, grantedYear, description: `虚构专利，权利人：${owners.join('、')}。`, source: SRC.patent });
  for (const owner of owners) rel('OWNS', owner, id, SRC.patent);
  for (const inventor of inventors) rel('INVENTED', inventor, id, SRC.patent);
  for (const topic of topics) rel('ON_TOPIC', id, topic, SRC.patent);
});

// ── Demands: [id, title, description (as the poster wrote it), mode, budget, posted, poster, required topics, industry] ──
const DEMANDS: Array<[string, string, string, string, number, string, string, string[], string | null]> = [
  ['demand:fengling-shelf-life', '腊肉夏季返潮发霉，想延长保质期', '我们的柴火腊肉一到夏天就返潮、长霉，还有哈喇味，想延长保质期，最好配合真空包装。', 'REGULAR', 30, '2026-03-02', 'ent:fengling-lawei', ['topic:meat-preservation'], 'industry:larou'],
  ['demand:shiqiao-pah', '烟熏肉制品苯并芘超标整改', '抽检发现熏制产品苯并芘偏高，需要改进熏制工艺。', 'REGULAR', 25, '2026-01-15', 'ent:shiqiao-yanxun', ['topic:pah-reduction', 'topic:smoke-curing'], 'industry:larou'],
  ['demand:laozao-coldchain', '腊肉卖到省外的运输问题', '合作社想把腊肉卖到省外去，夏天运输路上容易坏，需要低温运输方案。', 'REGULAR', 8, '2026-04-10', 'ent:laozao-larou', [], 'industry:larou'],
  ['demand:heizhu-breed', '栖梧黑猪保种选育', '本地黑猪血统退化，需要保种和选育指导。', 'REGULAR', 40, '2025-11-20', 'ent:qiwu-heizhu', ['topic:local-pig-breeds'], 'industry:larou'],
  ['demand:heizhu-wastewater', '养殖场粪污处理达标', '猪场粪污处理不达标，被要求整改。', 'REGULAR', 35, '2026-02-01', 'ent:qiwu-heizhu', ['topic:wastewater-treatment'], 'industry:larou'],
  ['demand:fengling-tianma-rot', '天麻烂窝严重', '今年林下种的天麻烂窝多，想找人看看怎么防。', 'REGULAR', 20, '2026-05-06', 'ent:fengling-yaocai', ['topic:herb-pest-control', 'topic:gastrodia-wild-cultivation'], 'industry:gastrodia'],
  ['demand:yunwu-drying', '天麻烘干后发黑', '烘干的天麻颜色发黑、折干率低，想改进烘干工艺。', 'REGULAR', 45, '2026-03-18', 'ent:qiwu-yunwu-tianma', ['topic:herb-drying'], 'industry:gastrodia'],
  ['demand:qiwu-gastrodin', '天麻精深加工揭榜挂帅', '县里天麻只卖原料，需要天麻素提取和保健食品开发能力。', 'OPEN_CHALLENGE', 300, '2026-02-20', 'agency:qiwu-sci', ['topic:gastrodin-extraction', 'topic:health-food-development'], 'industry:gastrodia'],
  ['demand:yunling-residue', '出口茶叶农残快检', '出口欧盟的茶叶农残要求严，想在厂里做快速检测。', 'REGULAR', 50, '2026-01-08', 'ent:qiwu-yunling-cha', ['topic:pesticide-residue-testing'], 'industry:tea'],
  ['demand:shiqiao-tea-pest', '茶园虫多又不想多打药', '茶园小绿叶蝉多，打药又怕农残超标，想要绿色的办法。', 'REGULAR', 15, '2026-04-22', 'ent:shiqiao-chachang', ['topic:tea-pest-control'], 'industry:tea'],
  ['demand:cuizhu-shoot', '鲜笋做成即食笋', '鲜笋上市集中卖不掉，想做成即食笋，要解决杀菌和保质。', 'REGULAR', 60, '2026-03-30', 'ent:qiwu-cuizhu', ['topic:shoot-processing', 'topic:food-sterilization'], 'industry:bamboo-shoot'],
  ['demand:youxuan-trace', '腊肉和茶叶扫码溯源', '客户想扫码看到腊肉和茶叶的产地和检测信息。', 'REGULAR', 12, '2026-05-12', 'ent:qiwu-youxuan', ['topic:traceability'], null],
];
for (const [id, title, description, mode, budget, postedOn, poster, topics, industry] of DEMANDS) {
  node('Demand', { id, title, description, mode, budget, postedOn, deadline: null, status: 'OPEN', source: SRC.demand });
  rel('POSTED', poster, id, SRC.demand);
  for (const topic of topics) rel('REQUIRES', id, topic, SRC.demand);
  if (industry) rel('FOR_INDUSTRY', id, industry, SRC.demand);
}

// ── Write ──────────────────────────────────────────────────────────────────────────────────────────────────
rmSync(OUT, { recursive: true, force: true });
mkdirSync(path.join(OUT, 'nodes'), { recursive: true });
mkdirSync(path.join(OUT, 'relationships'), { recursive: true });
const write = (file: string, value: unknown) => writeFileSync(path.join(OUT, file), `${JSON.stringify(value, null, 2)}\n`);
write('dataset.json', {
  formatVersion: 1,
  name: '栖梧县创新资源（held-out 评测县，虚构）',
  description: '为匹配评测手写的第二个虚构县，形状与示例县不同：多数机构未申报研究方向，能力只体现在专家、项目与专利上；专家双重任职与同名；强候选多在县外。所有企业与人物均为虚构。',
});
for (const [kind, records] of [...nodes.entries()].sort()) write(`nodes/${kind}.json`, { formatVersion: 1, records });
for (const [type, records] of [...relationships.entries()].sort()) write(`relationships/${type}.json`, { formatVersion: 1, records });
const nodeCount = [...nodes.values()].reduce((sum, records) => sum + records.length, 0);
const relationshipCount = [...relationships.values()].reduce((sum, records) => sum + records.length, 0);
process.stdout.write(`wrote ${OUT}: ${nodeCount} nodes, ${relationshipCount} relationships\n`);
