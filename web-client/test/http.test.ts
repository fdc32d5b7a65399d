import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, isProblem } from '../src/api/http';

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

describe('ApiClient', () => {
  it('sends the bearer token and parses JSON', async () => {
    const fetchFn = vi.fn(async () => json(200, { ok: true }));
    const api = new ApiClient(fetchFn as unknown as typeof fetch);
    api.useCredentials({ accessToken: () => 'tok', refresh: async () => true, signedOut: vi.fn() });
    expect(await api.get('/api/v1/me')).toEqual({ ok: true });
    const init = (fetchFn.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
  });

  it('a bearer given with auth: false is sent as it is, and a 401 then neither refreshes nor signs out', async () => {
    const fetchFn = vi.fn(async () => json(401, { type: '/problems/unauthorized', title: 'Unauthorized', detail: 'The ID token has expired' }));
    const refresh = vi.fn(async () => true);
    const signedOut = vi.fn();
    const api = new ApiClient(fetchFn as unknown as typeof fetch);
    api.useCredentials({ accessToken: () => 'session-token', refresh, signedOut });
    const error = await api.post('/api/v1/auth/firebase', { idToken: 'x' }, { auth: false, bearer: 'guest-token' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).detail).toBe('The ID token has expired');
    const init = (fetchFn.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer guest-token');
    expect(fetchFn).toHaveBeenCalledTimes(1);
    expect(refresh).not.toHaveBeenCalled();
    expect(signedOut).not.toHaveBeenCalled();
  });

  it('on 401 refreshes once and retries with the new token', async () => {
    let token = 'old';
    const fetchFn = vi.fn(async (_url: string, init: RequestInit) =>
      (init.headers as Record<string, string>).Authorization === 'Bearer new' ? json(204, undefined) : json(401, { title: 'Unauthorized' }),
    );
    const signedOut = vi.fn();
    const api = new ApiClient(fetchFn as unknown as typeof fetch);
    api.useCredentials({
      accessToken: () => token,
      refresh: async () => {
        token = 'new';
        return true;
      },
      signedOut,
    });
    await api.put('/api/v1/rooms/r/hand');
    expect(fetchFn).toHaveBeenCalledTimes(2);
    expect(signedOut).not.toHaveBeenCalled();
  });

  it('sends the user to sign in when the retry is 401 too', async () => {
    const signedOut = vi.fn();
    const api = new ApiClient((async () => json(401, { title: 'Unauthorized', type: '/problems/unauthorized' })) as unknown as typeof fetch);
    api.useCredentials({ accessToken: () => 't', refresh: async () => true, signedOut });
    await expect(api.get('/api/v1/me')).rejects.toMatchObject({ status: 401 });
    expect(signedOut).toHaveBeenCalledTimes(1);
  });

  it('sends a suspended account to sign in, where it learns why (and nothing else does)', async () => {
    const signedOut = vi.fn();
    const answer = { status: 403, type: '/problems/suspended' };
    const api = new ApiClient((async () => json(answer.status, { title: 'Forbidden', type: answer.type })) as unknown as typeof fetch);
    api.useCredentials({ accessToken: () => 't', refresh: async () => true, signedOut });
    await expect(api.get('/api/v1/rooms/r')).rejects.toMatchObject({ status: 403 });
    expect(signedOut).toHaveBeenCalledTimes(1);

    answer.type = '/problems/forbidden';
    await expect(api.get('/api/v1/rooms/r')).rejects.toMatchObject({ status: 403 });
    await expect(api.post('/api/v1/auth/login', {}, { auth: false })).rejects.toMatchObject({ status: 403 });
    answer.type = '/problems/suspended';
    await expect(api.post('/api/v1/auth/login', {}, { auth: false })).rejects.toMatchObject({ status: 403 });
    expect(signedOut).toHaveBeenCalledTimes(1);
  });

  it('turns problem+json into ApiError with field messages and Retry-After', async () => {
    const api = new ApiClient(
      (async () =>
        json(
          400,
          { type: 'https://tribune.dev/problems/validation', title: 'Bad request', detail: 'Invalid', errors: [{ field: 'provider', message: 'must be an active provider: one of mesh' }] },
          { 'Retry-After': '7' },
        )) as unknown as typeof fetch,
    );
    const error = (await api.post('/api/v1/rooms', { name: 'x', provider: 'twilio' }).catch((e) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.describe()).toBe('Invalid: provider must be an active provider: one of mesh');
    expect(error.retryAfterSeconds).toBe(7);
    expect(isProblem(error, '/problems/validation')).toBe(true);
    expect(isProblem(error, '/problems/room-ended')).toBe(false);
  });

  it('reports a network failure as status 0', async () => {
    const api = new ApiClient((async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch);
    const error = (await api.get('/api/v1/rooms').catch((e) => e)) as ApiError;
    expect(error.isNetwork).toBe(true);
  });
});
