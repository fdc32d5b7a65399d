// Makes the SDP samples in this folder: run in a Chromium page that may use a (fake) microphone, e.g. with
// page.evaluate on the harness's /e2e/probe.html; each entry of the result is written to <name>.sdp.
// Pairs of RTCPeerConnections in one page, so nothing but SDP is exchanged.
async () => {
  const out = {};
  const mic = () => navigator.mediaDevices.getUserMedia({audio: true}).then(s => s.getAudioTracks()[0]);
  const addTrack = async pc => { const t = await mic(); pc.addTrack(t, new MediaStream([t])); };
  const pair = () => [new RTCPeerConnection({iceServers: []}), new RTCPeerConnection({iceServers: []})];
  const exchange = async (offerer, answerer, name) => {
    const offer = await offerer.createOffer();
    if (name) out[name + '-offer'] = offer.sdp;
    await offerer.setLocalDescription(offer);
    await answerer.setRemoteDescription(offer);
    const answer = await answerer.createAnswer();
    if (name) out[name + '-answer'] = answer.sdp;
    await answerer.setLocalDescription(answer);
    await offerer.setRemoteDescription(answer);
  };
  // 1. a speaker sends to a listener: sendonly offer, recvonly answer
  {
    const [speaker, listener] = pair();
    speaker.addTransceiver(await mic(), {direction: 'sendonly'});
    await exchange(speaker, listener, 'speaker-to-listener');
    // 2. the listener, promoted, adds its microphone on a new transceiver and renegotiates: recvonly + sendonly
    listener.addTransceiver(await mic(), {direction: 'sendonly'});
    await exchange(listener, speaker, 'promoted-adds-transceiver');
  }
  {
    const [speaker, listener] = pair();
    speaker.addTransceiver(await mic(), {direction: 'sendonly'});
    await exchange(speaker, listener, null);
    // 3. the listener, promoted, calls addTrack: Chromium reuses the receiving transceiver, one m-line sendrecv
    await addTrack(listener);
    await exchange(listener, speaker, 'promoted-adds-track');
  }
  {
    // 4. two speakers, the plain addTrack way: sendrecv both ends
    const [a, b] = pair();
    await addTrack(a);
    await addTrack(b);
    await exchange(a, b, 'speakers-sendrecv');
  }
  {
    // 5. a sendrecv offer to a listener: it answers recvonly when it only listens, sendrecv when it adds a microphone
    const [host, listener] = pair();
    await addTrack(host);
    await exchange(host, listener, 'sendrecv-to-listening');
    const [host2, sneaky] = pair();
    await addTrack(host2);
    const offer = await host2.createOffer();
    await host2.setLocalDescription(offer);
    await sneaky.setRemoteDescription(offer);
    await addTrack(sneaky);
    out['sendrecv-to-sending-answer'] = (await sneaky.createAnswer()).sdp;
  }
  {
    // 6. a host offers recvonly (asks to receive); the listener answers sendonly with its microphone
    const [host, sneaky] = pair();
    host.addTransceiver('audio', {direction: 'recvonly'});
    const offer = await host.createOffer();
    out['recvonly-offer'] = offer.sdp;
    await host.setLocalDescription(offer);
    await sneaky.setRemoteDescription(offer);
    const u = await mic();
    sneaky.getTransceivers()[0].sender.replaceTrack(u);
    sneaky.getTransceivers()[0].direction = 'sendonly';
    out['recvonly-offer-sendonly-answer'] = (await sneaky.createAnswer()).sdp;
  }
  {
    // 7. a data channel beside audio, and a stopped transceiver (port 0)
    const [a, b] = pair();
    a.addTransceiver(await mic(), {direction: 'sendonly'});
    a.createDataChannel('x');
    await exchange(a, b, 'audio-and-data');
    const [c, d] = pair();
    const tr = c.addTransceiver(await mic(), {direction: 'sendonly'});
    const tr2 = c.addTransceiver(await mic(), {direction: 'sendonly'});
    await exchange(c, d, null);
    tr2.stop();
    await exchange(c, d, 'one-stopped');
  }
  return out;
}
