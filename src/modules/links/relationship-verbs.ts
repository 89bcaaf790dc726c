/**
 * The Chinese verb of each relationship type, read from its start node to its end node, for plain-language
 * paths such as "企业A —参与→ 项目P ←主持— 西南大学". Every type of the graph has one (checked by a unit test).
 */
import type { RelationshipType } from '../../graph/kinds.js';

export const RELATIONSHIP_VERBS: Record<RelationshipType, string> = {
  LOCATED_IN: '位于',
  PART_OF: '隶属',
  IN_ZONE: '属于合作区',
  AFFILIATED_WITH: '任职于',
  HAS_EXPERTISE: '擅长',
  FOCUSES_ON: '专注',
  COOPERATES_WITH: '合作',
  HOSTS: '承建',
  SERVES: '服务',
  IN_CLUSTER: '属于集群',
  HAS_SEGMENT: '包含环节',
  UPSTREAM_OF: '上游于',
  IN_SEGMENT: '处于环节',
  IN_INDUSTRY: '从事',
  REQUIRES: '需要',
  LEADS: '主持',
  PARTICIPATES_IN: '参与',
  ON_TOPIC: '涉及',
  FOR_INDUSTRY: '面向',
  OWNS: '拥有',
  INVENTED: '发明',
  POSTED: '发布',
  TAKEN_BY: '由…承接',
  ISSUED: '发布政策',
  BENEFITS: '惠及',
  BROADER: '从属于',
  CONTRIBUTES_TO: '贡献于',
  MEASURES: '衡量',
};

/** One step of a path as rendered: the verb and whether the relationship points forward along the path. */
export function renderStep(type: RelationshipType, forward: boolean): string {
  const verb = RELATIONSHIP_VERBS[type];
  return forward ? ` —${verb}→ ` : ` ←${verb}— `;
}
