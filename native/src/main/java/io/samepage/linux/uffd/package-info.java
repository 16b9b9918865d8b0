/**
 * Whether this process can obtain a userfaultfd fit for race-free merging: one whose write-protection also
 * blocks kernel-mode writes (no {@code UFFD_USER_MODE_ONLY}). The fault-handling protocol itself is native
 * code; see linux-platform-notes.md §7&ndash;8.
 */
package io.samepage.linux.uffd;
