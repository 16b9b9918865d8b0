/**
 * The in-process deduplicator's algorithm core: the stable/unstable tree algorithm of Linux KSM (mainline
 * semantics), run by a scanner inside the JVM over registered off-heap regions.
 *
 * <p>Data flows one way: a {@link io.samepage.agent.engine.PageSource} gives pages, the
 * {@link io.samepage.agent.engine.DedupEngine} visits them in a fixed circular order, keeps one 16-byte item per
 * tracked page, finds equal pages through the {@code StableTree} (merged contents, never flushed) and the
 * {@code UnstableTree} (candidates, rebuilt every pass), and asks a {@link io.samepage.agent.engine.PageMerger} to
 * merge them. Equality is always decided by comparing bytes; the 64-bit {@link io.samepage.agent.engine.PageHasher}
 * hash orders the trees and filters volatile pages, it never proves two pages equal.
 *
 * <p>Not here: reading another process's memory, the userfaultfd merger, the scanner thread and its rate
 * control. Those plug in through the interfaces above.
 */
package io.samepage.agent.engine;
