package io.samepage.linux;

import com.sun.jna.Function;
import io.samepage.linux.testing.KernelFeatures;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrnoTest {

    @Test
    void namesAndDescribesCommonErrnos() {
        assertEquals("EINVAL", Errno.name(22));
        assertEquals("Invalid argument", Errno.describe(22));
        assertEquals("EFAULT", Errno.name(Errno.EFAULT));
        assertEquals("Bad address", Errno.describe(Errno.EFAULT));
        assertEquals("EOPNOTSUPP", Errno.name(95));
    }

    @Test
    void unknownErrnoReadsLikeGlibc() {
        assertEquals("errno 200", Errno.name(200));
        assertEquals("Unknown error 200", Errno.describe(200));
        assertEquals("errno -1", Errno.name(-1));
    }

    /** Every constant's name is its field name and its text is the running glibc's strerror. */
    @Test
    void tableMatchesTheConstantsAndGlibc() throws IllegalAccessException {
        KernelFeatures.assume(Linux.isAvailable(), "Linux with JNA");
        Function strerror = Function.getFunction("c", "strerror");
        int checked = 0;
        for (Field field : Errno.class.getFields()) {
            if (field.getType() == int.class && Modifier.isStatic(field.getModifiers())) {
                int errno = field.getInt(null);
                assertEquals(field.getName(), Errno.name(errno));
                assertEquals(strerror.invokeString(new Object[] {errno}, false), Errno.describe(errno),
                        field.getName());
                checked++;
            }
        }
        assertTrue(checked >= 17, "constants checked: " + checked);
    }
}
