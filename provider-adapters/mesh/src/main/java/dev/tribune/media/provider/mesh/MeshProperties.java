package dev.tribune.media.provider.mesh;

import dev.tribune.media.spi.ProviderLimits.RoomCaps;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Mesh room caps. Each speaker's browser sends one audio stream per other participant, so upload grows with
 * speakers x participants: a room past these caps belongs on an SFU.
 *
 * @param maxSpeakers     HOST, MODERATORs and SPEAKERs together
 * @param maxParticipants everyone in the room, speakers included
 */
@Validated
@ConfigurationProperties("tribune.rtc.mesh")
record MeshProperties(
        @Min(1) @Max(50) @DefaultValue("8") int maxSpeakers,
        @Min(2) @Max(500) @DefaultValue("40") int maxParticipants) implements RoomCaps {
}
