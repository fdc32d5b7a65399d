/**
 * The part of janus.js (npm `janus-gateway` 1.4.x) that JanusMediaSession uses, as a small typed surface so the
 * session can be tested against a fake. `loadJanusLib()` loads the real library lazily (its own chunk: the mesh never
 * pays for it) and initialises it once, with webrtc-adapter and a fetch that:
 * - swaps in the newest grant's token: janus.js keeps the token it was created with for the session's whole life,
 *   and the relay checks a short-lived token on every request (see `renewToken`);
 * - notices that the session is gone: over HTTP janus.js ignores a long poll answered with an error (458 "session
 *   not found" after a Janus restart, 403 once the token is refused) and would poll again at once, for ever. Such an
 *   answer is turned into a failed request (janus.js gives up after 3 retries) and the session's `error` runs now.
 */

/** A JSEP as janus.js passes it around. */
export interface Jsep {
  type?: string;
  sdp?: string;
  [key: string]: unknown;
}

/** janus.js 1.x track descriptions (only what Tribune uses: one audio track). */
export interface TrackOption {
  type: 'audio' | 'video' | 'data';
  capture: boolean | MediaStreamTrack;
  recv?: boolean;
}

/** A VideoRoom message body (`plugindata.data`). */
export type VideoRoomMessage = Record<string, unknown>;

export interface JanusHandle {
  getId(): string | number;
  send(params: {
    message: Record<string, unknown>;
    jsep?: Jsep;
    success?: (data?: unknown) => void;
    error?: (error: string) => void;
  }): void;
  createOffer(params: { tracks: TrackOption[]; success: (jsep: Jsep) => void; error: (error: unknown) => void }): void;
  createAnswer(params: {
    jsep: Jsep;
    tracks: TrackOption[];
    success: (jsep: Jsep) => void;
    error: (error: unknown) => void;
  }): void;
  handleRemoteJsep(params: { jsep: Jsep; success?: () => void; error?: (error: unknown) => void }): void;
  hangup(sendRequest?: boolean): void;
  detach(params?: { success?: () => void; error?: (error: string) => void; noRequest?: boolean }): void;
  /** janus.js's WebRTC state: the PeerConnection, for getStats(). */
  readonly webrtcStuff?: { pc?: RTCPeerConnection | null } | undefined;
}

export interface AttachOptions {
  plugin: 'janus.plugin.videoroom';
  success: (handle: JanusHandle) => void;
  error: (error: string) => void;
  onmessage: (message: VideoRoomMessage, jsep?: Jsep) => void;
  onremotetrack?: (track: MediaStreamTrack, mid: string, on: boolean) => void;
  webrtcState?: (up: boolean, reason?: string) => void;
  oncleanup?: () => void;
  ondetached?: () => void;
}

export interface JanusSession {
  getSessionId(): string | number | null | undefined;
  attach(options: AttachOptions): void;
  destroy(options: { cleanupHandles?: boolean; notifyDestroyed?: boolean; success?: () => void; error?: (e: string) => void }): void;
  /** From now on every request of this session carries `token` instead of the one it was created with. */
  renewToken(token: string | null): void;
}

export interface SessionOptions {
  /** Absolute URL of the Janus REST endpoint (the service's relay at /janus). */
  server: string;
  /** Exactly the grant's ICE servers: janus.js adds a public STUN server when this is missing. */
  iceServers: RTCIceServer[];
  /** `relay`: janus.js's peer connections gather TURN relay candidates only (its `iceTransportPolicy` option). */
  iceTransportPolicy: RTCIceTransportPolicy;
  token: string | null;
  success: () => void;
  /** The session failed or was lost (long poll failures, 458, create refused). */
  error: (error: string) => void;
  destroyed: () => void;
}

export interface JanusLib {
  createSession(options: SessionOptions): JanusSession;
}

/** Hands Janus's answer (or offer) to janus.js. */
export function acceptRemoteJsep(handle: JanusHandle | null, jsep: Jsep): void {
  handle?.handleRemoteJsep({ jsep, error: (e) => console.warn('tribune: Janus SDP refused', e) });
}

// --- the real library ----------------------------------------------------------------------------------------------

/** original token -> the token to send now (janus.js keeps the original in its closure). */
const tokens = new Map<string, string>();
/** Janus session id -> its `error` callback, for answers saying the session is gone. */
const lostListeners = new Map<string, (reason: string) => void>();

/** Requests that carried `original` carry `now` from here on (janus.js cannot change a session's token). */
export function rememberToken(original: string, now: string): void {
  tokens.set(original, now);
}

/** Forgets a session's token (the session is gone). */
export function forgetToken(original: string): void {
  tokens.delete(original);
}

