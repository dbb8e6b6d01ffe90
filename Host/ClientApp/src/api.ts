// The one way the page talks to the server: POST /graphql with the bearer token.

const TOKEN_KEY = 'shopingest.session';

export interface Session {
  token: string;
  expiresAt: string;
}

/** An error the API answered with; `code` is its extensions.code (e.g. INVALID_CREDENTIALS). */
export class ApiError extends Error {
  constructor(message: string, readonly code: string | undefined) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The token is missing, expired or refused: the user has to sign in again. */
export class SessionExpiredError extends ApiError {
  constructor() {
    super('Your session has expired. Please sign in again.', 'AUTH_NOT_AUTHENTICATED');
    this.name = 'SessionExpiredError';
  }
}

// A bearer token should not outlive the tab it was issued to.
export function loadSession(): Session | null {
  const raw = sessionStorage.getItem(TOKEN_KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    return session.token && Date.parse(session.expiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

/** A session was stored in this tab but its token has expired since. */
export function hasExpiredSession(): boolean {
  return sessionStorage.getItem(TOKEN_KEY) !== null && loadSession() === null;
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

let onSessionExpired: (() => void) | null = null;

/** Called once whenever a request finds the session expired. */
export function handleSessionExpired(callback: () => void): void {
  onSessionExpired = callback;
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function graphql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  const session = loadSession();
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/graphql-response+json, application/json',
  };
  if (session) headers.Authorization = `Bearer ${session.token}`;

  let response: Response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }), signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('The server cannot be reached. Check your connection and try again.', 'NETWORK');
  }

  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`The server answered ${response.status} ${response.statusText} without a readable body.`, 'HTTP');
  }

  const error = body.errors?.[0];
  if (error) {
    const code = error.extensions?.code;
    if (code === 'AUTH_NOT_AUTHENTICATED' || response.status === 401) {
      const hadSession = session !== null;
      clearSession();
      if (hadSession) onSessionExpired?.();
      throw new SessionExpiredError();
    }
    throw new ApiError(error.message, code);
  }
  if (!response.ok || body.data == null) {
    throw new ApiError(`The server answered ${response.status} ${response.statusText}.`, 'HTTP');
  }
  return body.data;
}
