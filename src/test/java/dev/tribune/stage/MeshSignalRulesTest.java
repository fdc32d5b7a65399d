package dev.tribune.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the mesh relay lets each role offer and answer, as a table over SDP that Chromium wrote
 * (src/test/resources/sdp/chromium) and over RFC 3264 / 8843 cases Chromium does not write: the people on the stage
 * negotiate as WebRTC does, renegotiations included; the AUDIENCE never offers and never answers with anything that
 * sends.
 */
class MeshSignalRulesTest {

    @ParameterizedTest(name = "{1} sends {0} ({2}): {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # sample                          | role      | offer or answer | outcome
            # a speaker calls a listener: sendonly, and the listener's recvonly answer
            speaker-to-listener-offer         | HOST      | offer           | relayed
            speaker-to-listener-offer         | SPEAKER   | offer           | relayed
            speaker-to-listener-answer        | AUDIENCE  | answer          | relayed
            # promoted, the listener adds its microphone on the connection it has: recvonly + sendonly ...
            promoted-adds-transceiver-offer   | SPEAKER   | offer           | relayed
            promoted-adds-transceiver-answer  | HOST      | answer          | relayed
            promoted-adds-transceiver-offer   | AUDIENCE  | offer           | refused
            # ... or addTrack turns its one receiving section sendrecv
            promoted-adds-track-offer         | SPEAKER   | offer           | relayed
            promoted-adds-track-answer        | MODERATOR | answer          | relayed
            promoted-adds-track-offer         | AUDIENCE  | offer           | refused
            # two speakers both ways
            speakers-sendrecv-offer           | SPEAKER   | offer           | relayed
            speakers-sendrecv-answer          | SPEAKER   | answer          | relayed
            # a sendrecv offer to a listener: fine while the listener only listens
            sendrecv-to-listening-offer       | HOST      | offer           | relayed
            sendrecv-to-listening-answer      | AUDIENCE  | answer          | relayed
            sendrecv-to-sending-answer        | AUDIENCE  | answer          | refused
            sendrecv-to-sending-answer        | SPEAKER   | answer          | relayed
            # an offer that only asks to receive, answered with a microphone
            recvonly-offer                    | HOST      | offer           | relayed
            recvonly-offer-sendonly-answer    | AUDIENCE  | answer          | refused
            recvonly-offer-sendonly-answer    | SPEAKER   | answer          | relayed
            # the AUDIENCE offers nothing, not even to receive
            recvonly-offer                    | AUDIENCE  | offer           | refused
            speaker-to-listener-offer         | AUDIENCE  | offer           | refused
            # a stopped transceiver (port 0) is no media; a data channel is, and a listener's would send
            one-stopped-offer                 | SPEAKER   | offer           | relayed
            one-stopped-answer                | AUDIENCE  | answer          | relayed
            audio-and-data-offer              | HOST      | offer           | refused
            audio-and-data-answer             | AUDIENCE  | answer          | refused
            """)
    void chromiumSamples(String sample, StageRole role, String type, String outcome) throws IOException {
        assertThat(judge(role, type, chromium(sample))).isEqualTo(outcome);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                                    | session   | section                    | AUDIENCE's answer
            no direction anywhere is sendrecv (RFC 3264 5.1)          |           | m=audio 9                  | refused
            the session's direction applies to a section without one  | recvonly  | m=audio 9                  | relayed
            the session's sendonly applies too                        | sendonly  | m=audio 9                  | refused
            the section's own direction wins over the session's       | sendrecv  | m=audio 9,a=inactive       | relayed
            the section's own sending beats a receiving session       | recvonly  | m=audio 9,a=sendonly       | refused
            port 0 rejects the section                                |           | m=audio 0,a=sendonly       | relayed
            port 0 with bundle-only is bundled not rejected (RFC 8843)|           | m=audio 0,a=bundle-only,a=sendonly | refused
            a direction spelt otherwise is ignored as Chromium does   |           | m=audio 9,a=RecvOnly       | refused
            two directions in one section: it sends if either does    |           | m=audio 9,a=recvonly,a=sendrecv | refused
            video that sends is sending too                           |           | m=audio 9,a=recvonly,m=video 9,a=sendonly | refused
            """)
    void directionsOfAnAudienceAnswer(String rule, String sessionDirection, String sectionLines, String outcome) {
        StringBuilder sdp = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        if (sessionDirection != null) {
            sdp.append("a=").append(sessionDirection).append("\r\n");
        }
        for (String line : sectionLines.split(",")) {
            sdp.append(line.startsWith("m=") ? line + " UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0" : line).append("\r\n");
        }
        assertThat(judge(StageRole.AUDIENCE, "answer", sdp.toString())).as(rule).isEqualTo(outcome);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # what a speaker may offer      | sections                          | outcome
            audio in any direction          | m=audio 9,a=sendrecv              | relayed
            only to receive                 | m=audio 9,a=recvonly              | relayed
            video                           | m=video 9,a=sendonly              | refused
            video rejected beside audio     | m=audio 9,a=sendonly,m=video 0    | relayed
            no media at all                 | a=sendonly                        | refused
            """)
    void whatASpeakerMayOffer(String rule, String sectionLines, String outcome) {
        StringBuilder sdp = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        for (String line : sectionLines.split(",")) {
            sdp.append(line.startsWith("m=") ? line + " UDP/TLS/RTP/SAVPF 111" : line).append("\r\n");
        }
        assertThat(judge(StageRole.SPEAKER, "offer", sdp.toString())).as(rule).isEqualTo(outcome);
    }

    @ParameterizedTest(name = "{0} section(s) in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2 | promoted-adds-transceiver-offer | recvonly,sendonly
            2 | promoted-adds-transceiver-answer | sendonly,recvonly
            2 | one-stopped-offer                | sendonly,inactive
            """)
    void chromiumSectionsAreReadInOrder(int count, String sample, String directions) throws IOException {
        List<SdpAudio.Section> sections = SdpAudio.sections(chromium(sample));
        assertThat(sections).hasSize(count);
        assertThat(sections.stream().map(s -> String.join("+", s.directions())).toList()).containsExactly(directions.split(","));
    }

    private static String judge(StageRole role, String type, String sdp) {
        var refusal = "offer".equals(type) ? MeshSignalRules.offer(role, sdp) : MeshSignalRules.answer(role, sdp);
        return refusal.isPresent() ? "refused" : "relayed";
    }

    private static String chromium(String sample) throws IOException {
        try (InputStream in = MeshSignalRulesTest.class.getResourceAsStream("/sdp/chromium/" + sample + ".sdp")) {
            assertThat(in).as(sample).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
