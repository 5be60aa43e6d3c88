package io.netrules.live;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting on the tasks live mode runs in parallel (the API lists, the node collections). */
final class Futures {
    private Futures() {
    }

    /**
     * The results of every task, in their order. A task's IOException comes out as it was thrown
     * (its message is the one line the user sees); an interrupt becomes an IOException too.
     */
    static <T> List<T> all(List<Future<T>> futures) throws IOException {
        List<T> out = new ArrayList<>(futures.size());
        try {
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }
}
