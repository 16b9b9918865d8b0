package io.samepage.agent.instrument;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.SimpleRemapper;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.Set;

/**
 * Defines the hook façade inside {@code java.base} and arms it.
 *
 * <p>Advice inlined into {@code java.base} classes resolves names through the boot loader. Appending a jar to
 * the bootstrap search path would do, but makes both JDK 17 and 25 print "Sharing is only supported for boot
 * loader classes because bootstrap classpath has been appended" on every start. Instead the template class
 * {@code io.samepage.boot.SamepageHooks} is renamed to {@code java.nio.SamepageHooks} and defined with a private
 * lookup on {@code java.nio} (opened to samepage alone through {@code Instrumentation.redefineModule}): it then
 * belongs to java.base and the boot loader, with no file, no warning and no CDS loss.
 */
public final class InjectedHooks {

    /** Internal name of the compiled template. */
    static final String TEMPLATE = "io/samepage/boot/SamepageHooks";
    /** Internal name it gets inside java.base. */
    static final String INJECTED = "java/nio/SamepageHooks";
    /** The compile-time stand-in for the JDK's internal Unsafe, and the real name it is renamed to. */
    static final String UNSAFE_STAND_IN = "io/samepage/boot/InternalUnsafe";
    static final String UNSAFE = "jdk/internal/misc/Unsafe";

    private final Class<?> hooks;

    private InjectedHooks(Class<?> hooks) {
        this.hooks = hooks;
    }

    /**
     * Defines {@code java.nio.SamepageHooks}, or finds it when an earlier load of samepage already did.
     *
     * @param inst the instrumentation handle
     * @return the injected class
     * @throws IOException when the template is missing from the agent jar
     * @throws ReflectiveOperationException when the JDK refuses the definition
     */
    public static InjectedHooks inject(Instrumentation inst) throws IOException, ReflectiveOperationException {
        Module javaBase = Object.class.getModule();
        inst.redefineModule(javaBase, Set.of(), Map.of(), Map.of("java.nio", Set.of(InjectedHooks.class.getModule())),
                Set.of(), Map.of());
        String name = INJECTED.replace('/', '.');
        try {
            return new InjectedHooks(Class.forName(name, false, null));
        } catch (ClassNotFoundException notYet) {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(java.nio.Buffer.class, MethodHandles.lookup());
            return new InjectedHooks(lookup.defineClass(renamedTemplate()));
        }
    }

    private static byte[] renamedTemplate() throws IOException {
        byte[] template;
        try (InputStream in = InjectedHooks.class.getClassLoader().getResourceAsStream(TEMPLATE + ".class")) {
            if (in == null) {
                throw new IOException("agent jar lacks " + TEMPLATE + ".class (repackaged?)");
            }
            template = in.readAllBytes();
        }
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(template).accept(renamer(writer), 0);
        return writer.toByteArray();
    }

    /** @param next the visitor to feed @return a visitor that rewrites references to the template */
    static ClassVisitor renamer(ClassVisitor next) {
        return new ClassRemapper(next, new SimpleRemapper(Map.of(TEMPLATE, INJECTED, UNSAFE_STAND_IN, UNSAFE)));
    }

    /**
     * Points the hooks at a sink and sets the threshold.
     *
     * @param sink           where events go
     * @param thresholdBytes the smallest region size
     * @throws ReflectiveOperationException if the injected class does not have the expected shape
     */
    public void arm(HookSink sink, long thresholdBytes) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodHandle allocated = lookup.findVirtual(HookSink.class, "directBufferAllocated",
                MethodType.methodType(void.class, Object.class, long.class, long.class, boolean.class)).bindTo(sink);
        MethodHandle freeing = lookup.findVirtual(HookSink.class, "directBufferFreeing",
                MethodType.methodType(void.class, long.class, long.class)).bindTo(sink);
        MethodHandle mapped = lookup.findVirtual(HookSink.class, "fileMapped",
                MethodType.methodType(void.class, Object.class, Object.class)).bindTo(sink);
        MethodHandle unmapping = lookup.findVirtual(HookSink.class, "fileUnmapping",
                MethodType.methodType(void.class, long.class)).bindTo(sink);
        hooks.getMethod("arm", MethodHandle.class, MethodHandle.class, MethodHandle.class, MethodHandle.class,
                long.class).invoke(null, allocated, freeing, mapped, unmapping, thresholdBytes);
    }

    /**
     * Hands large direct buffers' memory to samepage. Call only when both halves of the substitution are in.
     *
     * @param memory the owner of mapped buffers
     * @throws ReflectiveOperationException if the injected class does not have the expected shape
     */
    public void own(OwnedMemory memory) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodHandle map = lookup.findVirtual(OwnedMemory.class, "map",
                MethodType.methodType(long.class, long.class)).bindTo(memory);
        MethodHandle unmap = lookup.findVirtual(OwnedMemory.class, "release",
                MethodType.methodType(boolean.class, long.class)).bindTo(memory);
        hooks.getMethod("own", MethodHandle.class, MethodHandle.class).invoke(null, map, unmap);
    }

    /** Turns the hooks off (tests, JMX). @throws ReflectiveOperationException if the class is not as expected */
    public void disarm() throws ReflectiveOperationException {
        hooks.getMethod("disarm").invoke(null);
    }
}
