package dev.tribune.notifications;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * For the push benchmark (ops/bench/push), which runs the service in its own JVM: tells a club's people that its room
 * went live, as the producer of that notice does, through the package-private {@link NoticeService}.
 */
public final class BenchTrigger {

    private BenchTrigger() {
    }

    public static void clubWentLive(ApplicationContext service, String broadcastKey, UUID clubId, UUID hostId, Map<String, Object> data) {
        NoticeService notices = service.getBean(NoticeService.class);
        service.getBean(TransactionTemplate.class).executeWithoutResult(tx -> notices.tellAudience(broadcastKey, NoticeKind.ROOM_LIVE,
                data, new NoticeAudience.ClubPeople(clubId, Set.of(hostId))));
    }
}
