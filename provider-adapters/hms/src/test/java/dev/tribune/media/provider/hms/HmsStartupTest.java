package dev.tribune.media.provider.hms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tribune.media.ProvidersAtStartup;
import dev.tribune.shared.StartupMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The service checks 100ms at start-up, through the probe every provider has: a template or credentials that cannot
 * work stop it with a message naming what to fix; 100ms merely out of reach does not, and health says so.
 */
class HmsStartupTest {

    /** A fresh 100ms stand-in for each test. */
    @RegisterExtension
    static WireMockExtension hms = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static ApplicationContextRunner at(String baseUrl) {
        return ProvidersAtStartup.runner().withUserConfiguration(HmsConfiguration.class).withPropertyValues(
                "tribune.rtc.provider=hms",
                "tribune.rtc.hms.access-key=" + HmsFixtures.ACCESS_KEY,
                "tribune.rtc.hms.app-secret=" + HmsFixtures.APP_SECRET,
                "tribune.rtc.hms.template-id=" + HmsFixtures.TEMPLATE_ID,
                "tribune.rtc.hms.webhook-secret=" + HmsFixtures.WEBHOOK_SECRET,
                "tribune.rtc.hms.base-url=" + baseUrl,
                "tribune.rtc.hms.connect-timeout=1s",
                "tribune.rtc.hms.read-timeout=2s");
    }

    private static ApplicationContextRunner atWireMock() {
        return at(hms.baseUrl() + "/v2");
    }

    private static void template(String body) {
        hms.stubFor(get("/v2/templates/" + HmsFixtures.TEMPLATE_ID).willReturn(okJson(body)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> hmsDetails(Health health) {
        return (Map<String, Object>) ((Map<String, Object>) health.getDetails().get("providers")).get("hms");
    }

    @Test
    void aGoodTemplateStartsTheServiceAndHealthSays100msIsReachable() {
        template(HmsFixtures.goodTemplate());
        atWireMock().run(context -> {
            assertThat(context).hasNotFailed();
            Health health = ProvidersAtStartup.health(context).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(hmsDetails(health)).containsEntry("state", "reachable").containsEntry("reachable", true);
        });
    }

    @Test
    void aTemplateWithoutTheListenerRoleStopsStartUpNamingTheRole() {
        template(HmsFixtures.goodTemplate().replace("\"listener\"", "\"audience\""));
        atWireMock().run(context -> assertThat(StartupMessage.of(context.getStartupFailure()))
                .contains("An RTC provider refuses Tribune's configuration")
                .contains("hms: 100ms template " + HmsFixtures.TEMPLATE_ID + " has no role 'listener' (tribune.rtc.hms.listener-role)")
                .contains("Action: Fix what each line names"));
    }

    @Test
    void aTemplateWhoseListenerRoleMayPublishStopsStartUp() {
        template(HmsFixtures.template("[\"audio\"]", "[\"audio\", \"screen\"]"));
        atWireMock().run(context -> assertThat(StartupMessage.of(context.getStartupFailure()))
                .contains("hms: 100ms template " + HmsFixtures.TEMPLATE_ID + ": role 'listener' may publish [audio, screen]")
                .contains("the audience must not be heard"));
    }

    @Test
    void anUnknownTemplateStopsStartUpNamingTheSetting() {
        hms.stubFor(get("/v2/templates/" + HmsFixtures.TEMPLATE_ID).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":404,\"message\":\"template not found\"}")));
        atWireMock().run(context -> assertThat(StartupMessage.of(context.getStartupFailure()))
                .contains("hms: 100ms has no template " + HmsFixtures.TEMPLATE_ID + ": fix tribune.rtc.hms.template-id"));
    }

    @Test
    void aKey100msRefusesStopsStartUpNamingTheKeysAndNeverPrintingTheSecret() {
        hms.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":401,\"message\":\"Token validation error\",\"details\":[\"signature is invalid\"]}")));
        atWireMock().run(context -> assertThat(StartupMessage.of(context.getStartupFailure()))
                .contains("hms: 100ms refused the management token (401)")
                .contains("Token validation error")
                .contains("tribune.rtc.hms.access-key and tribune.rtc.hms.app-secret")
                .doesNotContain(HmsFixtures.APP_SECRET));
    }

    @Test
    void aForbiddenAnswerStopsStartUpToo() {
        hms.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":403,\"message\":\"forbidden\"}")));
        atWireMock().run(context -> assertThat(StartupMessage.of(context.getStartupFailure()))
                .contains("hms: 100ms says the management token may not GET /templates/" + HmsFixtures.TEMPLATE_ID + " (403)"));
    }

    @Test
    void nothingListeningDoesNotStopStartUpButHealthIsDownForTheDefaultProvider() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        at("http://127.0.0.1:" + closed + "/v2").run(context -> {
            assertThat(context).hasNotFailed();
            Health health = ProvidersAtStartup.health(context).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(hmsDetails(health)).containsEntry("state", "unreachable").containsEntry("reachable", false);
            assertThat((String) hmsDetails(health).get("reason")).contains("100ms could not be reached");
        });
    }

    @Test
    void aConnectionResetOrA5xxDoesNotStopStartUpEither() {
        hms.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        atWireMock().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(hmsDetails(ProvidersAtStartup.health(context).health())).containsEntry("state", "unreachable");
        });
        hms.resetAll();
        hms.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));
        atWireMock().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat((String) hmsDetails(ProvidersAtStartup.health(context).health()).get("reason")).contains("100ms answered 503");
        });
    }
}
