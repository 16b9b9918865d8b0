package io.samepage.agent.registry;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegionRegistryTest {

    private final RegionRegistry registry = new RegionRegistry();
    private final List<String> seen = new ArrayList<>();

    RegionRegistryTest() {
        registry.addListener(new RegionListener() {
            @Override
            public void registered(Region region) {
                seen.add("+" + region.id());
            }

            @Override
            public void freed(Region region) {
                seen.add("-" + region.id());
            }
        });
    }

    private Region publish(long address, long length) {
        Region r = registry.create(address, length, RegionSource.ALLOCATE_DIRECT, "Test.site(Test.java:1)");
        registry.publish(r);
        return r;
    }

    @Test
    void freeOfTheRawBaseFindsTheRegionInsideIt() {
        // Page-aligned mode: the buffer starts up to a page after the base the Deallocator frees.
        Region r = publish(0x10000 + 4096, 1 << 20);
        assertTrue(registry.unregister(0x10000, (1 << 20) + 4096).isPresent());
        assertFalse(r.live());
        assertEquals(0, registry.size());
        assertEquals(0, registry.registeredBytes());
        assertEquals(List.of("+1", "-1"), seen);
    }

    @Test
    void aFreeOutsideEveryRegionChangesNothing() {
        publish(0x100000, 0x1000);
        assertTrue(registry.unregister(0x200000, 0x1000).isEmpty());
        assertTrue(registry.unregister(0x0, 0x1000).isEmpty());
        assertEquals(1, registry.size());
    }

    @Test
    void reusedForeignMemoryReplacesTheStaleEntry() {
        Region old = publish(0x100000, 0x1000);
        Region fresh = publish(0x100000, 0x2000);
        assertFalse(old.live());
        assertTrue(fresh.live());
        assertEquals(0x2000, registry.registeredBytes());
        assertEquals(fresh, registry.find(0x101000).orElseThrow());
    }

    @Test
    void workOnAFreedRegionIsRefused() {
        Region r = publish(0x100000, 0x1000);
        assertTrue(r.enter());
        r.exit();
        registry.unregister(r);
        assertFalse(r.enter());
    }
}
