import type { EntityNameFragment } from '../generated/graphql';
import { kindOfTypename } from '../i18n/enums';
import { enumLabel } from '../i18n/i18n';

/** An entity's display name: its name, or its title for patents and demands. */
export function entityName(entity: EntityNameFragment): string {
  return 'name' in entity ? entity.name : entity.title;
}

/** A short qualifier that tells same-name entities apart: an expert's title and affiliation, an organisation's region. */
export function entityQualifier(entity: EntityNameFragment): string | null {
  if (entity.__typename === 'Expert') return [entity.title, entity.primaryAffiliation?.name].filter(Boolean).join('，');
  if ('region' in entity && entity.region) return entity.region.name;
  if (entity.__typename === 'Project') return String(entity.startYear);
  return null;
}

/** The kind of an entity, in words of the current locale. */
export function entityKindLabel(typename: string): string {
  return enumLabel(kindOfTypename(typename));
}
