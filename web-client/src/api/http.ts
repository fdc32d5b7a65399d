// Calls to /api/v1: JSON in and out, the bearer token, RFC 9457 problems as ApiError, and one retry after a
// token refresh when the server answers 401.

export interface FieldProblem {
  field: string;
  message: string;
}

/** A problem answered by the API (RFC 9457), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
    readonly retryAfterSeconds: number | null = null,
    /** The problem's other members (e.g. `until`, `reason`, `appealToken` of `/problems/suspended`). */
    readonly properties: Record<string, unknown> = {},
  ) {
    super(detail || title || `HTTP ${status}`);
    this.name = 'ApiError';
  }

  /** What to show a person: the detail, and the field messages of a validation problem. */
  describe(): string {
    const fields = this.errors.map((e) => `${e.field} ${e.message}`).join('; ');
    const head = this.detail || this.title || `Request failed (${this.status})`;
    return fields ? `${head}: ${fields}` : head;
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

/** What the client needs from the signed-in session; kept apart so the client has no import cycle with auth. */
export interface Credentials {
  accessToken(): string | null;
  /** Gets a fresh access token; false when the session is gone (signed out). */
  refresh(): Promise<boolean>;
  /** The session cannot be saved: the page goes to /signin. */
  signedOut(): void;
}

export interface RequestOptions {
  /** Send the bearer token and handle 401 (default true). */
  auth?: boolean;
  /**
   * With `auth: false`, send this bearer token as it is: a 401 then speaks of the request (a sign-in that names the
   * current session), not of the token, so nothing is refreshed and nobody is signed out.
   */
  bearer?: string | null;
  signal?: AbortSignal;
}

export class ApiClient {
  private credentials: Credentials | null = null;

  constructor(
    private readonly fetchFn: typeof fetch = (...args) => fetch(...args),
    private readonly base = '',
  ) {}

  useCredentials(credentials: Credentials): void {
    this.credentials = credentials;
  }

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, undefined, options);
  }

  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, body, options);
  }

  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PUT', path, body, options);
  }

  delete<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('DELETE', path, undefined, options);
  }

  async request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    const auth = options.auth ?? true;
    let response = await this.send(method, path, body, auth, options.signal, options.bearer ?? null);
    if (response.status === 401 && auth && this.credentials) {
      // the token may have expired while the tab slept: one refresh, one retry, then the sign-in page
      const refreshed = await this.credentials.refresh();
      if (refreshed) {
        response = await this.send(method, path, body, auth, options.signal);
      }
      if (response.status === 401) {
        this.credentials.signedOut();
      }
    }
    if (!response.ok) {
      const problem = await problemOf(response);
      // a suspended account's every call is refused (its tokens still look valid): its sign-in says why and takes the appeal
      if (response.status === 403 && auth && this.credentials && isProblem(problem, '/problems/suspended')) {
        this.credentials.signedOut();
      }
      throw problem;
    }
    if (response.status === 204) {
      return undefined as T;
    }
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async send(method: string, path: string, body: unknown, auth: boolean, signal?: AbortSignal, bearer: string | null = null): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const token = auth ? this.credentials?.accessToken() : bearer;
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    try {
      return await this.fetchFn(this.base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') {
        throw e;
      }
      throw new ApiError(0, 'network', 'Network error', 'The service cannot be reached. Check your connection.');
    }
  }
}

async function problemOf(response: Response): Promise<ApiError> {
  let problem: Record<string, unknown> = {};
  try {
    problem = (await response.json()) as Record<string, unknown>;
  } catch {
    // not JSON: keep the status alone
  }
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new ApiError(
    response.status,
    typeof problem.type === 'string' ? problem.type : 'about:blank',
    typeof problem.title === 'string' ? problem.title : response.statusText,
    typeof problem.detail === 'string' ? problem.detail : '',
    Array.isArray(problem.errors) ? (problem.errors as FieldProblem[]) : [],
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    problem,
  );
}

/** True when a problem's `type` is the given kind (`/problems/room-ended`, ...), whatever the URI's base. */
export function isProblem(error: unknown, kind: string): boolean {
  return error instanceof ApiError && (error.type === kind || error.type.endsWith(kind));
}
