package io.samepage.agent.kernel;

import io.samepage.agent.log.Log;
import io.samepage.linux.SyscallException;
import io.samepage.linux.proc.Mapping;
import io.samepage.linux.proc.Smaps;
import io.samepage.linux.syscall.Mman;

import javax.management.MBeanServer;
import javax.management.NotificationEmitter;
import javax.management.ObjectName;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code heap=on}: keeps the committed parts of the Java heap marked {@code MADV_MERGEABLE}.
 *
 * <p>HotSpot commits and uncommits heap memory with {@code mmap(MAP_FIXED)}, which replaces the mapping and
 * drops its mergeable flag, so marking once is not enough: after every GC (the point where G1, Parallel and
 * Serial grow or shrink the heap) and on every sampler tick, the heap's {@code rw-p} mappings that lack
 * {@code mg} are marked again. The heap's reserved range comes from the {@code GC.heap_info} diagnostic command,
 * which prints it for G1, Parallel and Serial; ZGC and Shenandoah print no range and are refused with a reason.
 * Runs on samepage's own threads, never in premain, since it starts the platform MBean server.
 */
public final class HeapMarker {

    private static final Pattern RANGE =
            Pattern.compile("\\[0x([0-9a-f]+), 0x([0-9a-f]+)(?:, 0x([0-9a-f]+))?\\)");

    private final MappingBudget budget;
    private volatile long start;
    private volatile long end;
    private volatile String unavailable;

    HeapMarker(MappingBudget budget) {
        this.budget = budget;
    }

    /**
     * Finds the heap and subscribes to GC notifications.
     *
     * @return {@code true} when the heap range is known; otherwise {@link #unavailableReason()} says why
     */
    public boolean locate() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            String info = (String) server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcHeapInfo", new Object[] {null}, new String[] {String[].class.getName()});
            Optional<long[]> range = parseHeapRange(info);
            if (range.isEmpty()) {
                unavailable = "heap range unknown for this collector (" + gcNames()
                        + "): GC.heap_info prints no address range";
                return false;
            }
            start = range.get()[0];
            end = range.get()[1];
        } catch (Exception | LinkageError e) {
            unavailable = "GC.heap_info diagnostic command failed: " + e;
            return false;
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter) {
                ((NotificationEmitter) gc).addNotificationListener((n, handback) -> remark(), null, null);
            }
        }
        return true;
    }

    /**
     * @param heapInfo output of {@code GC.heap_info}
     * @return {start, end} of the reserved heap: the lowest and highest address of the generation or heap lines
     */
    static Optional<long[]> parseHeapRange(String heapInfo) {
        long lo = Long.MAX_VALUE;
        long hi = 0;
        for (String line : heapInfo.split("\n")) {
            if (line.trim().startsWith("Metaspace")) {
                break;
            }
            Matcher m = RANGE.matcher(line);
            if (m.find()) {
                lo = Math.min(lo, Long.parseUnsignedLong(m.group(1), 16));
                String last = m.group(3) != null ? m.group(3) : m.group(2);
                hi = Math.max(hi, Long.parseUnsignedLong(last, 16));
            }
        }
        return lo < hi ? Optional.of(new long[] {lo, hi}) : Optional.empty();
    }

    /** @return first byte of the reserved heap */
    public long heapStart() {
        return start;
    }

    /** @return one past the reserved heap */
    public long heapEnd() {
        return end;
    }

    /** @return why the heap cannot be marked, or {@code null} */
    public String unavailableReason() {
        return unavailable;
    }

    /**
     * Marks every committed heap mapping that lost (or never had) the mergeable flag.
     *
     * @return bytes newly marked
     */
    public long remark() {
        return remark(Smaps.readSelf());
    }

    /**
     * {@link #remark()} over mappings the caller already read (the sampler's tick reads smaps once for all).
     *
     * @param all this process's mappings, ordered by address
     * @return bytes newly marked
     */
    public synchronized long remark(List<Mapping> all) {
        if (start == 0) {
            return 0;
        }
        long marked = 0;
        List<Mapping> maps = Smaps.overlapping(all, start, end);
        for (Mapping m : maps) {
            if (m.mergeable() || !m.perms().startsWith("rw") || m.shared()) {
                continue;
            }
            long from = Math.max(m.start(), start);
            long to = Math.min(m.end(), end);
            if (!budget.admit(MappingBudget.MAPPINGS_PER_MARK)) {
                unavailable = budget.exhaustedReason();
                Log.problem("heap marking stopped: " + unavailable);
                return marked;
            }
            try {
                Mman.madvise(from, to - from, Mman.MADV_MERGEABLE);
                marked += to - from;
            } catch (SyscallException e) {
                // The heap can uncommit between the smaps read and the madvise: ENOMEM there is expected.
                if (Log.debugEnabled()) {
                    Log.debug("heap madvise: " + e.getMessage());
                }
            }
        }
        if (marked > 0 && Log.debugEnabled()) {
            Log.debug("heap: marked " + marked + " bytes mergeable");
        }
        return marked;
    }

    private static String gcNames() {
        StringBuilder s = new StringBuilder();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            s.append(s.length() == 0 ? "" : ", ").append(gc.getName());
        }
        return s.toString();
    }
}
