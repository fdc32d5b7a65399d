package dev.tribune.chat;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param perUserPermits messages one person may send in a room per {@code perUserWindow}
 * @param perRoomPermits messages a whole room may carry per {@code perRoomWindow}
 */
@Validated
@ConfigurationProperties("tribune.chat")
record ChatProperties(
        @Min(1) @DefaultValue("5") int perUserPermits,
        @NotNull @DefaultValue("10s") Duration perUserWindow,
        @Min(1) @DefaultValue("50") int perRoomPermits,
        @NotNull @DefaultValue("1s") Duration perRoomWindow) {
}
