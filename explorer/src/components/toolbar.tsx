import { useState } from 'preact/hooks';
import type { OperationRequest } from '../api/client';
import { RequestFailure } from '../api/client';
import { t } from '../i18n/i18n';
import { href } from '../router';
import { ErrorMessage } from './ui';

export type ExportFormat = 'GRAPHML' | 'CSV';

export interface GraphExportText {
  graphml: string | null;
  nodesCsv: string | null;
  edgesCsv: string | null;
}

/** The GraphiQL page with an operation and its variables filled in. */
export function graphiqlHref(request: OperationRequest<unknown>): string {
  return href('/graphiql', { query: request.query, variables: JSON.stringify(request.variables, null, 2) });
}

function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/**
 * What is behind a view: copy its GraphQL, open it in GraphiQL, and (when the view shows a graph) export it as
 * GraphML or CSV node and edge lists.
 */
export function OperationTools({ request, exporter, filename }: { request: OperationRequest<unknown>; exporter?: (format: ExportFormat) => Promise<GraphExportText>; filename?: string }) {
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<RequestFailure | null>(null);
  const [busy, setBusy] = useState(false);

  const copy = async () => {
    const text = `${request.query}\n# variables: ${JSON.stringify(request.variables)}`;
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = document.createElement('textarea');
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setNotice(t('tools.copied'));
  };

  const exportAs = async (format: ExportFormat) => {
    if (!exporter) return;
    setBusy(true);
    setFailure(null);
    try {
      const result = await exporter(format);
      const base = filename ?? 'graph';
      if (format === 'GRAPHML' && result.graphml) download(`${base}.graphml`, result.graphml, 'application/graphml+xml');
      if (format === 'CSV') {
        if (result.nodesCsv) download(`${base}.nodes.csv`, result.nodesCsv, 'text/csv');
        if (result.edgesCsv) download(`${base}.edges.csv`, result.edgesCsv, 'text/csv');
      }
    } catch (error) {
      setFailure(error instanceof RequestFailure ? error : new RequestFailure('UNKNOWN', String(error)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="operation-tools" role="group" aria-label={t('tools.export')}>
      {exporter && (
        <>
          <button type="button" disabled={busy} onClick={() => void exportAs('GRAPHML')}>
            {t('tools.graphml')}
          </button>
          <button type="button" disabled={busy} onClick={() => void exportAs('CSV')}>
            {t('tools.csv')}
          </button>
        </>
      )}
      <button type="button" onClick={() => void copy()}>
        {t('tools.copy')}
      </button>
      {/* Same origin, opened with its opener so the tab's sign-in (sessionStorage) goes along. */}
      <a class="button" href={graphiqlHref(request)} target="_blank">
        {t('tools.openGraphiql')}
      </a>
      <span class="notice" role="status" aria-live="polite">
        {busy ? t('tools.exporting') : notice}
      </span>
      {failure && <ErrorMessage error={failure} />}
    </div>
  );
}
