package io.samepage.agent.instrument;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.asm.MemberSubstitution;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Retransforms the four JDK classes samepage hooks, and says which of them took.
 *
 * <p>Configuration per {@code java-agent-notes.md} §3: no ignore rule for boot classes, no class format changes,
 * retransformation (the classes are loaded long before premain), errors reported, the Deallocator preloaded
 * (Byte Buddy's own class-file reading would otherwise load it mid-install and it would never be transformed).
 */
public final class HookInstaller {

    static final String DIRECT_BUFFER = "java.nio.DirectByteBuffer";
    static final String DEALLOCATOR = "java.nio.DirectByteBuffer$Deallocator";
    static final String FILE_CHANNEL = "sun.nio.ch.FileChannelImpl";
    static final String UNMAPPER = "sun.nio.ch.FileChannelImpl$Unmapper";

    /**
     * Rewrites the advice's calls from the template class to the injected {@code java.nio.SamepageHooks}.
     * Registered before the advice: Byte Buddy nests later wrappers outside earlier ones, so this one sees the
     * advice's inlined code on its way to the class writer.
     */
    private static final AsmVisitorWrapper RENAME_HOOKS = new AsmVisitorWrapper.AbstractBase() {
        @Override
        public ClassVisitor wrap(TypeDescription instrumentedType, ClassVisitor classVisitor,
                                 Implementation.Context implementationContext, TypePool typePool,
                                 FieldList<FieldDescription.InDefinedShape> fields, MethodList<?> methods,
                                 int writerFlags, int readerFlags) {
            return InjectedHooks.renamer(classVisitor);
        }
    };

    /** The hook template, described from its class file: loading it would be pointless (it is injected). */
    private static final TypeDescription HOOKS = TypePool.Default.of(
            ClassFileLocator.ForClassLoader.of(HookInstaller.class.getClassLoader()))
            .describe(InjectedHooks.TEMPLATE.replace('/', '.')).resolve();

    private HookInstaller() {
    }

    private static ElementMatcher<MethodDescription> unsafeMethod(String name) {
        return named(name).and(takesArguments(long.class))
                .and(isDeclaredBy(named(InjectedHooks.UNSAFE.replace('/', '.'))));
    }

    private static MethodDescription hook(String name) {
        return HOOKS.getDeclaredMethods().filter(named(name)).getOnly();
    }

    /**
     * What installation achieved.
     *
     * @param transformer  the resettable transformer, to uninstall
     * @param transformed  the JDK classes that were transformed
     * @param errors       class name to the error that kept it untransformed
     */
    public record Installed(ResettableClassFileTransformer transformer, Set<String> transformed,
                            Map<String, Throwable> errors) {

        /** @return whether both halves of direct-buffer tracking (allocation and free) are in place */
        public boolean directBuffers() {
            return ok(DIRECT_BUFFER) && ok(DEALLOCATOR);
        }

        /** @return whether both halves of file-mapping tracking are in place */
        public boolean fileMappings() {
            return ok(FILE_CHANNEL) && ok(UNMAPPER);
        }

        private boolean ok(String name) {
            return transformed.contains(name) && !errors.containsKey(name);
        }

        /** @return a one-line account of what failed, for the reason shown to operators */
        public String failures() {
            StringBuilder s = new StringBuilder();
            for (String name : Set.of(DIRECT_BUFFER, DEALLOCATOR, FILE_CHANNEL, UNMAPPER)) {
                if (!transformed.contains(name)) {
                    s.append(s.length() == 0 ? "" : "; ").append(name).append(": ")
                            .append(errors.containsKey(name) ? errors.get(name).toString() : "not transformed");
                }
            }
            return s.toString();
        }
    }

    /**
     * Installs the advice. Never throws for a class that cannot be transformed; see {@link Installed}.
     *
     * @param inst the instrumentation handle
     * @return what took
     * @throws ClassNotFoundException if the JDK lacks {@code DirectByteBuffer$Deallocator} (not a HotSpot JDK)
     */
    public static Installed install(Instrumentation inst) throws ClassNotFoundException {
        // Loaded now so all four are in one retransformation batch; Byte Buddy's own class-file reading would
        // otherwise load the Deallocator mid-install, where it is never transformed (java-agent-notes.md §3).
        List<Class<?>> targets = new java.util.ArrayList<>();
        for (String name : List.of(DIRECT_BUFFER, DEALLOCATOR, FILE_CHANNEL, UNMAPPER)) {
            targets.add(Class.forName(name, false, null));
        }
        Set<String> transformed = ConcurrentHashMap.newKeySet();
        Map<String, Throwable> errors = new ConcurrentHashMap<>();
        AgentBuilder.Listener listener = new AgentBuilder.Listener.Adapter() {
            @Override
            public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module,
                                         boolean loaded, DynamicType dynamicType) {
                transformed.add(type.getName());
            }

            @Override
            public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                                Throwable throwable) {
                errors.put(typeName, throwable);
            }
        };
        ResettableClassFileTransformer transformer = withoutNexus(() -> new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                // Retransform exactly these four instead of matching every loaded class: start-up time.
                .with(new AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Explicit(targets.toArray(Class<?>[]::new)))
                .with(AgentBuilder.PoolStrategy.Default.FAST)
                // The boot loader cannot see the hook template the substitutions call: fall back to ours.
                .with(AgentBuilder.LocationStrategy.ForClassLoader.STRONG.withFallbackTo(
                        ClassFileLocator.ForClassLoader.of(HookInstaller.class.getClassLoader())))
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .with(listener)
                .ignore(nameStartsWith("io.samepage."))
                .type(named(DIRECT_BUFFER))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(RENAME_HOOKS)
                        // allocateDirect's malloc/free become the hooks', which mmap above the threshold.
                        .visit(MemberSubstitution.strict()
                                .method(unsafeMethod("allocateMemory")).replaceWith(hook("allocateMemory"))
                                .method(unsafeMethod("freeMemory")).replaceWith(hook("freeMemory"))
                                .on(isConstructor().and(takesArguments(int.class))))
                        .visit(Advice.to(DirectBufferAllocationAdvice.class)
                                .on(isConstructor().and(takesArguments(int.class))))
                        // JNI NewDirectByteBuffer: (long,int) on 17, (long,long) on 21+; match the shape.
                        .visit(Advice.to(JniDirectBufferAdvice.class)
                                .on(isConstructor().and(takesArguments(2)).and(takesArgument(0, long.class)))))
                .type(named(DEALLOCATOR))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(RENAME_HOOKS)
                        .visit(MemberSubstitution.strict()
                                .method(unsafeMethod("freeMemory")).replaceWith(hook("freeMemory"))
                                .on(named("run").and(takesArguments(0))))
                        .visit(Advice.to(DeallocatorAdvice.class).on(named("run").and(takesArguments(0)))))
                .type(named(FILE_CHANNEL))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(RENAME_HOOKS)
                        .visit(Advice.to(FileMapAdvice.class).on(named("mapInternal").and(takesArguments(5)))))
                .type(named(UNMAPPER))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(RENAME_HOOKS)
                        .visit(Advice.to(UnmapAdvice.class).on(named("unmap").and(takesArguments(0)))))
                .installOn(inst));
        return new Installed(transformer, Set.copyOf(transformed), Map.copyOf(errors));
    }

    /**
     * Builds with Byte Buddy's Nexus off: otherwise its construction calls {@code sun.misc.Unsafe} and JDK 24+
     * prints a terminally-deprecated warning into the user's log.
     */
    private static <T> T withoutNexus(java.util.function.Supplier<T> build) {
        String key = "net.bytebuddy.nexus.disabled";
        String previous = System.getProperty(key);
        System.setProperty(key, "true");
        try {
            return build.get();
        } finally {
            if (previous == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, previous);
            }
        }
    }
}
