/**
 * Test fixtures shared with other modules through the test-jar: kernel-feature assumptions
 * ({@link io.samepage.linux.testing.KernelFeatures}) and self-unmapping test memory
 * ({@link io.samepage.linux.testing.MappedPages}).
 */
package io.samepage.linux.testing;
