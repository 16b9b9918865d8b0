package io.samepage.agent.registry;

/** Told about registrations and frees, on the thread that caused them. Must not throw or block. */
public interface RegionListener {

    /** @param region just registered (and marked or refused by the kernel path before this call) */
    void registered(Region region);

    /** @param region just unregistered; its memory is about to be freed and must not be touched */
    void freed(Region region);
}
