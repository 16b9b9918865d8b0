package io.samepage.linux;

import io.samepage.linux.ksm.Ksm;
import io.samepage.linux.ksm.KsmKnob;
import io.samepage.linux.ksm.KsmSysfs;
import io.samepage.linux.proc.PageEntry;
import io.samepage.linux.proc.Pagemap;
import io.samepage.linux.proc.ProcStatus;
import io.samepage.linux.proc.Smaps;
import io.samepage.linux.syscall.Mman;
import io.samepage.linux.syscall.Unistd;
import io.samepage.linux.uffd.UffdSupport;
import io.samepage.linux.uffd.Userfaultfd;

import com.sun.jna.Pointer;

/**
 * Run by {@link UnprivilegedProcessTest} in a child JVM as user nobody: reports, one {@code key=value} per
 * line, what the native layer can do without privileges. Uses main classes and JNA only.
 */
public final class UnprivilegedProbe {

    private UnprivilegedProbe() {
    }

    /**
     * Prints the report.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        print("euid", Unistd.geteuid());
        print("capEff", ProcStatus.readSelf().fields().get("CapEff"));

        UffdSupport uffd = Userfaultfd.probe();
        print("uffd.available", uffd.available());
        print("uffd.blocksKernelWrites", uffd.blocksKernelWrites());
        print("uffd.reason", uffd.reason());

        print("ksm.available", Ksm.isAvailable());
        print("ksm.canControlKsmd", Ksm.canControlKsmd());
        KsmSysfs sysfs = KsmSysfs.system();
        String current = sysfs.setting(KsmKnob.SLEEP_MILLISECS).orElse("20");
        try {
            sysfs.write(KsmKnob.SLEEP_MILLISECS, current);
            print("ksm.write", "ok");
        } catch (SyscallException e) {
            print("ksm.write", e.getMessage());
        }

        long page = Mman.mapAnonymous(Page.BYTES);
        try {
            new Pointer(page).setLong(0, 1);
            Mman.madvise(page, Page.BYTES, Mman.MADV_MERGEABLE);
            print("madvise.mergeable", Smaps.find(Smaps.readSelf(), page).orElseThrow().mergeable());
            try (Pagemap pagemap = Pagemap.openSelf()) {
                PageEntry entry = pagemap.entry(page);
                print("pagemap.present", entry.present());
                print("pagemap.pfn", entry.pfn());
            }
        } finally {
            Mman.munmap(page, Page.BYTES);
        }
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}
