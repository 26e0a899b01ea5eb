package dev.mmids.gradient.web;

/** JSON Pointers (RFC 6901) into a request. */
final class Pointer {

    private Pointer() {}

    /** The pointer to member {@code name} of the value at {@code base}, with '~' and '/' escaped. */
    static String field(String base, String name) {
        return base + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    /** The pointer to element {@code index} of the array at {@code base}. */
    static String element(String base, int index) {
        return base + "/" + index;
    }
}
