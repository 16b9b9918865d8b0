package io.samepage.jfr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.MemoryAddress;
import jdk.jfr.Name;
import jdk.jfr.Timespan;
import org.junit.jupiter.api.Test;

/**
 * The catalogue follows the JDK's event style (STYLE.md): names from {@link EventNames} under
 * {@code io.samepage.}, a label, description and category on every event, a headline-case label on every
 * field, units on sizes and addresses, and a façade whose {@code commit} takes every field.
 */
class EventMetadataTest {

    private static final Set<String> SMALL_WORDS = Set.of("a", "an", "and", "at", "by", "for", "in", "of", "on",
            "or", "the", "to");

    @Test
    void eventNamesAreExactlyTheCatalogue() throws Exception {
        Set<String> constants = new HashSet<>();
        for (Field constant : EventNames.class.getDeclaredFields()) {
            if (Modifier.isStatic(constant.getModifiers()) && !constant.getName().equals("PREFIX")) {
                constants.add((String) constant.get(null));
            }
        }
        Set<String> names = new HashSet<>();
        for (Class<? extends Event> eventClass : SamepageEvents.all()) {
            names.add(eventClass.getAnnotation(Name.class).value());
        }
        assertEquals(constants, names);
        assertEquals(SamepageEvents.all().size(), names.size(), "one class per name");
    }

    @Test
    void everyEventIsNamedLabelledDescribedAndFiled() throws Exception {
        Set<String> categories = new HashSet<>();
        for (Field constant : Categories.class.getDeclaredFields()) {
            categories.add((String) constant.get(null));
        }
        for (Class<? extends Event> eventClass : SamepageEvents.all()) {
            String where = eventClass.getSimpleName();
            assertTrue(Modifier.isFinal(eventClass.getModifiers()) && Modifier.isPublic(eventClass.getModifiers()),
                    where + " is public final");
            Name name = eventClass.getAnnotation(Name.class);
            assertNotNull(name, where);
            assertTrue(name.value().startsWith(EventNames.PREFIX), where);
            assertEquals(where, name.value().substring(EventNames.PREFIX.length()) + "Event",
                    "class named after its event");
            assertHeadline(eventClass.getAnnotation(Label.class), where);
            Description description = eventClass.getAnnotation(Description.class);
            assertNotNull(description, where);
            assertFalse(description.value().isBlank(), where);

            Category category = eventClass.getAnnotation(Category.class);
            assertNotNull(category, where);
            assertEquals(2, category.value().length, where);
            assertEquals(Categories.SAMEPAGE, category.value()[0], where);
            assertTrue(categories.contains(category.value()[1]), where + ": " + category.value()[1]);

            EventType type = EventType.getEventType(eventClass);
            assertEquals(name.value(), type.getName());
            assertEquals(eventClass.getAnnotation(Label.class).value(), type.getLabel());
        }
    }

    @Test
    void everyFieldIsLabelledWithItsUnit() {
        for (Class<? extends Event> eventClass : SamepageEvents.all()) {
            for (Field field : eventFields(eventClass)) {
                String where = eventClass.getSimpleName() + "." + field.getName();
                assertHeadline(field.getAnnotation(Label.class), where);
                String fieldName = field.getName();
                boolean bytes = fieldName.equals("size") || fieldName.equals("bytes")
                        || fieldName.startsWith("bytes") || fieldName.endsWith("Bytes")
                        || fieldName.endsWith("BytesAtFree") || fieldName.endsWith("Profit");
                assertEquals(bytes, field.isAnnotationPresent(DataAmount.class), where + " @DataAmount");
                assertEquals(fieldName.equals("address"), field.isAnnotationPresent(MemoryAddress.class),
                        where + " @MemoryAddress");
                assertEquals(fieldName.equals("regionId"), field.isAnnotationPresent(RegionId.class),
                        where + " @RegionId");
                assertEquals(fieldName.equals("lifetime"), field.isAnnotationPresent(Timespan.class),
                        where + " @Timespan");
            }
        }
    }

    @Test
    void facadeCommitTakesEveryFieldInDeclarationOrder() throws Exception {
        for (Class<? extends Event> eventClass : SamepageEvents.all()) {
            String where = eventClass.getSimpleName();
            Method enabled = eventClass.getMethod("enabled");
            assertTrue(Modifier.isStatic(enabled.getModifiers()) && enabled.getReturnType() == boolean.class, where);

            List<Method> commits = Arrays.stream(eventClass.getMethods())
                    .filter(m -> m.getName().equals("commit") && Modifier.isStatic(m.getModifiers()))
                    .toList();
            assertEquals(1, commits.size(), where + " has one static commit");
            List<Class<?>> parameters = new ArrayList<>(Arrays.asList(commits.get(0).getParameterTypes()));
            if (eventClass == DedupScanEvent.class) {
                // A duration event: the started event comes first.
                assertEquals(DedupScanEvent.class, parameters.remove(0));
            }
            Class<?>[] fieldTypes = eventFields(eventClass).stream().map(Field::getType).toArray(Class<?>[]::new);
            assertArrayEquals(fieldTypes, parameters.toArray(), where);
        }
    }

    private static List<Field> eventFields(Class<?> eventClass) {
        // Synthetic: JFR's instrumentation adds startTime, duration and a handler field to registered events.
        return Arrays.stream(eventClass.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && !f.isSynthetic())
                .toList();
    }

    private static void assertHeadline(Label label, String where) {
        assertNotNull(label, where + " has @Label");
        String text = label.value();
        assertFalse(text.isBlank() || text.endsWith(".") || text.contains("Event"), where + ": '" + text + "'");
        String[] words = text.split(" ");
        for (int i = 0; i < words.length; i++) {
            boolean small = i > 0 && SMALL_WORDS.contains(words[i]);
            assertTrue(small || Character.isUpperCase(words[i].charAt(0)),
                    where + ": '" + text + "' is not in headline case");
        }
    }
}
