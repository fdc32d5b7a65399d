package dev.tribune.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class GroupedCallsTest {

    @Test
    void aLoneCallIsAGroupOfOne() {
        List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());
        var calls = new GroupedCalls<Integer, String>(10, group -> {
            groups.add(group);
            return group.stream().map(i -> "#" + i).toList();
        });
        assertThat(calls.call(7)).isEqualTo("#7");
        assertThat(groups).containsExactly(List.of(7));
    }

    @Test
    void callsThatComeTogetherRunInFewGroupsEachCallerGettingItsOwnResult() throws Exception {
        AtomicInteger groups = new AtomicInteger();
        CountDownLatch firstGroupStarted = new CountDownLatch(1);
        CountDownLatch everyoneQueued = new CountDownLatch(1);
        var calls = new GroupedCalls<Integer, Integer>(1_000, group -> {
            if (groups.incrementAndGet() == 1) {
                // hold the first group until the others have queued behind it, as a slow round trip would
                firstGroupStarted.countDown();
                await(everyoneQueued);
            }
            return group.stream().map(i -> i * 10).toList();
        });
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> first = threads.submit(() -> calls.call(0));
            firstGroupStarted.await();
            List<Future<Integer>> others = new ArrayList<>();
            for (int i = 1; i <= 200; i++) {
                int input = i;
                others.add(threads.submit(() -> calls.call(input)));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> calls.waiting() == 200);
            everyoneQueued.countDown();
            assertThat(first.get()).isZero();
            for (int i = 0; i < others.size(); i++) {
                assertThat(others.get(i).get()).isEqualTo((i + 1) * 10);
            }
        }
        // the first group, then the 200 that waited behind it in one
        assertThat(groups.get()).isEqualTo(2);
    }

    @Test
    void aGroupThatFailsFailsEachOfItsCallersAndTheNextGroupRunsAfresh() {
        AtomicInteger runs = new AtomicInteger();
        var calls = new GroupedCalls<String, String>(10, group -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("database away");
            }
            return group;
        });
        assertThatThrownBy(() -> calls.call("a")).isInstanceOf(IllegalStateException.class).hasMessage("database away");
        assertThat(calls.call("b")).isEqualTo("b");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
