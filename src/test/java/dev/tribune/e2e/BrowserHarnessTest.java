package dev.tribune.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.tribune.ApiTest;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The harness itself, proven before any product page relies on it: Chromium runs inside the test's own network
 * namespace, reaches the service at the veth address, has a microphone, and offers ICE candidates only on the test
 * network, never on this machine's own addresses.
 */
class BrowserHarnessTest extends ApiTest {

    private static final Pattern ADDRESS = Pattern.compile("candidate:\\S+ \\d+ \\S+ \\d+ (\\S+) ");

    @Test
    void chromiumInTheTestNetworkHearsItsFakeMicrophoneAndSeesOnlyThatNetwork() throws Exception {
        E2e.need(TestNetwork.unavailableBecause() == null, String.valueOf(TestNetwork.unavailableBecause()));
        try (TestNetwork network = TestNetwork.create()) {
            String origin = "http://" + network.hostAddress() + ":" + port;
            try (Chromium chromium = Chromium.launch(network, origin)) {
                BrowserContext person = chromium.newPerson();
                Page page = person.newPage();
                page.navigate(origin + "/e2e/probe.html");
                @SuppressWarnings("unchecked")
                Map<String, Object> result = (Map<String, Object>) page.evaluate("() => window.probe()");

                Set<String> addresses = ((List<?>) result.get("candidates")).stream().map(String::valueOf)
                        .map(ADDRESS::matcher).filter(Matcher::find).map(m -> m.group(1)).collect(Collectors.toSet());
                assertThat(addresses).isNotEmpty().isSubsetOf(network.guestAddress(), "127.0.0.1");
                assertThat(addresses).doesNotContainAnyElementsOf(machineAddresses());
                assertThat(((Number) result.get("bytes")).longValue()).as("audio bytes received").isGreaterThan(1000);
                assertThat(((Number) result.get("level")).doubleValue()).as("audio level of the fake microphone").isGreaterThan(0);
            }
        }
    }

    /** This machine's own addresses outside the test network (eth0 and the like). */
    private static Set<String> machineAddresses() throws Exception {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(i -> !i.getName().startsWith("te"))
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress())
                .map(a -> a.getHostAddress().replaceAll("%.*", ""))
                .collect(Collectors.toSet());
    }
}
