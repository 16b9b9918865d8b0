/**
 * The product: the {@code -javaagent} entry point and the start-up path every later capability hangs off.
 * Data flows one way: instrumentation registers regions, the registry holds them, the kernel path marks them
 * and the engine scans them; events and counters come out. Nothing below reaches back up.
 */
package io.samepage.agent;
