/** The signed-in user's token: kept for this browser tab only (sessionStorage), sent on every GraphQL request. */
const STORAGE_KEY = 'explorer.token';

export type Role = 'viewer' | 'editor' | 'admin';

const ROLES: readonly Role[] = ['viewer', 'editor', 'admin'];

export function currentToken(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string | null): void {
  if (token) sessionStorage.setItem(STORAGE_KEY, token);
  else sessionStorage.removeItem(STORAGE_KEY);
}

function decodeBase64Url(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * The `role` claim of a JWT, read without verifying it: the browser only uses it to show or hide edit forms; the
 * server verifies the token on every request. Null when the text is not a JWT with a known role.
 */
export function roleOfToken(token: string): Role | null {
  const payload = token.trim().split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(decodeBase64Url(payload)) as { role?: unknown };
    return ROLES.find((role) => role === claims.role) ?? null;
  } catch {
    return null;
  }
}
