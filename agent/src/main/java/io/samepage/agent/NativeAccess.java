package io.samepage.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

/**
 * Grants samepage's own module native access before JNA loads its library, so JDK 24+ prints no
 * restricted-method warning for samepage.
 *
 * <p>The public route, {@code ModuleLayer.Controller.enableNativeAccess}, is itself a restricted method and would
 * warn about its caller. Instead samepage opens {@code java.lang} to its own module (an agent may, through
 * {@link Instrumentation#redefineModule}) and sets the module's flag with {@code Module.implAddEnableNativeAccess},
 * what {@code --enable-native-access=io.samepage.agent} would do. For a named module that flag is the module's
 * own, so the application's class path gains nothing. On a JDK without the method (17 has no restriction to lift;
 * a future JDK may rename it) this does nothing, and the warning's own advice applies.
 */
final class NativeAccess {

    private NativeAccess() {
    }

    /** @param inst the instrumentation handle @return whether samepage's module now has native access */
    static boolean enableForSamepage(Instrumentation inst) {
        Module self = NativeAccess.class.getModule();
        if (!self.isNamed() || Runtime.version().feature() < 22) {
            return false;
        }
        try {
            Method enable = Module.class.getDeclaredMethod("implAddEnableNativeAccess");
            inst.redefineModule(Object.class.getModule(), Set.of(), Map.of(), Map.of("java.lang", Set.of(self)),
                    Set.of(), Map.of());
            enable.setAccessible(true);
            enable.invoke(self);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
