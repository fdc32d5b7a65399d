package dev.tribune.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rotating the access-token key across instances without signing anyone out (ops/README.md "Rotating secrets"):
 * while a rolling deployment runs, instances on either side of each step accept each other's tokens.
 */
class JwtKeyRotationTest {

    private static final String OLD = "o".repeat(40);
    private static final String NEW = "n".repeat(40);
    private static final AuthProperties PROPERTIES = new AuthProperties(null, List.of(), Duration.ofHours(1),
            Duration.ofDays(30), Duration.ofSeconds(10), new AuthProperties.Limit(20, Duration.ofMinutes(1)), Duration.ofSeconds(5));
    private static final UUID USER = UUID.randomUUID();

    private static AccessTokens signingWith(String key, String... accepted) {
        return new AccessTokens(bytes(key), Arrays.stream(accepted).map(JwtKeyRotationTest::bytes).toList(),
                Clock.systemUTC(), PROPERTIES);
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachStepOfARotationAcceptsTheTokensOfTheStepBeforeAndAfterIt() {
        AccessTokens before = signingWith(OLD);
        AccessTokens newKeyAccepted = signingWith(OLD, NEW);
        AccessTokens newKeySigns = signingWith(NEW, OLD);
        AccessTokens after = signingWith(NEW);

        List<AccessTokens> steps = List.of(before, newKeyAccepted, newKeySigns, after);
        for (int i = 0; i + 1 < steps.size(); i++) {
            AccessTokens earlier = steps.get(i);
            AccessTokens later = steps.get(i + 1);
            assertThat(later.verify(earlier.issue(USER, false).token())).as("step %d's token at step %d", i, i + 1)
                    .hasValueSatisfying(user -> assertThat(user.id()).isEqualTo(USER));
            assertThat(earlier.verify(later.issue(USER, true).token())).as("step %d's token at step %d", i + 1, i)
                    .hasValueSatisfying(user -> assertThat(user.guest()).isTrue());
        }
    }

    @Test
    void socketTicketsAndAppealTokensRotateWithTheKey() {
        AccessTokens signingOld = signingWith(OLD, NEW);
        AccessTokens signingNew = signingWith(NEW, OLD);

        assertThat(signingNew.verifySocketTicket(signingOld.issueSocketTicket(USER, false, Duration.ofSeconds(30)).ticket()))
                .hasValueSatisfying(ticket -> assertThat(ticket.userId()).isEqualTo(USER));
        assertThat(signingOld.verifyAppeal(signingNew.issueAppeal(USER).token())).isPresent();
    }

    @Test
    void aKeyNoLongerAcceptedSignsNobodyIn() {
        String issuedBefore = signingWith(OLD).issue(USER, false).token();

        assertThat(signingWith(NEW).verify(issuedBefore)).isEmpty();
        assertThat(signingWith(NEW, "s".repeat(40)).verify(issuedBefore)).isEmpty();
    }

    @Test
    void anAcceptedKeyNeverSigns() {
        String token = signingWith(NEW, OLD).issue(USER, false).token();

        assertThat(signingWith(NEW).verify(token)).isPresent();
        assertThat(signingWith(OLD).verify(token)).isEmpty();
    }
}