function swapToken(url: string, init: RequestInit | undefined): [string, RequestInit | undefined] {
  if (tokens.size === 0) return [url, init];
  let outUrl = url;
  try {
    const parsed = new URL(url, globalThis.location?.href);
    const old = parsed.searchParams.get('token');
    const now = old !== null ? tokens.get(old) : undefined;
    if (now !== undefined) {
      parsed.searchParams.set('token', now);
      outUrl = parsed.toString();
    }
  } catch {
    // not a URL we know: leave it
  }
  let outInit = init;
  if (init && typeof init.body === 'string' && init.body.includes('"token"')) {
    try {
      const body = JSON.parse(init.body) as Record<string, unknown>;
      const now = typeof body.token === 'string' ? tokens.get(body.token) : undefined;
      if (now !== undefined) {
        outInit = { ...init, body: JSON.stringify({ ...body, token: now }) };
      }
    } catch {
      // not JSON: leave it
    }
  }
  return [outUrl, outInit];
}

/** The session id in `<server>/<session>` or `<server>/<session>?...` (a long poll). */
function sessionOfLongPoll(url: string): string | null {
  try {
    const parts = new URL(url, globalThis.location?.href).pathname.split('/').filter(Boolean);
    return parts.length >= 1 ? (parts[parts.length - 1] ?? null) : null;
  } catch {
    return null;
  }
}

const GONE_CODES = new Set([458, 403]);

/** fetch for janus.js: newest tokens out, "session gone" answers to long polls turned into failures. */
export async function janusFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const [url, outInit] = swapToken(String(input instanceof Request ? input.url : input), init);
  const response = await fetch(url, outInit);
  const method = (outInit?.method ?? 'GET').toUpperCase();
  if (method !== 'GET' || !response.ok) return response;
  let parsed: unknown;
  try {
    parsed = await response.clone().json();
  } catch {
    return response;
  }
  const answers = Array.isArray(parsed) ? parsed : [parsed];
  const gone = answers.find(
    (a): a is { error: { code: number; reason?: string } } =>
      typeof a === 'object' && a !== null && (a as { janus?: unknown }).janus === 'error' &&
      GONE_CODES.has(Number((a as { error?: { code?: unknown } }).error?.code)),
  );
  if (!gone) return response;
  const session = sessionOfLongPoll(url);
  const listener = session ? lostListeners.get(session) : undefined;
  listener?.(`${gone.error.code} ${gone.error.reason ?? 'session gone'}`);
  return new Response(JSON.stringify(gone), { status: 410, headers: { 'Content-Type': 'application/json' } });
}

let loading: Promise<JanusLib> | null = null;

/** janus.js, loaded and initialised once. */
export function loadJanusLib(): Promise<JanusLib> {
  loading ??= (async () => {
    const [{ default: Janus }, { default: adapter }] = await Promise.all([import('janus-gateway'), import('webrtc-adapter')]);
    if (!Janus) throw new Error('janus.js did not load (no window?)');
    await new Promise<void>((resolve) =>
      Janus.init({
        debug: false,
        dependencies: Janus.useDefaultDependencies({ adapter, fetch: janusFetch as typeof fetch }),
        callback: () => resolve(),
      }),
    );
    const lib: JanusLib = {
      createSession(options: SessionOptions): JanusSession {
        const original: string | null = options.token;
        let sessionKey: string | null = null;
        let failed = false;
        const fail = (reason: string): void => {
          if (failed) return;
          failed = true;
          if (sessionKey) lostListeners.delete(sessionKey);
          options.error(reason);
        };
        const janus = new Janus({
          server: options.server,
          iceServers: options.iceServers,
          iceTransportPolicy: options.iceTransportPolicy,
          token: options.token ?? undefined,
          withCredentials: false,
          success: () => {
            const id = janus.getSessionId();
            sessionKey = id === undefined || id === null ? null : String(id);
            if (sessionKey) lostListeners.set(sessionKey, fail);
            options.success();
          },
          error: (e: unknown) => fail(String(e)),
          destroyed: () => {
            if (sessionKey) lostListeners.delete(sessionKey);
            options.destroyed();
          },
        });
        return {
          getSessionId: () => janus.getSessionId(),
          attach: (attach) => janus.attach(attach as never),
          destroy: (d) => {
            if (sessionKey) lostListeners.delete(sessionKey);
            if (original) forgetToken(original);
            failed = true;
            janus.destroy(d);
          },
          renewToken: (token) => {
            if (original && token) rememberToken(original, token); // a session made without a token cannot gain one
          },
        };
      },
    };
    return lib;
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
