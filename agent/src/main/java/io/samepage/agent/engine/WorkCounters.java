package io.samepage.agent.engine;

/**
 * What the scanner did since the engine was built (or since {@link DedupEngine#resetWork()}): the measures behind
 * KSM's cost claims, for tests and tuning. A <em>comparison</em> is one tree node visited, costing one 64-bit hash
 * compare; a <em>full-page compare</em> reads and compares 4 KiB and happens only on equal hashes.
 *
 * @param pagesVisited             present pages the scanner looked at
 * @param absentPages              pages skipped because absent (never read, never materialised)
 * @param hashes                   pages hashed; at most one per visit, and none for a page still merged
 * @param checksumChecks           visits that reached the checksum gate, i.e. missed the stable tree
 * @param stableLookups            stable tree searches (inserts of new frames included)
 * @param stableComparisons        stable tree nodes visited by them
 * @param unstableLookups          unstable tree search-or-inserts
 * @param unstableComparisons      unstable tree nodes visited by them
 * @param fullPageCompares         page-content compares in both trees
 * @param maxComparisonsPerLookup  most nodes visited by one lookup in either tree
 * @param copyOnWriteBreaks        merged pages found written (or discarded) on a later visit
 * @param mergeFailures            merges the merger refused
 * @param regionsDropped           regions dropped, removed or found gone
 */
public record WorkCounters(long pagesVisited, long absentPages, long hashes, long checksumChecks, long stableLookups,
                           long stableComparisons, long unstableLookups, long unstableComparisons,
                           long fullPageCompares, int maxComparisonsPerLookup, long copyOnWriteBreaks,
                           long mergeFailures, long regionsDropped) {
}
