import { useEffect, useState } from 'preact/hooks';
import { currentToken, roleOfToken, storeToken, type Role } from './token';

/** What the server tells the explorer about editing (GET /explorer/config.json). */
interface ExplorerConfig {
  editingRequiresSignIn: boolean;
}

let config: ExplorerConfig = { editingRequiresSignIn: true };
let token = currentToken();
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

void fetch('/explorer/config.json')
  .then((response) => (response.ok ? (response.json() as Promise<ExplorerConfig>) : null))
  .then((loaded) => {
    if (loaded) {
      config = loaded;
      notify();
    }
  })
  .catch(() => undefined);

export function signIn(newToken: string): Role | null {
  const role = roleOfToken(newToken);
  if (!role) return null;
  token = newToken.trim();
  storeToken(token);
  notify();
  return role;
}

export function signOut(): void {
  token = null;
  storeToken(null);
  notify();
}

export interface Session {
  role: Role | null;
  /** Whether edit forms are shown: for editors and admins, or for anyone when the server does not ask for sign-in. */
  canEdit: boolean;
}

function session(): Session {
  const role = token ? roleOfToken(token) : null;
  const canEdit = role === 'editor' || role === 'admin' || (role === null && !config.editingRequiresSignIn);
  return { role, canEdit };
}

/** The signed-in role and whether edit forms show; re-renders the caller on sign-in and sign-out. */
export function useSession(): Session {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const listener = () => setVersion((version) => version + 1);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  return session();
}
