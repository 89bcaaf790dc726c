/**
 * The peer: the same graph described idiomatically for @neo4j/graphql 7 (one @node type per label, relationships
 * with @relationship, relationship properties in their own type), so its generated queries can be compared with
 * ours on the generic workloads. Numbers are Float because the graph stores JavaScript numbers as floats.
 */
export const PEER_TYPE_DEFS = /* GraphQL */ `
  interface Organization {
    id: ID!
    name: String!
    locatedIn: [Region!]! @declareRelationship
  }

  type Region @node {
    id: ID!
    name: String!
    kind: String!
    partOf: [Region!]! @relationship(type: "PART_OF", direction: OUT)
  }

  type Topic @node {
    id: ID!
    name: String!
    broader: [Topic!]! @relationship(type: "BROADER", direction: OUT)
  }

  type Expertise @relationshipProperties {
    level: String!
  }

  type Affiliation @relationshipProperties {
    primary: Boolean
    role: String
  }

  type Expert @node {
    id: ID!
    name: String!
    title: String!
    affiliatedWith: [Organization!]! @relationship(type: "AFFILIATED_WITH", direction: OUT, properties: "Affiliation")
    hasExpertise: [Topic!]! @relationship(type: "HAS_EXPERTISE", direction: OUT, properties: "Expertise")
  }

  type Enterprise implements Organization @node {
    id: ID!
    name: String!
    qualifications: [String!]
    foundedYear: Float
    employees: Float
    locatedIn: [Region!]! @relationship(type: "LOCATED_IN", direction: OUT)
    employs: [Expert!]! @relationship(type: "AFFILIATED_WITH", direction: IN)
  }

  type University implements Organization @node {
    id: ID!
    name: String!
    locatedIn: [Region!]! @relationship(type: "LOCATED_IN", direction: OUT)
    employs: [Expert!]! @relationship(type: "AFFILIATED_WITH", direction: IN)
  }

  type ResearchInstitute implements Organization @node {
    id: ID!
    name: String!
    locatedIn: [Region!]! @relationship(type: "LOCATED_IN", direction: OUT)
    employs: [Expert!]! @relationship(type: "AFFILIATED_WITH", direction: IN)
  }

  type Platform implements Organization @node {
    id: ID!
    name: String!
    locatedIn: [Region!]! @relationship(type: "LOCATED_IN", direction: OUT)
  }

  type GovernmentAgency implements Organization @node {
    id: ID!
    name: String!
    locatedIn: [Region!]! @relationship(type: "LOCATED_IN", direction: OUT)
  }
`;
