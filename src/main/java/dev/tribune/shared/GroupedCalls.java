package dev.tribune.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Runs many callers' small database calls as a few large ones when they come together. Whoever calls and finds no
 * group under way runs every call queued at that moment as one group (one round trip, one pooled connection), while
 * those arriving meanwhile wait for the next group; each caller returns only once its own call is done, with its own
 * result or the group's failure. Under low load a group is one call, so nothing waits that did not before. No thread
 * of its own; groups run one at a time, in arrival order.
 *
 * <p>For crowds: a thousand listeners arriving in a second would otherwise be a thousand round trips, each waiting for
 * one of the pool's few connections while the others hold them.
 *
 * @param <T> one caller's input
 * @param <R> one caller's result
 */
public final class GroupedCalls<T, R> {

    private record Call<T, R>(T input, CompletableFuture<R> done) {
    }

    private final Function<List<T>, List<R>> runGroup;
    private final int mostPerGroup;
    private final Queue<Call<T, R>> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock running = new ReentrantLock();

    /** @param runGroup runs a group's inputs, returning their results in the same order */
    public GroupedCalls(int mostPerGroup, Function<List<T>, List<R>> runGroup) {
        this.mostPerGroup = mostPerGroup;
        this.runGroup = runGroup;
    }

    /** Calls waiting for a group to take them (not those of the group running). */
    public int waiting() {
        return queued.size();
    }

    public R call(T input) {
        Call<T, R> call = new Call<>(input, new CompletableFuture<>());
        queued.add(call);
        while (!call.done().isDone()) {
            running.lock();
            try {
                if (!call.done().isDone()) {
                    runGroup();
                }
            } finally {
                running.unlock();
            }
        }
        try {
            return call.done().join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    private void runGroup() {
        List<Call<T, R>> group = new ArrayList<>();
        for (Call<T, R> next = queued.poll(); next != null; next = group.size() < mostPerGroup ? queued.poll() : null) {
            group.add(next);
        }
        try {
            List<R> results = runGroup.apply(group.stream().map(Call::input).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).done().complete(results.get(i));
            }
        } catch (RuntimeException e) {
            group.forEach(c -> c.done().completeExceptionally(e));
        }
    }
}
