package dev.catalyst.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CpuPoolTest {
    private static <T> T onVirtualThread(CpuPool.Task<T, Exception> task) throws Exception {
        var result = new CompletableFuture<T>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(task.run());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    @Test
    void workFromAVirtualThreadRunsOnAPlatformThreadOfThePool() throws Exception {
        try (var pool = new CpuPool(2, "test-cpu")) {
            Thread worker = onVirtualThread(() -> pool.call(Thread::currentThread));
            assertThat(worker.isVirtual()).isFalse();
            assertThat(worker.getName()).startsWith("test-cpu-");
            assertThat(worker.isDaemon()).isTrue();
        }
    }

    @Test
    void nestedWorkRunsInPlaceSoAOneThreadPoolNeverWaitsOnItself() throws Exception {
        try (var pool = new CpuPool(1, "test-cpu")) {
            var threads = onVirtualThread(() -> pool.call(() -> new Thread[] {Thread.currentThread(), pool.call(Thread::currentThread)}));
            assertThat(threads[1]).isSameAs(threads[0]);
        }
    }

    @Test
    void anInlinePoolRunsOnTheCaller() throws Exception {
        var pool = CpuPool.inline();
        Thread caller = Thread.currentThread();
        assertThat(pool.call(Thread::currentThread)).isSameAs(caller);
        pool.close();
    }

    @Test
    void exceptionsReachTheCallerAsThemselves() {
        try (var pool = new CpuPool(1, "test-cpu")) {
            assertThatThrownBy(() -> pool.call(() -> {
                throw new IOException("checked");
            })).isExactlyInstanceOf(IOException.class).hasMessage("checked");
            assertThatThrownBy(() -> pool.call(() -> {
                throw new IllegalStateException("unchecked");
            })).isExactlyInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> pool.call(() -> {
                throw new AssertionError("error");
            })).isExactlyInstanceOf(AssertionError.class);
        }
    }

    @Test
    void anInterruptWhileWaitingKeepsTheResultAndTheInterrupt() throws Exception {
        try (var pool = new CpuPool(1, "test-cpu")) {
            var running = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            var interruptedAfter = new AtomicBoolean();
            var result = new CompletableFuture<String>();
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    String r = pool.call(() -> {
                        running.countDown();
                        release.await();
                        return "done";
                    });
                    interruptedAfter.set(Thread.currentThread().isInterrupted());
                    result.complete(r);
                } catch (InterruptedException e) {
                    result.completeExceptionally(e);
                }
            });
            assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
            caller.interrupt();
            release.countDown();
            assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("done");
            caller.join();
            assertThat(interruptedAfter).isTrue();
        }
    }

    @Test
    void neverMoreWorkAtOnceThanThreads() throws Exception {
        try (var pool = new CpuPool(2, "test-cpu")) {
            var now = new AtomicInteger();
            var most = new AtomicInteger();
            var callers = new ArrayList<CompletableFuture<Integer>>();
            for (int i = 0; i < 16; i++) {
                var f = new CompletableFuture<Integer>();
                Thread.ofVirtual().start(() -> f.complete(pool.call(() -> {
                    most.accumulateAndGet(now.incrementAndGet(), Math::max);
                    long spin = 0;
                    for (int k = 0; k < 200_000; k++) spin += k;
                    now.decrementAndGet();
                    return (int) (spin & 1);
                })));
                callers.add(f);
            }
            for (var f : callers) f.get(30, TimeUnit.SECONDS);
            assertThat(most.get()).isBetween(1, 2);
        }
    }

    @Test
    void aPoolNeedsAThread() {
        assertThatThrownBy(() -> new CpuPool(0, "x")).isInstanceOf(IllegalArgumentException.class);
        try (var pool = CpuPool.perCore("per-core")) {
            assertThat(pool).isNotNull();
        }
    }
}
