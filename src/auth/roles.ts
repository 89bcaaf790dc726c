/** Who may do what: three roles, each allowed everything the one before it may do. */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The caller of one request: a verified token's subject and role, or nobody (anonymous). */
export interface Viewer {
  subject: string;
  role: Role;
}

/** Whether `role` includes every right of `required`. */
export function hasRole(role: Role | undefined, required: Role): boolean {
  return role !== undefined && ROLES.indexOf(role) >= ROLES.indexOf(required);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && ROLES.some((role) => role === value);
}
