package dev.tribune.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The push service worker in real Chromium (issue 17): a web push as FCM delivers it (Chromium's DevTools protocol hands
 * it to the worker, as the browser's push service would) is shown as a notification about its room, tagged with the
 * notice id, so the same notice pushed twice (a send repeated after a crash) is one notification on the device.
 */
class PushWorkerBrowserTest extends BrowserTest {

    private static String push(String noticeId, String title, String url) {
        return """
                {"notification":{"title":"%s","body":"Come and listen."},
                 "data":{"noticeId":"%s","kind":"ROOM_LIVE","url":"%s","roomId":"r1"},
                 "fcmOptions":{"link":"%s"}}""".formatted(title, noticeId, url, url);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPushIsShownAsANotificationAboutItsRoomAndTheSameNoticeTwiceIsShownOnce() throws Exception {
        BrowserContext person = newPerson();
        person.grantPermissions(List.of("notifications"), new BrowserContext.GrantPermissionsOptions().setOrigin(origin()));
        Page page = person.newPage();
        CDPSession devtools = person.newCDPSession(page);
        CompletableFuture<String> registrationId = new CompletableFuture<>();
        devtools.on("ServiceWorker.workerRegistrationUpdated", event -> {
            for (var registration : event.getAsJsonArray("registrations")) {
                JsonObject r = registration.getAsJsonObject();
                if (r.get("scopeURL").getAsString().equals(origin() + "/") && !r.get("isDeleted").getAsBoolean()) {
                    registrationId.complete(r.get("registrationId").getAsString());
                }
            }
        });
        devtools.send("ServiceWorker.enable");
        page.navigate(origin() + "/");
        page.evaluate("async () => { await navigator.serviceWorker.register('/push-sw.js'); await navigator.serviceWorker.ready; }");
        String registration = registrationId.get(30, TimeUnit.SECONDS);

        String room = origin() + "/rooms/01a20215-4a57-7bfc-9b50-32252fe180d7";
        for (int delivery = 0; delivery < 2; delivery++) {
            JsonObject message = new JsonObject();
            message.addProperty("origin", origin());
            message.addProperty("registrationId", registration);
            message.addProperty("data", push("notice-1", "Night owls is live", room));
            devtools.send("ServiceWorker.deliverPushMessage", message);
        }
        JsonObject other = new JsonObject();
        other.addProperty("origin", origin());
        other.addProperty("registrationId", registration);
        other.addProperty("data", push("notice-2", "Dana is speaking in Night owls", room));
        devtools.send("ServiceWorker.deliverPushMessage", other);

        String shown = """
                async () => (await (await navigator.serviceWorker.ready).getNotifications())
                    .map(n => ({title: n.title, body: n.body, tag: n.tag, url: n.data && n.data.url}))""";
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> ((List<?>) page.evaluate(shown)).size() == 2);
        List<Map<String, Object>> notifications = (List<Map<String, Object>>) page.evaluate(shown);
        assertThat(notifications).extracting(n -> n.get("tag")).containsExactlyInAnyOrder("notice-1", "notice-2");
        assertThat(notifications).filteredOn(n -> "notice-1".equals(n.get("tag"))).singleElement()
                .satisfies(n -> assertThat(n).containsEntry("title", "Night owls is live")
                        .containsEntry("body", "Come and listen.").containsEntry("url", room));
    }
}
