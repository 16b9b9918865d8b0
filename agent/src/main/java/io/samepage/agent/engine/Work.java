package io.samepage.agent.engine;

/** The engine's running work counts; {@link WorkCounters} is the public snapshot. */
final class Work {

    long pagesVisited;
    long absentPages;
    long hashes;
    long checksumChecks;
    long stableLookups;
    long stableComparisons;
    long unstableLookups;
    long unstableComparisons;
    long fullPageCompares;
    int maxComparisonsPerLookup;
    long copyOnWriteBreaks;
    long mergeFailures;
    long regionsDropped;

    void lookupDone(int comparisons) {
        maxComparisonsPerLookup = Math.max(maxComparisonsPerLookup, comparisons);
    }

    void reset() {
        pagesVisited = 0;
        absentPages = 0;
        hashes = 0;
        checksumChecks = 0;
        stableLookups = 0;
        stableComparisons = 0;
        unstableLookups = 0;
        unstableComparisons = 0;
        fullPageCompares = 0;
        maxComparisonsPerLookup = 0;
        copyOnWriteBreaks = 0;
        mergeFailures = 0;
        regionsDropped = 0;
    }

    WorkCounters snapshot() {
        return new WorkCounters(pagesVisited, absentPages, hashes, checksumChecks, stableLookups, stableComparisons,
                unstableLookups, unstableComparisons, fullPageCompares, maxComparisonsPerLookup, copyOnWriteBreaks,
                mergeFailures, regionsDropped);
    }
}
