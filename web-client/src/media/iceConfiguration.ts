import type { MediaGrant } from '../api/types';

/** The ICE part of an RTCConfiguration, as the grant's `connection` gives it (API.md `media`). */
export interface IceConfiguration {
  iceServers: RTCIceServer[];
  iceTransportPolicy: RTCIceTransportPolicy;
}

/**
 * Exactly the grant's ICE servers (no public STUN server is ever added) and its transport policy: `relay` when the
 * operator hides participants' addresses, so only TURN relay candidates are gathered; anything else means `all`.
 */
export function iceConfiguration(grant: MediaGrant | null | undefined): IceConfiguration {
  const connection = grant?.connection;
  return {
    iceServers: (connection?.iceServers ?? []).map((s) => ({ ...s }) as RTCIceServer),
    iceTransportPolicy: connection?.iceTransportPolicy === 'relay' ? 'relay' : 'all',
  };
}
