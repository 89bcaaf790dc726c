import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The explorer's build: two pages (the explorer at /, GraphiQL at /graphiql), every asset bundled and served by our
 * own server. `npm run explorer:dev` serves it with hot reload and sends /graphql to the service on PORT (4000).
 */
export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2_000,
    rolldownOptions: {
      input: { explorer: `${root}index.html`, graphiql: `${root}graphiql.html` },
      // GraphiQL's dependencies mark React client modules with "use client", which means nothing in a plain bundle.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  server: {
    proxy: { '/graphql': `http://localhost:${process.env.PORT ?? 4000}`, '/explorer/config.json': `http://localhost:${process.env.PORT ?? 4000}` },
  },
});
