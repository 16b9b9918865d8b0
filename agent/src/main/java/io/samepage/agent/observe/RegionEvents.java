package io.samepage.agent.observe;

import io.samepage.agent.log.Log;
import io.samepage.agent.registry.Region;
import io.samepage.agent.registry.RegionListener;
import io.samepage.jfr.RegionFreedEvent;
import io.samepage.jfr.RegionRegisteredEvent;
import io.samepage.jfr.SamepageEvents;

/**
 * Registration and free events, committed on the thread that allocated or freed, so the registration event's
 * stack trace is the allocation stack.
 */
public final class RegionEvents implements RegionListener {

    private final AgentCounters counters;
    /** Event types are registered on first use: a type first registered mid-stream reads back null strings. */
    private volatile boolean typesRegistered;

    /** @param counters totals to keep */
    public RegionEvents(AgentCounters counters) {
        this.counters = counters;
    }

    @Override
    public void registered(Region r) {
        if (!typesRegistered) {
            typesRegistered = true;
            SamepageEvents.registerAll();
        }
        counters.registered(r.markedEnd() - r.markedStart(), r.notMergeableReason(), r.length());
        RegionRegisteredEvent.commit(r.id(), r.address(), r.length(), r.source().eventName(), r.mergeable(),
                r.notMergeableReason(), r.allocationSite());
        if (Log.debugEnabled()) {
            Log.debug("registered " + r + (r.mergeable() ? ", marked mergeable" : ", not mergeable: "
                    + r.notMergeableReason()));
        }
    }

    @Override
    public void freed(Region r) {
        counters.freed(r.markedEnd() - r.markedStart(), r.notMergeableReason(), r.length());
        RegionFreedEvent.commit(r.id(), r.address(), r.length(), r.source().eventName(), r.allocationSite(),
                System.nanoTime() - r.registeredNanos(), r.mergedBytes());
        if (Log.debugEnabled()) {
            Log.debug("freed " + r);
        }
    }
}
