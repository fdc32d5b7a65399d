package dev.tribune.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** API.md "Conventions": the web client at /, its own routes falling back to index.html, nothing else. */
class WebClientFallbackTest extends ApiTest {

    private String page(String path) {
        return client.get().uri(path).header(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .returnResult(String.class).getResponseBody();
    }

    @Test
    void aRoomLinkOpensTheClient() {
        String index = page("/");
        assertThat(index).contains("<script");
        assertThat(page("/rooms/01a20215-4a57-7bfc-9b50-32252fe180d7")).isEqualTo(index);
        assertThat(page("/signin")).isEqualTo(index);
    }

    @Test
    void theApiAndMissingFilesNeverFallBack() {
        Session someone = register("fallback");
        client.get().uri("/api/v1/no-such-thing").header(HttpHeaders.ACCEPT, "text/html")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + someone.accessToken()).exchange()
                .expectStatus().isNotFound();
        client.get().uri("/assets/no-such-file.js").header(HttpHeaders.ACCEPT, "*/*").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/rooms/x").header(HttpHeaders.ACCEPT, "application/json").exchange()
                .expectStatus().isNotFound();
    }

    /** The push service worker must come from the site's root (its scope is the whole client) as JavaScript. */
    @Test
    void thePushServiceWorkerIsServedAsJavaScriptFromTheRoot() {
        String worker = client.get().uri("/push-sw.js").header(HttpHeaders.ACCEPT, "*/*").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(new MediaType("text", "javascript"))
                .returnResult(String.class).getResponseBody();
        assertThat(worker).contains("addEventListener('push'").contains("notificationclick");
    }
}
