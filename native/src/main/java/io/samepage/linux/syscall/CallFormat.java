package io.samepage.linux.syscall;

/** Formats syscall arguments for error messages the way a C programmer writes them. */
final class CallFormat {

    private CallFormat() {
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    /**
     * Names the set bits of a flag word, e.g. {@code "MAP_PRIVATE|MAP_ANONYMOUS"}; bits without a name are
     * appended in hex, and a zero word is {@code zeroName}.
     */
    static String flags(long value, long[] bits, String[] names, String zeroName) {
        if (value == 0) {
            return zeroName;
        }
        StringBuilder out = new StringBuilder();
        long rest = value;
        for (int i = 0; i < bits.length; i++) {
            if (bits[i] != 0 && (rest & bits[i]) == bits[i]) {
                if (out.length() > 0) {
                    out.append('|');
                }
                out.append(names[i]);
                rest &= ~bits[i];
            }
        }
        if (rest != 0) {
            if (out.length() > 0) {
                out.append('|');
            }
            out.append(hex(rest));
        }
        return out.toString();
    }
}
