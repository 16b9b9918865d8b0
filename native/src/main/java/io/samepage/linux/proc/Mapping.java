package io.samepage.linux.proc;

import java.util.Set;

/**
 * One VMA as {@code /proc/<pid>/smaps} describes it: the header line of {@code maps}, the {@code VmFlags},
 * and the memory counters in bytes. A counter this kernel does not print is 0.
 *
 * @param start             first address
 * @param end               address just past the last byte
 * @param perms             {@code rwxp} or {@code rwxs} with dashes, e.g. {@code "rw-p"}
 * @param offset            offset into the mapped file, 0 for anonymous memory
 * @param device            {@code major:minor} of the file's device in hex, {@code "00:00"} for none
 * @param inode             the file's inode, 0 for anonymous memory
 * @param path              the file, a pseudo-path such as {@code [heap]}, {@code [anon:name]} or
 *                          {@code /memfd:canon (deleted)}, or empty for unnamed anonymous memory
 * @param vmFlags           the two-letter {@code VmFlags}, e.g. {@code mg} mergeable, {@code uw} uffd-wp
 *                          registered, {@code hg} huge-page advised; unmodifiable when parsed by {@link Smaps}
 * @param rssBytes          resident
 * @param pssBytes          proportional share: resident bytes divided by the number of mappers of each page
 * @param sharedCleanBytes  resident, mapped by others too, not dirty
 * @param sharedDirtyBytes  resident, mapped by others too, dirty
 * @param privateCleanBytes resident, mapped only here, not dirty
 * @param privateDirtyBytes resident, mapped only here, dirty
 * @param anonymousBytes    anonymous pages, including copy-on-write copies inside file mappings
 * @param ksmBytes          pages merged by KSM ({@code KSM:} line, Linux 6.x)
 * @param anonHugePagesBytes transparent huge pages
 * @param swapBytes         swapped out
 */
public record Mapping(long start, long end, String perms, long offset, String device, long inode, String path,
        Set<String> vmFlags, long rssBytes, long pssBytes, long sharedCleanBytes, long sharedDirtyBytes,
        long privateCleanBytes, long privateDirtyBytes, long anonymousBytes, long ksmBytes,
        long anonHugePagesBytes, long swapBytes) {

    /**
     * The length of the mapping.
     *
     * @return {@code end - start} in bytes
     */
    public long size() {
        return end - start;
    }

    /**
     * Whether KSM may merge this mapping's pages ({@code VmFlags} has {@code mg}), by {@code MADV_MERGEABLE}
     * or {@code PR_SET_MEMORY_MERGE}.
     *
     * @return true if marked mergeable
     */
    public boolean mergeable() {
        return vmFlags.contains("mg");
    }

    /**
     * Whether this is a shared mapping ({@code MAP_SHARED}, the fourth perms character is {@code s}).
     *
     * @return true if shared
     */
    public boolean shared() {
        return perms.length() > 3 && perms.charAt(3) == 's';
    }

    /**
     * Whether an address lies inside this mapping.
     *
     * @param address a byte address
     * @return {@code start <= address < end}, comparing unsigned
     */
    public boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
    }
}
