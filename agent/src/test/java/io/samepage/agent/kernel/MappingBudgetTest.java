package io.samepage.agent.kernel;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MappingBudgetTest {

    private final AtomicInteger mappings = new AtomicInteger(100);
    private final AtomicInteger counts = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final MappingBudget budget = new MappingBudget(1000, 50, () -> {
        counts.incrementAndGet();
        return mappings.get();
    }, now::get);

    @Test
    void admitsUpToTheLimitCountingTheWorstCase() {
        int admitted = 0;
        while (budget.admit(MappingBudget.MAPPINGS_PER_MARK)) {
            admitted++;
            mappings.addAndGet(MappingBudget.MAPPINGS_PER_MARK); // each mark really splits its mapping
        }
        // 500 allowed, 100 in use, 2 per mark: 200 marks.
        assertEquals(200, admitted);
        assertTrue(budget.exhaustedReason().startsWith("mapping budget exhausted: "), budget.exhaustedReason());
        assertTrue(budget.exhaustedReason().contains("of vm.max_map_count=1000"), budget.exhaustedReason());
    }

    @Test
    void countsRarelyWhileAdmittingAndAtMostOncePerSecondWhenExhausted() {
        for (int i = 0; i < 200; i++) {
            assertTrue(budget.admit(2));
        }
        int countsWhileAdmitting = counts.get();
        assertTrue(countsWhileAdmitting <= 2, "counted " + countsWhileAdmitting + " times for 200 admissions");
        mappings.set(500); // the marks really split 400 mappings
        assertFalse(budget.admit(2));
        int afterFirstRefusal = counts.get();
        for (int i = 0; i < 1000; i++) {
            assertFalse(budget.admit(2));
        }
        assertEquals(afterFirstRefusal, counts.get(), "no recount within the second");
        // Mappings went away (buffers freed): after a second the recount admits again.
        mappings.set(100);
        now.addAndGet(MappingBudget.EXHAUSTED_RECOUNT_MILLIS);
        assertTrue(budget.admit(2));
    }
}
