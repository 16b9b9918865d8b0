/**
 * The memory cgroup of a process: where container memory limits are enforced, and where samepage's savings
 * (and the kernel memory its VMAs cost) show up.
 */
package io.samepage.linux.cgroup;
