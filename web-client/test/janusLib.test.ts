import { afterEach, describe, expect, it, vi } from 'vitest';
import { forgetToken, janusFetch, rememberToken } from '../src/media/janus/janusLib';

function answer(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

describe('janusFetch (what janus.js fetches with)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    forgetToken('old');
  });

  it('sends the newest grant token in bodies and on the long poll', async () => {
    const calls: Array<[string, RequestInit | undefined]> = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      calls.push([url, init]);
      return answer({ janus: 'ack' });
    });
    rememberToken('old', 'new');
    await janusFetch('http://h/janus/1/2', { method: 'POST', body: JSON.stringify({ janus: 'message', token: 'old', transaction: 't' }) });
    await janusFetch('http://h/janus/1?rid=5&maxev=10&token=old', { method: 'GET' });
    expect(JSON.parse(String(calls[0]![1]!.body))).toEqual({ janus: 'message', token: 'new', transaction: 't' });
    expect(new URL(calls[1]![0]).searchParams.get('token')).toBe('new');
  });

  it('turns a long poll answered "session not found" into a failure janus.js counts', async () => {
    vi.stubGlobal('fetch', async () => answer({ janus: 'error', error: { code: 458, reason: 'No such session 1' } }));
    const response = await janusFetch('http://h/janus/1?rid=5&maxev=10', { method: 'GET' });
    expect(response.ok).toBe(false);
  });

  it('leaves ordinary answers alone, errors of POSTs included (janus.js reports those to the caller)', async () => {
    vi.stubGlobal('fetch', async () => answer({ janus: 'error', error: { code: 433, reason: 'Unauthorized' } }));
    const post = await janusFetch('http://h/janus/1/2', { method: 'POST', body: '{}' });
    expect(post.ok).toBe(true);
    expect(await post.json()).toEqual({ janus: 'error', error: { code: 433, reason: 'Unauthorized' } });
    vi.stubGlobal('fetch', async () => answer([{ janus: 'event' }]));
    expect((await janusFetch('http://h/janus/1?rid=6', { method: 'GET' })).ok).toBe(true);
  });
});
