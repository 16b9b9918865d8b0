package io.samepage.agent.it;

/** Child program: prints whether the application's own (unnamed) module has native access (JDK 22+ API). */
public final class NativeAccessProbe {

    private NativeAccessProbe() {
    }

    /** @param args ignored */
    public static void main(String[] args) throws Exception {
        Module app = NativeAccessProbe.class.getModule();
        Object enabled = Module.class.getMethod("isNativeAccessEnabled").invoke(app);
        System.out.println("app.nativeAccess=" + enabled);
    }
}
