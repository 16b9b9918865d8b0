package io.samepage.agent.track;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Reads address and size out of the JDK's {@code FileChannelImpl$Unmapper}. Its fields {@code address} (the
 * page-aligned mapping base) and {@code size} (the mapped length) are the same on JDK 17 and 25. Needs
 * {@code sun.nio.ch} opened to samepage, which the agent does with {@code Instrumentation.redefineModule}.
 */
final class UnmapperAccess {

    static final String UNMAPPER = "sun.nio.ch.FileChannelImpl$Unmapper";

    private final VarHandle address;
    private final VarHandle size;

    private UnmapperAccess(VarHandle address, VarHandle size) {
        this.address = address;
        this.size = size;
    }

    /** @return access to the fields @throws ReflectiveOperationException when the JDK's layout differs */
    static UnmapperAccess create() throws ReflectiveOperationException {
        Class<?> unmapper = Class.forName(UNMAPPER, false, null);
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(unmapper, MethodHandles.lookup());
        return new UnmapperAccess(lookup.findVarHandle(unmapper, "address", long.class),
                lookup.findVarHandle(unmapper, "size", long.class));
    }

    long address(Object unmapper) {
        return (long) address.getVolatile(unmapper);
    }

    long size(Object unmapper) {
        return (long) size.get(unmapper);
    }
}
