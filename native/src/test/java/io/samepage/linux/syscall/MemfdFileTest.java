package io.samepage.linux.syscall;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.samepage.linux.Errno;
import io.samepage.linux.Linux;
import io.samepage.linux.Page;
import io.samepage.linux.SyscallException;
import io.samepage.linux.proc.Mapping;
import io.samepage.linux.proc.ProcStatus;
import io.samepage.linux.proc.Smaps;
import io.samepage.linux.testing.KernelFeatures;
import io.samepage.linux.testing.MappedPages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** memfd_create, ftruncate, fallocate, pread/pwrite, lseek, fstat and close on a real memfd. */
class MemfdFileTest {

    private static final int PAGES = 4;

    private int fd = -1;

    @BeforeEach
    void createMemfd() {
        KernelFeatures.assume(Linux.isAvailable(), "Linux with JNA");
        fd = Memfd.create("samepage-test", Memfd.MFD_CLOEXEC);
    }

    @AfterEach
    void closeMemfd() {
        if (fd >= 0) {
            Unistd.close(fd);
        }
    }

    @Test
    void memfdIsAnEmptyShmemFile() throws Exception {
        assertTrue(fd >= 0);
        Path link = Path.of("/proc/self/fd/" + fd);
        assertEquals("/memfd:samepage-test (deleted)", Files.readSymbolicLink(link).toString());
        assertEquals(0, Stat.sizeBytes(fd));
        assertEquals(0, Stat.allocatedBytes(fd));
    }

    @Test
    void ftruncateSizesWithoutAllocatingAndFallocateAllocates() {
        long size = (long) PAGES * Page.BYTES;
        Unistd.ftruncate(fd, size);
        assertEquals(size, Stat.sizeBytes(fd));
        assertEquals(0, Stat.allocatedBytes(fd));

        Fcntl.fallocate(fd, Fcntl.FALLOC_FL_KEEP_SIZE, Page.BYTES, 2L * Page.BYTES);
        assertEquals(size, Stat.sizeBytes(fd));
        assertEquals(2L * Page.BYTES, Stat.allocatedBytes(fd));

        Fcntl.fallocate(fd, Fcntl.FALLOC_FL_ALLOCATE, size, Page.BYTES);
        assertEquals(size + Page.BYTES, Stat.sizeBytes(fd));
        assertEquals(3L * Page.BYTES, Stat.allocatedBytes(fd));
    }

    @Test
    void punchHoleZeroesThePageSeenThroughASharedMapping() {
        long size = (long) PAGES * Page.BYTES;
        try (Memory canon = new Memory(size)) {
            canon.setMemory(0, size, (byte) 0x5a);
            assertEquals(size, Unistd.pwrite(fd, Pointer.nativeValue(canon), size, 0));
        }
        assertEquals(size, Stat.allocatedBytes(fd));
        long address = Mman.mmap(0, size, Mman.PROT_READ, Mman.MAP_SHARED, fd, 0);
        try (MappedPages view = MappedPages.adopt(address, PAGES)) {
            Pointer memory = new Pointer(view.address());
            assertEquals(0x5a, memory.getByte(2L * Page.BYTES + 17));

            Fcntl.fallocate(fd, Fcntl.FALLOC_FL_PUNCH_HOLE | Fcntl.FALLOC_FL_KEEP_SIZE, 2L * Page.BYTES, Page.BYTES);

            assertEquals(size - Page.BYTES, Stat.allocatedBytes(fd));
            assertEquals(2L * Page.BYTES, Unistd.lseek(fd, 0, Unistd.SEEK_HOLE));
            assertEquals(3L * Page.BYTES, Unistd.lseek(fd, 2L * Page.BYTES, Unistd.SEEK_DATA));

            // Read only now: a read fault on a shmem hole through a shared mapping allocates a zero page.
            byte[] punched = memory.getByteArray(2L * Page.BYTES, Page.BYTES);
            for (byte b : punched) {
                assertEquals(0, b);
            }
            assertEquals(0x5a, memory.getByte(Page.BYTES));

            Mapping mapping = Smaps.find(Smaps.readSelf(), view.address()).orElseThrow();
            assertTrue(mapping.shared());
            assertEquals("/memfd:samepage-test (deleted)", mapping.path());
        }
    }

