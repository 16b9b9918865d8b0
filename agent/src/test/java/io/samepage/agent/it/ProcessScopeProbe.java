package io.samepage.agent.it;

import io.samepage.linux.ksm.KsmProcessStat;
import io.samepage.linux.proc.Mapping;
import io.samepage.linux.proc.Smaps;

import java.util.List;

/** Child program: prints whether this process merges "any" memory and how many of its mappings carry mg. */
public final class ProcessScopeProbe {

    private ProcessScopeProbe() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        System.out.println("mergeAny=" + KsmProcessStat.readSelf().map(KsmProcessStat::mergeAny).orElse(false));
        List<Mapping> maps = Smaps.readSelf();
        long anon = maps.stream().filter(m -> m.path().isEmpty() && m.perms().startsWith("rw") && !m.shared()).count();
        long anonMergeable = maps.stream().filter(m -> m.path().isEmpty() && m.perms().startsWith("rw") && !m.shared())
                .filter(Mapping::mergeable).count();
        System.out.println("anonymousMappings=" + anon);
        System.out.println("anonymousMergeable=" + anonMergeable);
    }
}
