package io.samepage.agent.it;

import java.util.ArrayList;
import java.util.List;

/**
 * Child program for heap mode: starts with a small heap, grows it through GCs by holding ~160 MiB of arrays,
 * prints {@code grown}, waits for a sampler tick, prints {@code ready}, then holds until stdin closes.
 */
public final class HeapGrower {

    private static final List<long[]> HELD = new ArrayList<>();

    private HeapGrower() {
    }

    /** @param args sampler wait in ms */
    public static void main(String[] args) throws Exception {
        for (int i = 0; i < 160; i++) {
            HELD.add(new long[(1 << 20) / 8]);
        }
        System.gc();
        System.out.println("grown " + Runtime.getRuntime().totalMemory());
        Thread.sleep(Long.parseLong(args[0]));
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold until the test closes stdin
        }
        System.out.println("held " + HELD.size());
    }
}
