/**
 * Who may run what, decided before execution: each root field's `@requiresRole` (mutations without one need an
 * editor), anonymous reads only when allowed; and `@personal` fields, null below editor with the reason reported.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  defaultFieldResolver,
  responsePathAsArray,
  type DocumentNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { hasRole, isRole, type Role } from '../auth/roles.js';
import type { GraphQLContext } from './context.js';
import { ErrorCode } from './errors.js';

/** Why personal fields are hidden: said in the response for every field set to null. */
export const PERSONAL_DATA_REASON =
  'Personal information (个人信息) under the Personal Information Protection Law of the PRC: shown to editors and admins only.';

function directiveArgument(field: GraphQLField<unknown, unknown>, directive: string, argument: string): string | undefined {
  const node = field.astNode?.directives?.find((candidate) => candidate.name.value === directive);
  const value = node?.arguments?.find((candidate) => candidate.name.value === argument)?.value;
  return value?.kind === Kind.ENUM ? value.value : undefined;
}

/** Whether the schema declares `@<directive>` on the field. */
export function hasDirective(field: GraphQLField<unknown, unknown>, directive: string): boolean {
  return field.astNode?.directives?.some((candidate) => candidate.name.value === directive) ?? false;
}

/** The names of the root fields an operation selects, through fragments and inline fragments. */
function rootFieldNames(selectionSet: SelectionSetNode, document: DocumentNode, seen = new Set<string>()): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFieldNames(selection.selectionSet, document, seen);
    if (seen.has(selection.name.value)) return [];
    seen.add(selection.name.value);
    const fragment = document.definitions.find((definition) => definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === selection.name.value);
    return fragment && fragment.kind === Kind.FRAGMENT_DEFINITION ? rootFieldNames(fragment.selectionSet, document, seen) : [];
  });
}

/** The least role each root field of the operation needs. */
export function requiredRoles(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Array<{ field: string; role: Role }> {
  const rootType = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  const fallback: Role = operation.operation === 'query' ? 'viewer' : 'editor';
  return rootFieldNames(operation.selectionSet, document).map((name) => {
    const field = rootType?.getFields()[name];
    const declared = field ? directiveArgument(field, 'requiresRole', 'role') : undefined;
    const role = declared?.toLowerCase();
    return { field: name, role: isRole(role) ? role : fallback };
  });
}

/** Refuses an operation its caller may not run: 401 UNAUTHENTICATED without a token, 403 FORBIDDEN with too small a role. */
export function authorizationPlugin(options: { anonymousReads: boolean }): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, schema, document, operation }) {
          if (!operation) return;
          const viewer = contextValue.viewer;
          if (!viewer && !options.anonymousReads) {
            throw new GraphQLError('Sign in: this server accepts no anonymous requests (send Authorization: Bearer <token>).', {
              extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
            });
          }
          for (const { field, role } of requiredRoles(schema, document, operation)) {
            if (hasRole(viewer?.role ?? (options.anonymousReads ? 'viewer' : undefined), role)) continue;
            if (!viewer) {
              throw new GraphQLError(`${field} needs the ${role} role: send a bearer token (Authorization: Bearer <token>).`, {
                extensions: { code: ErrorCode.UNAUTHENTICATED, requiredRole: role, http: { status: 401 } },
              });
            }
            throw new GraphQLError(`${field} needs the ${role} role; your token has ${viewer.role}.`, {
              extensions: { code: ErrorCode.FORBIDDEN, requiredRole: role, http: { status: 403 } },
            });
          }
        },
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== 'single' || contextValue.redactions.length === 0) return;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            personalData: { reason: PERSONAL_DATA_REASON, redacted: contextValue.redactions.map((redaction) => redaction.path) },
          };
        },
      };
    },
  };
}

/** Wraps every `@personal` field so that callers below editor get null, and the redaction is recorded. */
export function protectPersonalFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    // By shape, not instanceof (so the fields are an object type's, by cast): Apollo's schema may come from the other build (ESM/CommonJS) of graphql.
    if (type.astNode?.kind !== Kind.OBJECT_TYPE_DEFINITION || !('getFields' in type)) continue;
    for (const field of Object.values((type as GraphQLObjectType).getFields())) {
      if (!hasDirective(field, 'personal')) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: GraphQLContext, info) => {
        if (hasRole(context.viewer?.role, 'editor')) return resolve(source, args, context, info);
        context.redactions.push({ path: responsePathAsArray(info.path), reason: PERSONAL_DATA_REASON });
        return null;
      };
    }
  }
  return schema;
}
