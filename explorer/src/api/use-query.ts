import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { TypedDocumentString } from '../generated/graphql';
import { execute, RequestFailure } from './client';

export type QueryState<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'success'; data: T }
  | { status: 'error'; error: RequestFailure };

/**
 * Runs `document` with `variables` whenever they change (and `enabled` is true); one request per change, the
 * previous one aborted. `retry` runs it again (showing the loading state); `refresh` runs it again keeping the current
 * data on screen until the new data arrives (after an edit).
 */
export function useQuery<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables, enabled = true): QueryState<TResult> & { retry(): void; refresh(): void } {
  const [state, setState] = useState<QueryState<TResult>>(enabled ? { status: 'loading' } : { status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify(variables);
  const variablesRef = useRef(variables);
  variablesRef.current = variables;
  const quietRef = useRef(false);
  useEffect(() => {
    if (!enabled) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    if (!quietRef.current) setState({ status: 'loading' });
    quietRef.current = false;
    execute(document, variablesRef.current, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'success', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', error: error instanceof RequestFailure ? error : new RequestFailure('UNKNOWN', String(error)) });
      },
    );
    return () => controller.abort();
  }, [document, key, enabled, attempt]);
  const retry = useCallback(() => setAttempt((value) => value + 1), []);
  const refresh = useCallback(() => {
    quietRef.current = true;
    setAttempt((value) => value + 1);
  }, []);
  return { ...state, retry, refresh };
}