    @Test
    void preadReadsWhatPwriteWrote() {
        try (Memory out = new Memory(8); Memory in = new Memory(8)) {
            out.setLong(0, 0x0123456789abcdefL);
            assertEquals(8, Unistd.pwrite(fd, Pointer.nativeValue(out), 8, 4096 + 8));
            assertEquals(8, Unistd.pread(fd, Pointer.nativeValue(in), 8, 4096 + 8));
            assertEquals(0x0123456789abcdefL, in.getLong(0));
            assertEquals(0, Unistd.pread(fd, Pointer.nativeValue(in), 8, 1 << 20));
        }
    }

    @Test
    void readAndWriteMoveTheFilePosition() {
        try (Memory out = new Memory(16); Memory in = new Memory(16)) {
            out.setLong(0, 1111);
            out.setLong(8, 2222);
            assertEquals(16, Unistd.write(fd, Pointer.nativeValue(out), 16));
            assertEquals(16, Unistd.lseek(fd, 0, Unistd.SEEK_CUR));
            assertEquals(0, Unistd.read(fd, Pointer.nativeValue(in), 16), "at end of file");
            assertEquals(8, Unistd.lseek(fd, 8, Unistd.SEEK_SET));
            assertEquals(8, Unistd.read(fd, Pointer.nativeValue(in), 16));
            assertEquals(2222, in.getLong(0));
            assertEquals(16, Unistd.lseek(fd, 0, Unistd.SEEK_END));
        }
    }

    @Test
    void errorsNameTheCall() {
        SyscallException punch = assertThrows(SyscallException.class,
                () -> Fcntl.fallocate(fd, Fcntl.FALLOC_FL_PUNCH_HOLE, 0, Page.BYTES));
        assertEquals("fallocate(" + fd + ", FALLOC_FL_PUNCH_HOLE, 0, " + Page.BYTES + ")", punch.call());

        SyscallException open = assertThrows(SyscallException.class,
                () -> Fcntl.open("/nonexistent/samepage", Fcntl.O_RDONLY | Fcntl.O_CLOEXEC));
        assertEquals(Errno.ENOENT, open.errno());
        assertEquals("open(\"/nonexistent/samepage\", O_CLOEXEC): ENOENT (No such file or directory)",
                open.getMessage());

        SyscallException badFlags = assertThrows(SyscallException.class, () -> Memfd.create("x", 0x1000));
        assertEquals("memfd_create(\"x\", 0x1000)", badFlags.call());
        assertEquals(Errno.EINVAL, badFlags.errno());
    }

    @Test
    void closingTwiceIsEbadf() {
        int other = Memfd.create("samepage-close", Memfd.MFD_CLOEXEC | Memfd.MFD_ALLOW_SEALING);
        Unistd.close(other);
        SyscallException e = assertThrows(SyscallException.class, () -> Unistd.close(other));
        assertEquals("close(" + other + "): EBADF (Bad file descriptor)", e.getMessage());
    }

    @Test
    void identityCalls() {
        assertEquals(ProcessHandle.current().pid(), Unistd.getpid());
        String effectiveUid = ProcStatus.readSelf().fields().get("Uid").split("\\s+")[1];
        assertEquals(Integer.parseInt(effectiveUid), Unistd.geteuid());
        assertEquals("MFD_CLOEXEC|MFD_ALLOW_SEALING", Memfd.flagNames(Memfd.MFD_CLOEXEC | Memfd.MFD_ALLOW_SEALING));
    }
}
