package dev.tribune.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The outbox: a push is neither lost nor doubled, whatever dies when, and however many dispatchers run. */
class PushOutboxTest extends PushTest {

    @Autowired
    PushOutbox outbox;

    @Autowired
    PushDispatcher dispatcher;

    @Autowired
    Clock clock;

    @Test
    void aDispatcherThatDiesAfterClaimingLosesNothing() {
        Session listener = register("crash");
        String token = device(listener);
        String key = "crash:" + UUID.randomUUID();
        // the notice commits with its outbox row, which a dispatcher claims at once and then dies holding
        Instant claimedUntil = transactions.execute(tx -> {
            notices.tell(listener.userId(), NoticeKind.SPEAKER_INVITE, Map.of("roomId", UUID.randomUUID().toString(), "roomName", "Stage"), key);
            Instant now = clock.instant();
            Instant until = now.plus(Duration.ofSeconds(2));
            assertThat(outbox.claim(500, now, until)).extracting(PushOutbox.Claimed::userId).contains(listener.userId());
            return until;
        });
        UUID noticeId = jdbc.sql("SELECT id FROM notices WHERE dedupe_key = ?").param(key).query(UUID.class).single();

        waitUntil(() -> !queued(noticeId));
        List<LoggedRequest> sends = sendsTo(token);
        assertThat(sends).as("sent once, by another dispatcher, when the dead one's claim ran out").hasSize(1);
        assertThat(sends.getFirst().getLoggedDate().toInstant()).isAfterOrEqualTo(claimedUntil.minusMillis(50));
    }

    @Test
    void aSendWhoseAnswerIsLostIsSentAgainUnderTheSameTagSoTheDeviceShowsItOnce() {
        Session listener = register("lost");
        String token = device(listener);
        // FCM takes the message but its answer never arrives in time (the service's timeout is 3 s)
        GOOGLE.stubFor(post(urlEqualTo(SEND_PATH)).atPriority(1).inScenario("lost-" + token).whenScenarioStateIs(STARTED)
                .withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))
                .willReturn(okJson("{\"name\": \"projects/" + PROJECT + "/messages/late\"}").withFixedDelay(4000))
                .willSetStateTo("answering"));

        UUID noticeId = tell(listener.userId(), NoticeKind.ROOM_LIVE, Map.of("roomId", UUID.randomUUID().toString(), "roomName", "Again"));

        waitUntil(() -> !queued(noticeId) && sendsTo(token).size() >= 2);
        List<LoggedRequest> sends = sendsTo(token);
        assertThat(sends).hasSize(2);
        assertThat(sends).extracting(s -> JSON.readTree(s.getBodyAsString()).path("message").path("webpush").path("notification")
                .path("tag").asString()).containsOnly(noticeId.toString());
    }

    @Test
    void dispatchersRunningAtOnceSendEachDeviceItsNoticeOnce() throws Exception {
        Map<UUID, String> people = peopleWithDevices(2000);
        String key = "race:" + UUID.randomUUID();
        transactions.executeWithoutResult(tx -> people.keySet().forEach(userId ->
                notices.tell(userId, NoticeKind.ROOM_LIVE, Map.of("roomId", UUID.randomUUID().toString(), "roomName", "Race"), key)));

        // the four background workers race four more dispatchers called here
        ExecutorService racers = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> passes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                passes.add(() -> {
                    int claimed = 0;
                    for (int n; (n = dispatcher.dispatchOnce()) > 0; ) {
                        claimed += n;
                    }
                    return claimed;
                });
            }
            for (Future<Integer> pass : racers.invokeAll(passes)) {
                pass.get();
            }
        } finally {
            racers.shutdownNow();
        }

        waitUntil(() -> jdbc.sql("SELECT count(*) FROM push_outbox o JOIN notices n ON n.id = o.notice_id WHERE n.dedupe_key = ?")
                .param(key).query(Long.class).single() == 0);
        Map<String, Long> sends = sendsByToken();
        assertThat(people.values()).allSatisfy(token -> assertThat(sends.get(token)).as(() -> token + " " + sendsTo(token).stream()
                .map(r -> r.getLoggedDate().toInstant().toString()).toList()).isEqualTo(1L));
    }
}
