package io.samepage.demo.fleet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One JVM of the fleet: loads the shared reference data (once, or {@code --copies} times, as a service holding a
 * cache per tenant would) and its own private data into direct buffers, says
 * {@code ready}, and holds them until its stdin closes. Started by {@link FleetDemo}; not meant to be run by hand.
 */
@Command(name = "fleet-member", hidden = true, description = "One JVM of the fleet demo (started by 'fleet').")
public final class FleetMember implements Callable<Integer> {

    /** Seed of the reference data every member shares. */
    static final long REFERENCE_SEED = 42;

    @Option(names = "--mib", required = true, description = "Reference data in MiB.")
    private int mib;

    @Option(names = "--copies", defaultValue = "1", description = "Copies of the reference data.")
    private int copies;

    @Option(names = "--private-mib", defaultValue = "16", description = "Private data in MiB.")
    private int privateMib;

    @Option(names = "--member", required = true, description = "Member number, seeds the private data.")
    private int member;

    private static volatile List<ByteBuffer> reference;
    private static volatile List<ByteBuffer> own;

    @Override
    public Integer call() throws IOException {
        List<ByteBuffer> copiesHeld = new ArrayList<>();
        for (int c = 0; c < copies; c++) {
            copiesHeld.addAll(ReferenceData.allocate(mib, REFERENCE_SEED));
        }
        reference = copiesHeld;
        own = ReferenceData.allocate(privateMib, 1_000 + member);
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Hold the buffers until the demo closes our stdin (or dies, which closes it too).
        }
        System.out.println("member " + member + " done: " + reference.size() + "+" + own.size() + " buffers");
        return 0;
    }
}
