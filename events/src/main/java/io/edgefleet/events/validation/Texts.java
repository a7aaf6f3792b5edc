package io.edgefleet.events.validation;

/** Keeps echoed user input short in messages: a violation must never carry a 60 KiB string. */
final class Texts {

    static final int MAX_ECHO = 80;

    private Texts() {
    }

    static String shorten(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= MAX_ECHO ? s : s.substring(0, MAX_ECHO) + "…";
    }
}
