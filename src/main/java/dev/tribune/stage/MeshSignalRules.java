package dev.tribune.stage;

import java.util.List;
import java.util.Optional;

/**
 * Which offers and answers a role may send through the mesh relay (API.md {@code signal}). What keeps the stage is
 * that nobody in the AUDIENCE can make another browser receive their audio: they may not offer, and their answers
 * may not send. The people on the stage may negotiate as WebRTC does: a speaker's sendonly offer to a listener, a
 * promoted listener adding its microphone to the connection it already has with the host (a recvonly section and a
 * sendonly one, or one section turned sendrecv by {@code addTrack}), the host's answer to that, sendrecv between
 * two speakers. Every direction is judged from the SDP's author, so an answer's own directions say whether its
 * author would send, whatever the offer asked for. Mesh rooms are audio rooms: an offer carries nothing else.
 */
final class MeshSignalRules {

    private MeshSignalRules() {
    }

    /** Empty when {@code role} may send this offer, or why not. */
    static Optional<String> offer(StageRole role, String sdp) {
        if (!role.canPublish()) {
            return Optional.of("Only the people on the stage may send audio: raise your hand.");
        }
        List<SdpAudio.Section> sections = SdpAudio.sections(sdp);
        if (sections.isEmpty() || sections.stream().anyMatch(s -> !"audio".equals(s.kind()) && !s.rejected())) {
            return Optional.of("An offer carries audio only.");
        }
        return Optional.empty();
    }

    /** Empty when {@code role} may send this answer, or why not. */
    static Optional<String> answer(StageRole role, String sdp) {
        List<SdpAudio.Section> sections = SdpAudio.sections(sdp);
        if (sections.isEmpty()) {
            return Optional.of("An answer needs an SDP with its media sections.");
        }
        if (!role.canPublish() && sections.stream().anyMatch(SdpAudio.Section::sends)) {
            return Optional.of("A listener's answer only receives: its audio must be recvonly or inactive.");
        }
        return Optional.empty();
    }
}
