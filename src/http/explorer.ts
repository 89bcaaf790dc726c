import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { projectRoot } from '../config.js';

/** How the web explorer is served. */
export interface ExplorerOptions {
  /** The built explorer (default: explorer/dist of this checkout, built by `npm start` and the tests). */
  distDir?: string;
  /** Whether edit forms need a signed-in editor (true once the service checks tokens); told to the browser. */
  editingRequiresSignIn?: boolean;
}

/** The explorer's own paths: each serves the single-page app, which reads the rest of the URL itself. */
const EXPLORER_ROUTES = ['/', '/search', '/entity/:id', '/experts', '/partners', '/demands', '/demands/:id', '/chain', '/connect', '/valley'];

/**
 * Every byte comes from this server: scripts, styles, fonts and data only from 'self', so the pages work offline
 * and on an intranet (GraphiQL's editor styles are inline, hence 'unsafe-inline' for styles only).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function sendPage(distDir: string, file: string) {
  return (_request: Request, response: Response) => {
    const page = path.join(distDir, file);
    if (!existsSync(page)) {
      response
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The web explorer is not built. Run `npm run explorer:build` (npm start builds it when missing). 网页端尚未构建：请运行 npm run explorer:build。\n');
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'same-origin');
    response.sendFile(page);
  };
}

/** A browser opening /graphql (a page, not a query) is sent to GraphiQL; GraphQL requests pass through. */
function graphqlPageRedirect(request: Request, response: Response, next: NextFunction) {
  const wantsPage = request.method === 'GET' && request.accepts(['application/json', 'text/html']) === 'text/html' && request.query.query === undefined;
  if (wantsPage) response.redirect(302, '/graphiql');
  else next();
}

/**
 * Serves the web explorer at / (and its views' paths), GraphiQL at /graphiql, and their hashed assets under /assets
 * (cached for a year: a new build has new names). Call before the GraphQL middleware is mounted.
 */
export function mountExplorer(app: Express, options: ExplorerOptions = {}): void {
  const distDir = options.distDir ?? path.join(projectRoot, 'explorer', 'dist');
  const config = { editingRequiresSignIn: options.editingRequiresSignIn ?? false };
  app.get('/graphql', graphqlPageRedirect);
  app.get('/explorer/config.json', (_request, response) => {
    response.setHeader('Cache-Control', 'no-cache');
    response.json(config);
  });
  app.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  app.get('/graphiql', sendPage(distDir, 'graphiql.html'));
  app.get(EXPLORER_ROUTES, sendPage(distDir, 'index.html'));
}
