package io.netrules.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting on tasks run in parallel (node evaluation, node collection, probes). */
public final class Parallel {
    private Parallel() {
    }

    /**
     * The results of every task, in their order. A task's RuntimeException comes out as it was
     * thrown, any other failure as an IllegalStateException (a bug: the tasks report problems
     * as results); an interrupt keeps the thread's interrupt flag and ends the wait.
     */
    public static <T> List<T> all(List<? extends Future<? extends T>> futures) {
        List<T> out = new ArrayList<>(futures.size());
        for (Future<? extends T> f : futures) {
            out.add(get(f));
        }
        return out;
    }

    /** The result of one task (see {@link #all}). */
    public static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }
}
