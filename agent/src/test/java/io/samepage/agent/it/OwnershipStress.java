package io.samepage.agent.it;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child program: 4 threads allocate and drop direct buffers of 0.5 to 3.5 MiB (owned by samepage) and 64 KiB
 * (malloc'd), checking each buffer's content, under a 64 MiB direct memory limit that forces the JDK's
 * GC-and-retry path; then checks that the limit still throws and the JDK's accounting is back where it started.
 */
public final class OwnershipStress {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 600;

    private OwnershipStress() {
    }

    /** @param args ignored */
    public static void main(String[] args) throws Exception {
        BufferPoolMXBean pool = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(p -> p.getName().equals("direct")).findFirst().orElseThrow();
        // Baseline after samepage's first sample (1 s): registering its MXBean starts the platform MBean
        // server, which keeps one 8 KiB temporary direct buffer on that thread, as it would for any JMX user.
        Thread.sleep(1_500);
        settle(pool, -1);
        long countBefore = pool.getCount();
        long usedBefore = pool.getMemoryUsed();
        AtomicLong corrupted = new AtomicLong();
        AtomicLong allocations = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (int i = 0; i < PER_THREAD; i++) {
                    int size = rnd.nextInt(4) == 0 ? 64 << 10 : (512 << 10) + rnd.nextInt(3 << 20);
                    ByteBuffer b = ByteBuffer.allocateDirect(size);
                    byte v = (byte) rnd.nextInt();
                    b.put(0, v).put(size - 1, v);
                    if (b.get(0) != v || b.get(size - 1) != v || b.get(size / 2) != 0) {
                        corrupted.incrementAndGet();
                    }
                    allocations.incrementAndGet();
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        boolean limitEnforced = false;
        try {
            List<ByteBuffer> hold = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                hold.add(ByteBuffer.allocateDirect(4 << 20));
            }
        } catch (OutOfMemoryError expected) {
            limitEnforced = expected.getMessage().contains("direct buffer memory");
        }
        settle(pool, countBefore);
        System.out.println("allocations=" + allocations.get());
        System.out.println("corrupted=" + corrupted.get());
        System.out.println("limit.enforced=" + limitEnforced);
        System.out.println("pool.count.before=" + countBefore);
        System.out.println("pool.count.after=" + pool.getCount());
        System.out.println("pool.used.before=" + usedBefore);
        System.out.println("pool.used.after=" + pool.getMemoryUsed());
    }

    /** GCs until the pool's buffer count reaches the target (or stops falling), so freed buffers are released. */
    private static void settle(BufferPoolMXBean pool, long target) throws InterruptedException {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 50 && pool.getCount() != target; i++) {
            System.gc();
            Thread.sleep(50);
            if (target < 0 && pool.getCount() == last) {
                return;
            }
            last = pool.getCount();
        }
    }
}
