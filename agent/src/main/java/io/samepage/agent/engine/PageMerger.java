package io.samepage.agent.engine;

import java.nio.ByteBuffer;

/**
 * Makes pages share frames. The engine decides what to merge; the merger does it, owns the frames, and is the only
 * place where memory changes.
 *
 * <p>A <em>frame</em> is one canonical, write-protected page, named by an {@code int} the merger chooses (never
 * negative). It lives from the {@link #mergePair} that creates it until the engine calls {@link #releaseFrame}, even
 * after its last mapper copied-on-write away: the engine still compares pages against it until then.
 *
 * <p>The rules every implementation keeps:
 * <ul>
 *   <li><b>Verify, then merge.</b> A merge happens only if the page's bytes equal the frame's at a moment when the
 *       page can no longer change (after it is write-protected, for a real merger). The engine's own comparisons
 *       are hints made on a copy that may already be stale.</li>
 *   <li><b>All or nothing for a pair.</b> If the second page of {@link #mergePair} fails, the first is private and
 *       writable again: no frame is left with exactly one mapper by a failed pair.</li>
 *   <li><b>Copy on write.</b> A write to a merged page gives the writer a private copy; the frame never changes.
 *       The engine learns of it on its next visit to the page, through {@link #stillMerged}.</li>
 *   <li><b>Gone regions.</b> The engine may name a page whose region's memory is already gone (it learns of that
 *       only when its source says so). Such a page maps nothing: merges of it fail, {@link #stillMerged} is
 *       {@code false}, {@link #unmerge} succeeds without doing anything; its memory is never touched.</li>
 * </ul>
 * Only the scanner thread calls a merger.
 */
public interface PageMerger {

    /** Returned by {@link #mergePair} when the pair could not be merged. */
    int NO_FRAME = -1;

    /** The all-zero frame: always present, never released. */
    int ZERO_FRAME = -2;

    /**
     * The frame's bytes, for the rare case where the engine must hash them (a pair that changed alike while it was
     * merged).
     *
     * @param frame a live frame or {@link #ZERO_FRAME}
     * @return a read-only view or copy whose bytes {@code [0, PAGE_BYTES)} are the frame's content, valid until the
     *         next call on this merger; {@code null} when the content cannot be read now
     */
    ByteBuffer frame(int frame);

    /**
     * Whether the frame's content equals these bytes: the stable tree's comparison.
     *
     * @param frame   a live frame or {@link #ZERO_FRAME}
     * @param content the page
     * @param offset  where it starts in {@code content}
     * @return {@code true} when equal; {@code false} also when the frame's content cannot be read now
     */
    default boolean holds(int frame, ByteBuffer content, int offset) {
        ByteBuffer bytes = frame(frame);
        return bytes != null && PageOrder.compareContent(content, offset, bytes, 0) == 0;
    }

    /**
     * Merges two pages into a new frame. As in mainline, the scanned page becomes the frame in place and the
     * partner is repointed to it.
     *
     * @param region        the scanned page's region
     * @param page          the scanned page
     * @param partnerRegion the unstable tree candidate's region
     * @param partnerPage   the candidate
     * @param content       the scanned page's bytes as the engine read them on this visit and found equal to the
     *                      candidate's: a hint to a real merger, which verifies the pages themselves
     * @param offset        where they start in {@code content}
     * @param hash          the engine's {@link PageHasher} hash of those bytes
     * @return the new frame, mapped by both pages, or {@link #NO_FRAME} with both pages as they were
     */
    int mergePair(int region, int page, int partnerRegion, int partnerPage, ByteBuffer content, int offset,
                  long hash);

    /**
     * Maps a page onto an existing frame (a stable tree hit, or {@link #ZERO_FRAME} for an all-zero page).
     *
     * @param frame  the frame
     * @param region the page's region
     * @param page    the page
     * @param content the page's bytes as the engine read them on this visit and found equal to the frame's: a hint
     *                to a real merger, which verifies the page itself
     * @param offset  where they start in {@code content}
     * @param hash    the engine's {@link PageHasher} hash of those bytes
     * @return {@code true} when the page now maps the frame; {@code false} leaves it as it was
     */
    boolean mergeInto(int frame, int region, int page, ByteBuffer content, int offset, long hash);

    /**
     * Whether {@link #stillMerged} needs the content's hash: a merger that knows its mappings itself says
     * {@code false} (the default) and saves the engine a hash per merged page visited; one that can only tell a
     * written page by its content, as an estimate, says {@code true}.
     *
     * @return whether to hash merged pages for {@link #stillMerged}
     */
    default boolean fingerprintsContent() {
        return false;
    }

    /**
     * Whether a page the engine merged into {@code frame} still maps it, i.e. was not written (copied on write),
     * discarded or remapped since. A merger that tracks writes itself may ignore {@code content} and {@code hash}.
     *
     * @param frame   the frame the engine merged the page into
     * @param region  the page's region
     * @param page    the page
     * @param content the page's bytes as read on this visit
     * @param offset  where they start in {@code content}
     * @param hash    the engine's hash of those bytes when {@link #fingerprintsContent()}, else 0
     * @return {@code false} once the page no longer maps the frame
     */
    boolean stillMerged(int frame, int region, int page, ByteBuffer content, int offset, long hash);

    /**
     * Gives a merged page a private, writable copy with the same content.
     *
     * @param frame  the frame the page maps
     * @param region the page's region
     * @param page   the page
     * @return {@code false} when that failed (e.g. no memory); the page still maps the frame
     */
    boolean unmerge(int frame, int region, int page);

    /**
     * The engine counts the page as no longer mapping {@code frame}: it was written, went absent, was unmerged, or
     * its region is being dropped. Called before the {@link #releaseFrame} this may lead to.
     *
     * @param frame  the frame
     * @param region the page's region
     * @param page   the page
     */
    default void pageLeft(int frame, int region, int page) {
    }

    /**
     * The engine holds no more mappers of the frame; its memory may be freed and its number reused.
     *
     * @param frame the frame
     */
    void releaseFrame(int frame);

    /**
     * A region is gone and the engine has dropped it (its pages' mappings were already released by
     * {@link #releaseFrame} where they were the last). Forget anything kept about the region; touch none of it.
     *
     * @param region the region
     */
    void regionRemoved(int region);
}
