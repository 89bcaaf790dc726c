/**
 * Bearer tokens: JWTs verified with `jose`, against an HS256 secret or a JWKS URL. With neither configured, a
 * random secret is generated once and kept (mode 0600) beside the local database's files, so a local install
 * works with no setup and tokens survive restarts.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SignJWT, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AuthSettings } from '../config.js';
import { isRole, type Role, type Viewer } from './roles.js';

const ALGORITHM = 'HS256';
const SECRET_FILE = 'auth-secret';

/** A token was given but cannot be trusted: malformed, expired, badly signed or without a valid role. */
export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

/** The HS256 secret: the configured one, else the one kept in `rootDir` (created on first use). */
export function localSecret(settings: AuthSettings, rootDir: string): string {
  if (settings.jwtSecret) return settings.jwtSecret;
  const file = path.join(rootDir, SECRET_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(rootDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/** Verifies `Authorization` header values; resolves to the viewer, or null when no token was sent. */
export type TokenVerifier = (authorization: string | undefined) => Promise<Viewer | null>;

/** A verifier for the configured key: the JWKS URL when set, otherwise the HS256 secret. */
export function createTokenVerifier(settings: AuthSettings, rootDir: string): TokenVerifier {
  const key: Uint8Array | JWTVerifyGetKey = settings.jwksUrl
    ? createRemoteJWKSet(new URL(settings.jwksUrl))
    : new TextEncoder().encode(localSecret(settings, rootDir));
  return async (authorization) => {
    if (authorization === undefined || authorization.trim() === '') return null;
    const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization.trim());
    if (!match) throw new InvalidTokenError('Authorization must be "Bearer <JWT>"');
    try {
      const options = { issuer: settings.issuer, audience: settings.audience, ...(settings.jwksUrl ? {} : { algorithms: [ALGORITHM] }) };
      const { payload } = typeof key === 'function' ? await jwtVerify(match[1]!, key, options) : await jwtVerify(match[1]!, key, options);
      if (!isRole(payload.role)) throw new InvalidTokenError('the token carries no valid role (viewer, editor or admin)');
      if (typeof payload.sub !== 'string' || payload.sub === '') throw new InvalidTokenError('the token has no subject (sub)');
      return { subject: payload.sub, role: payload.role };
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError('the token has expired', { cause: error });
      if (error instanceof joseErrors.JOSEError) throw new InvalidTokenError(`the token is not valid: ${error.code}`, { cause: error });
      throw error;
    }
  };
}

/** Parses durations such as `30m`, `12h`, `7d` into seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)([smhd])$/.exec(text.trim());
  if (!match) throw new Error(`expected a duration such as 30m, 12h or 7d, got "${text}"`);
  // The pattern's second group is one of these units.
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

/** Signs a token for `subject` with `role`, valid for `ttlSeconds`, with the HS256 secret. */
export async function mintToken(secret: string, claims: { role: Role; subject: string; ttlSeconds: number; issuer?: string; audience?: string }): Promise<string> {
  let jwt = new SignJWT({ role: claims.role })
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(claims.subject)
    .setIssuedAt()
    .setExpirationTime(`${claims.ttlSeconds}s`);
  if (claims.issuer) jwt = jwt.setIssuer(claims.issuer);
  if (claims.audience) jwt = jwt.setAudience(claims.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
