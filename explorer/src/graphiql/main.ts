/** GraphiQL for analysts, bundled with the explorer (nothing loaded from a CDN); `?query=&variables=` prefill it. */
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import './graphiql.css';

const TOKEN_KEY = 'explorer.token';

async function fetcher(parameters: unknown, options?: { headers?: Record<string, string> }) {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...(options?.headers ?? {}) };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token && !headers.authorization && !headers.Authorization) headers.authorization = `Bearer ${token}`;
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(parameters) });
  return response.json();
}

const params = new URLSearchParams(location.search);
const root = document.getElementById('graphiql');
if (root) {
  createRoot(root).render(
    createElement(GraphiQL, {
      fetcher,
      query: params.get('query') ?? undefined,
      variables: params.get('variables') ?? undefined,
      defaultEditorToolsVisibility: params.has('variables') ? 'variables' : undefined,
    }),
  );
}
