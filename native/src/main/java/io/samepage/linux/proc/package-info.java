/**
 * Readers of {@code /proc}: per-mapping accounting ({@link io.samepage.linux.proc.Smaps}), page-table state
 * ({@link io.samepage.linux.proc.Pagemap}), process and system memory counters, and the sysctls that bound
 * what samepage may do ({@code vm.max_map_count}).
 *
 * <p>Readers go through {@link io.samepage.linux.PseudoFiles} and never through NIO channels, and they
 * report sizes in bytes even where the kernel prints kB, except the methods named {@code kib}.
 */
package io.samepage.linux.proc;
