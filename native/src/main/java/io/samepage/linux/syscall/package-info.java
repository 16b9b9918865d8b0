/**
 * JNA direct-mapped bindings to libc, one class per C header, in the style of JNA's
 * {@code com.sun.jna.platform.linux}.
 *
 * <p>Each class carries the header's constants, commented, and binds its functions with
 * {@code Native.register} ({@code static native} methods, primitive {@code long} addresses) in a nested
 * {@code Libc} holder, so that reading a constant never loads a native library. Every binding
 * {@code throws LastErrorException}; the public wrappers turn it into a
 * {@link io.samepage.linux.SyscallException} that names the call with its arguments, hex addresses and
 * symbolic flags. The first call registers the natives after {@link io.samepage.linux.Linux#ensureAvailability()}.
 *
 * <p>Direct mapping costs about 100&ndash;130 ns over the C call (measured: {@code madvise} 411 ns from Java
 * against 280 ns from C), so these are fit for setup and control paths, not per-page loops.
 */
package io.samepage.linux.syscall;
