package io.samepage.agent.it;

import io.samepage.linux.proc.Mapping;
import io.samepage.linux.proc.Smaps;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Child program run with the agent: exercises the registry through the {@code io.samepage:type=Agent} MXBean
 * and prints {@code key=value} facts the test asserts on.
 */
public final class RegistryProbe {

    private static final long TIMEOUT_MILLIS = 20_000;
    private static long bigAddress;

    private RegistryProbe() {
    }

    /** @param args ignored */
    public static void main(String[] args) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName agent = new ObjectName("io.samepage:type=Agent");
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (!server.isRegistered(agent) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        fact("mxbean", server.isRegistered(agent));
        long baseRegions = (Long) server.getAttribute(agent, "RegionsRegistered");

        ByteBuffer small = ByteBuffer.allocateDirect(64 << 10);
        small.put(0, (byte) 1);
        fact("afterSmall.regionsRegistered", (Long) server.getAttribute(agent, "RegionsRegistered") - baseRegions);
        fact("small.mergeable", mergeable(small));

        allocateAndDrop(server, agent, baseRegions);
        long freedDeadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while ((Integer) server.getAttribute(agent, "LiveRegions") > 0
                && System.currentTimeMillis() < freedDeadline) {
            System.gc();
            Thread.sleep(50);
        }
        fact("afterFree.liveRegions", server.getAttribute(agent, "LiveRegions"));
        // The released mapping is kept for reuse until a sample finds the cache idle (two intervals).
        long unmapDeadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (Smaps.find(Smaps.readSelf(), bigAddress).isPresent() && System.currentTimeMillis() < unmapDeadline) {
            Thread.sleep(50);
        }
        fact("afterFree.stillMapped", Smaps.find(Smaps.readSelf(), bigAddress).isPresent());
        fact("afterFree.regionsFreed", server.getAttribute(agent, "RegionsFreed"));
        fact("afterFree.registeredBytes", server.getAttribute(agent, "RegisteredBytes"));
        @SuppressWarnings("unchecked")
        Map<String, Long> reasons = (Map<String, Long>) server.getAttribute(agent, "NotMergeableBytesByReason");
        fact("reasons", reasons);
        java.lang.ref.Reference.reachabilityFence(small);
    }

    /** Allocation in its own frame so no local keeps the buffer reachable afterwards. */
    private static void allocateAndDrop(MBeanServer server, ObjectName agent, long baseRegions) throws Exception {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(p -> p.getName().equals("direct")).findFirst().orElseThrow();
        long usedBefore = direct.getMemoryUsed();
        ByteBuffer big = ByteBuffer.allocateDirect(4 << 20);
        big.put(0, (byte) 1);
        big.put((4 << 20) - 1, (byte) 2);
        long address = Pointer.nativeValue(Native.getDirectBufferPointer(big));
        bigAddress = address;
        fact("big.pageAligned", address % 4096 == 0);
        fact("big.poolBytes", direct.getMemoryUsed() - usedBefore);
        fact("big.ownMapping", Smaps.find(Smaps.readSelf(), address)
                .map(m -> m.start() == address && m.size() == 4 << 20).orElse(false));
        fact("afterBig.regionsRegistered", (Long) server.getAttribute(agent, "RegionsRegistered") - baseRegions);
        fact("afterBig.liveRegions", server.getAttribute(agent, "LiveRegions"));
        fact("afterBig.registeredBytes", server.getAttribute(agent, "RegisteredBytes"));
        fact("afterBig.markedBytes", server.getAttribute(agent, "MarkedBytes"));
        fact("big.mergeable", mergeable(big));
    }

    private static boolean mergeable(ByteBuffer buffer) {
        long address = Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
        return Smaps.find(Smaps.readSelf(), address).map(Mapping::mergeable).orElse(false);
    }

    private static void fact(String key, Object value) {
        System.out.println(key + "=" + value);
        System.out.flush();
    }
}
