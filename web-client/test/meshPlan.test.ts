import { describe, expect, it } from 'vitest';
import type { StageRole } from '../src/api/types';
import { MeshPlan, READY_RETRY_MS } from '../src/media/mesh/meshPlan';

const SENDONLY = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=sendonly\r\n';
const SENDRECV = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=sendrecv\r\n';

const panel = (entries: Record<string, StageRole>) => new Map(Object.entries(entries));
const STAGE = { host: 'HOST', mod: 'MODERATOR', sam: 'SPEAKER' } as const;

describe('mesh negotiation', () => {
  it('a listener joining asks every panel member for audio, and takes no microphone', () => {
    const plan = new MeshPlan('me');
    expect(plan.join('AUDIENCE', panel({ ...STAGE, me: 'AUDIENCE' }), 0)).toEqual([
      { do: 'ready', to: 'host' },
      { do: 'ready', to: 'mod' },
      { do: 'ready', to: 'sam' },
    ]);
    expect(plan.mayPublish).toBe(false);
  });

  it('a speaker joining takes the microphone and asks the other speakers (never itself)', () => {
    const plan = new MeshPlan('sam');
    expect(plan.join('SPEAKER', panel(STAGE), 0)).toEqual([
      { do: 'start-mic' },
      { do: 'ready', to: 'host' },
      { do: 'ready', to: 'mod' },
    ]);
  });

  it('a speaker offers to whoever says ready, once the microphone is open', () => {
    const plan = new MeshPlan('sam');
    plan.join('SPEAKER', panel(STAGE), 0);
    expect(plan.readyFrom('listener-1')).toEqual([]); // the microphone is still opening
    expect(plan.readyFrom('host')).toEqual([]);
    expect(plan.micReady()).toEqual([
      { do: 'offer', to: 'listener-1' },
      { do: 'offer', to: 'host' },
    ]);
    expect(plan.readyFrom('listener-2')).toEqual([{ do: 'offer', to: 'listener-2' }]);
    expect(plan.readyFrom('listener-2')).toEqual([{ do: 'offer', to: 'listener-2' }]); // asked again: a fresh offer
  });

  it('a listener never offers: ready is remembered and served if it is promoted', () => {
    const plan = new MeshPlan('me');
    plan.join('AUDIENCE', panel(STAGE), 0);
    expect(plan.readyFrom('host')).toEqual([]);
    const promoted = plan.stageChanged('SPEAKER', panel({ ...STAGE, me: 'SPEAKER' }), 1000);
    expect(promoted).toEqual([{ do: 'start-mic' }]);
    expect(plan.micReady()).toEqual([{ do: 'offer', to: 'host' }]);
  });

  it('when someone becomes a speaker, everyone asks them for audio', () => {
    const plan = new MeshPlan('me');
    plan.join('AUDIENCE', panel(STAGE), 0);
    expect(plan.stageChanged('AUDIENCE', panel({ ...STAGE, newbie: 'SPEAKER' }), 100)).toEqual([{ do: 'ready', to: 'newbie' }]);
    expect(plan.expectedSpeakers()).toContain('newbie');
  });

  it('does not ask again while an offer is awaited, but does after the retry time', () => {
    const plan = new MeshPlan('me');
    plan.join('AUDIENCE', panel({ host: 'HOST' }), 0);
    expect(plan.resumed(1000)).toEqual([]);
    expect(plan.resumed(READY_RETRY_MS + 1)).toEqual([{ do: 'ready', to: 'host' }]);
  });

  it('accepts offers only from the panel, and only sendonly audio', () => {
    const plan = new MeshPlan('me');
    plan.join('AUDIENCE', panel({ ...STAGE, listener: 'AUDIENCE' }), 0);
    expect(plan.acceptsOffer('listener', SENDONLY)).toBe(false);
    expect(plan.acceptsOffer('stranger', SENDONLY)).toBe(false);
    expect(plan.acceptsOffer('host', SENDRECV)).toBe(false);
    expect(plan.acceptsOffer('host', SENDONLY)).toBe(true);
    expect(plan.hasInbound('host')).toBe(true);
    expect(plan.expectedSpeakers()).toEqual(['host']);
  });

  it('after a reconnect asks only the speakers it has no audio from', () => {
    const plan = new MeshPlan('me');
    plan.join('AUDIENCE', panel(STAGE), 0);
    plan.acceptsOffer('host', SENDONLY);
    expect(plan.resumed(60_000)).toEqual([
      { do: 'ready', to: 'mod' },
      { do: 'ready', to: 'sam' },
    ]);
  });

  it('a demoted speaker’s audio is dropped, but it keeps hearing mine', () => {
    const plan = new MeshPlan('host');
    plan.join('HOST', panel(STAGE), 0);
    plan.micReady();
    plan.readyFrom('sam');
    plan.acceptsOffer('sam', SENDONLY);
    const actions = plan.stageChanged('HOST', panel({ host: 'HOST', mod: 'MODERATOR' }), 100);
    expect(actions).toEqual([{ do: 'close-inbound', from: 'sam', bye: false }]);
    expect(plan.audience).toContain('sam');
  });

  it('when I am demoted, my microphone and all my outbound connections go', () => {
    const plan = new MeshPlan('sam');
    plan.join('SPEAKER', panel(STAGE), 0);
    plan.micReady();
    plan.readyFrom('host');
    plan.readyFrom('listener');
    const actions = plan.stageChanged('AUDIENCE', panel({ host: 'HOST', mod: 'MODERATOR', sam: 'AUDIENCE' }), 100);
    expect(actions).toEqual([
      { do: 'close-outbound', to: 'host', bye: true },
      { do: 'close-outbound', to: 'listener', bye: true },
      { do: 'stop-mic' },
    ]);
    expect(plan.readyFrom('listener')).toEqual([]); // no offers from the audience
  });

  it('someone leaving the room: both connections go', () => {
    const plan = new MeshPlan('sam');
    plan.join('SPEAKER', panel(STAGE), 0);
    plan.micReady();
    plan.readyFrom('host');
    plan.acceptsOffer('host', SENDONLY);
    expect(plan.left('host')).toEqual([
      { do: 'close-inbound', from: 'host', bye: false },
      { do: 'close-outbound', to: 'host', bye: false },
    ]);
  });

  it('a panel member joining again: the old connection is dead, ask afresh', () => {
    const plan = new MeshPlan('me');
    plan.join('AUDIENCE', panel(STAGE), 0);
    plan.acceptsOffer('host', SENDONLY);
    expect(plan.arrived('host', 10)).toEqual([
      { do: 'close-inbound', from: 'host', bye: false },
      { do: 'ready', to: 'host' },
    ]);
    expect(plan.arrived('someone-in-the-audience', 10)).toEqual([]);
  });

  it('recovery drops the connection (telling the speaker) and asks for a new offer', () => {
    const plan = new MeshPlan('me');
    plan.join('AUDIENCE', panel(STAGE), 0);
    plan.acceptsOffer('mod', SENDONLY);
    expect(plan.recover('mod', 1)).toEqual([
      { do: 'close-inbound', from: 'mod', bye: true },
      { do: 'ready', to: 'mod' },
    ]);
  });

  it('forcePublish opens the microphone and offers to everyone known, whatever the role', () => {
    const plan = new MeshPlan('me');
    plan.join('AUDIENCE', panel(STAGE), 0);
    expect(plan.forcePublish(['host', 'mod', 'sam', 'me', 'listener'])).toEqual([{ do: 'start-mic' }]);
    expect(plan.micReady()).toEqual(['host', 'mod', 'sam', 'listener'].map((to) => ({ do: 'offer', to })));
  });
});
