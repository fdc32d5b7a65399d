package dev.tribune.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A join storm, as the person in the line sees it (issue 16): one join runs at a time here and nobody waits inside the
 * service, so while someone else's join is held up in the database, the page says "Joining… you are number 1" with
 * Cancel, and once the line moves it joins by itself.
 */
@TestPropertySource(properties = {"tribune.rooms.joins.in-flight=1", "tribune.rooms.joins.max-queue=0",
        // the join held up below waits on the table lock this test takes
        "tribune.db.lock-timeout=60s"})
class JoinQueueBrowserTest extends BrowserTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @Test
    void whileTheLineIsLongThePageSaysWhereWeStandAndThenJoinsByItself() throws Exception {
        Session host = register("queuehost");
        Session listener = register("queued");
        String roomId = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "A full house"), 201).get("id");
        RoomPage page = roomPage(listener, roomId);

        CompletableFuture<HttpResponse<String>> ahead;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE participants, room_events IN EXCLUSIVE MODE");
            }
            // someone else's join takes the one place that runs, and is held up inside the database
            ahead = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                            + "/api/v1/rooms/" + roomId + "/join")).header("Authorization", bearer(guest()))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> meters.get("tribune.joins.running").gauge().value() == 1);

            page.page.getByTestId("join").click();
            Locator position = page.page.getByTestId("join-queue-position");
            PlaywrightAssertions.assertThat(position).hasText("Joining… you are number 1");
            PlaywrightAssertions.assertThat(page.page.getByTestId("join-queue-cancel")).isVisible();
            Screenshots.save(page.page, "room-join-queue");
            Accessibility.assertNoSeriousViolations(page.page, "the room page while its join waits in line");
            holder.rollback();
        }
        assertThat(ahead.get().statusCode()).isEqualTo(200);

        // the line moves: the page comes back after Retry-After with its place and is let in
        page.page.waitForFunction("() => window.__tribune && window.__tribune.me && window.__tribune.me.role",
                null, new Page.WaitForFunctionOptions().setTimeout(30_000));
        PlaywrightAssertions.assertThat(page.page.getByTestId("join-queue-position")).hasText("");
        PlaywrightAssertions.assertThat(page.page.getByTestId("join-queue-cancel")).isHidden();
    }
}
