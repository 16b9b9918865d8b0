package io.samepage.linux.syscall;

import com.sun.jna.Pointer;
import io.samepage.linux.Errno;
import io.samepage.linux.Linux;
import io.samepage.linux.Page;
import io.samepage.linux.SyscallException;
import io.samepage.linux.testing.KernelFeatures;
import io.samepage.linux.testing.MappedPages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UioTest {

    @BeforeEach
    void linux() {
        KernelFeatures.assume(Linux.isAvailable(), "Linux with JNA");
    }

    @Test
    void readsOwnMemory() {
        try (MappedPages source = MappedPages.anonymous(1); MappedPages target = MappedPages.anonymous(1)) {
            byte[] written = new byte[Page.BYTES];
            for (int i = 0; i < written.length; i++) {
                written[i] = (byte) (i * 31);
            }
            new Pointer(source.address()).write(0, written, 0, written.length);

            long read = Uio.processVmReadv(Unistd.getpid(), target.address(), source.address(), Page.BYTES);

            assertEquals(Page.BYTES, read);
            assertArrayEquals(written, new Pointer(target.address()).getByteArray(0, Page.BYTES));
        }
    }

    /** The scanner's safety net: memory freed under it reads as EFAULT, not as a SIGSEGV that kills the JVM. */
    @Test
    void unmappedSourceIsEfaultAndTheJvmSurvives() {
        try (MappedPages target = MappedPages.anonymous(1)) {
            long freed;
            // Mapped after the target, so that the kernel cannot hand the freed range back to it.
            try (MappedPages source = MappedPages.anonymous(1)) {
                freed = source.address();
                new Pointer(freed).setLong(0, 1);
            }
            int pid = Unistd.getpid();
            SyscallException e = assertThrows(SyscallException.class,
                    () -> Uio.processVmReadv(pid, target.address(), freed, Page.BYTES));
            assertEquals(Errno.EFAULT, e.errno());
            assertEquals("process_vm_readv(" + pid + ", [{0x" + Long.toHexString(target.address()) + ", " + Page.BYTES
                    + "}], 1, [{0x" + Long.toHexString(freed) + ", " + Page.BYTES + "}], 1, 0)", e.call());
            // Still alive, and the same thread's next call works.
            new Pointer(target.address()).setLong(8, 99);
            assertEquals(8, Uio.processVmReadv(pid, target.address(), target.address() + 8, 8));
            assertEquals(99, new Pointer(target.address()).getLong(0));
        }
    }

    @Test
    void readEndingInAnUnmappedPageIsPartial() {
        try (MappedPages source = MappedPages.anonymous(2); MappedPages target = MappedPages.anonymous(2)) {
            Mman.munmap(source.page(1), Page.BYTES);
            long read = Uio.processVmReadv(Unistd.getpid(), target.address(), source.address(), 2L * Page.BYTES);
            assertEquals(Page.BYTES, read);
        }
    }

    @Test
    void concurrentThreadsUseTheirOwnIovecs() throws Exception {
        try (MappedPages pages = MappedPages.anonymous(4)) {
            Pointer memory = new Pointer(pages.address());
            memory.setLong(0, 111);
            memory.setLong(Page.BYTES, 222);
            int pid = Unistd.getpid();
            Thread[] threads = new Thread[2];
            boolean[] ok = new boolean[2];
            for (int t = 0; t < 2; t++) {
                int index = t;
                threads[t] = new Thread(() -> {
                    long from = pages.page(index);
                    long to = pages.page(2 + index);
                    boolean good = true;
                    for (int i = 0; i < 2000 && good; i++) {
                        Uio.processVmReadv(pid, to, from, 8);
                        good = new Pointer(to).getLong(0) == (index == 0 ? 111 : 222);
                    }
                    ok[index] = good;
                });
                threads[t].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertTrue(ok[0] && ok[1]);
        }
    }
}
