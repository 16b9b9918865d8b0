package io.samepage.agent.kernel;

import io.samepage.agent.log.Log;
import io.samepage.agent.registry.Region;
import io.samepage.linux.Page;
import io.samepage.linux.SyscallException;
import io.samepage.linux.syscall.Mman;

import java.util.Optional;

/**
 * Marks a region {@code MADV_MERGEABLE}, or records the single reason it will not merge.
 *
 * <p>The range is rounded outward to whole pages: KSM is transparent (a merged page reads and writes exactly as
 * before), so marking the partial first and last pages a buffer shares with its malloc header is harmless, while
 * rounding inward would lose a page at each end of every region.
 */
public final class KernelMarker {

    private final String ksmUnavailable;
    private final boolean processScope;
    private final MappingBudget budget;
    private final ExcludedSites excluded;

    /**
     * @param ksmUnavailable why KSM cannot be used here, or {@code null} when it can
     * @param processScope   whether {@code PR_SET_MEMORY_MERGE} already covers every mapping of the process
     * @param budget         the mapping budget guard
     * @param excluded       allocation sites never marked (option {@code exclude})
     */
    KernelMarker(String ksmUnavailable, boolean processScope, MappingBudget budget, ExcludedSites excluded) {
        this.ksmUnavailable = ksmUnavailable;
        this.processScope = processScope;
        this.budget = budget;
        this.excluded = excluded;
    }

    /**
     * Marks or refuses. Runs on the allocating thread before the region is published, while nothing else can
     * free its memory.
     *
     * @param region a region not yet published
     */
    public void mark(Region region) {
        if (!region.source().privateMemory()) {
            region.refuse("shared mapping: KSM merges only private anonymous memory (map the file PRIVATE)");
            return;
        }
        if (ksmUnavailable != null) {
            region.refuse("KSM unavailable: " + ksmUnavailable);
            return;
        }
        long start = Page.alignDown(region.address());
        long end = Page.alignUp(region.end());
        if (processScope) {
            // PR_SET_MEMORY_MERGE made every mapping mergeable already; exclusions apply to scope=region.
            region.marked(start, end);
            return;
        }
        Optional<String> exclusion = excluded.matching(region.allocationSite());
        if (exclusion.isPresent()) {
            region.refuse("excluded: allocation site matches option exclude=" + exclusion.get());
            return;
        }
        if (!budget.admit(MappingBudget.MAPPINGS_PER_MARK)) {
            region.refuse(budget.exhaustedReason());
            return;
        }
        try {
            Mman.madvise(start, end - start, Mman.MADV_MERGEABLE);
            region.marked(start, end);
        } catch (SyscallException e) {
            region.refuse("madvise failed: " + e.getMessage());
            if (Log.debugEnabled()) {
                Log.debug("not marking " + region + ": " + e.getMessage());
            }
        }
    }

    /** @return the mapping guard's current count, for diagnostics */
    public int mappingsInUse() {
        return budget.mappingsInUse();
    }
}
