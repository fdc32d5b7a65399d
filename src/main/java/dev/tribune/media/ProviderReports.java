package dev.tribune.media;

import dev.tribune.media.spi.ProviderReport;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies what a vendor reported. Participant reports are published as events to the module that owns
 * participants (stage), handled synchronously in this same transaction; a room the vendor closed is forgotten here
 * so the next join makes a new one. Reports about rooms that are not on this provider are dropped: one vendor's
 * valid signature must not speak for another vendor's rooms.
 */
@Component
class ProviderReports {

    private final JdbcClient jdbc;
    private final ProviderRooms rooms;
    private final ApplicationEventPublisher publisher;

    ProviderReports(JdbcClient jdbc, ProviderRooms rooms, ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.rooms = rooms;
        this.publisher = publisher;
    }

    @Transactional
    void apply(String provider, List<ProviderReport> reports) {
        if (reports.isEmpty()) {
            return;
        }
        Set<UUID> mine = jdbc.sql("SELECT id FROM rooms WHERE provider = :provider AND id IN (:ids)")
                .param("provider", provider)
                .param("ids", reports.stream().map(ProviderReport::roomId).collect(Collectors.toSet()))
                .query(UUID.class).set();
        for (ProviderReport report : reports) {
            if (!mine.contains(report.roomId())) {
                continue;
            }
            if (report instanceof ProviderReport.RoomClosed closed) {
                rooms.closed(closed.roomId(), closed.at());
            }
            publisher.publishEvent(report);
        }
    }
}
