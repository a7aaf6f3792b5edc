package io.edgefleet.events;

import java.util.Locale;

/** Media-type checks that ignore case and parameters such as {@code ; charset=utf-8}. */
final class ContentTypes {

    private ContentTypes() {
    }

    static String essence(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String base = semicolon >= 0 ? contentType.substring(0, semicolon) : contentType;
        return base.trim().toLowerCase(Locale.ROOT);
    }

    static boolean isStructured(String contentType) {
        return CloudEventHeaders.CLOUDEVENTS_JSON.equals(essence(contentType));
    }

    /** JSON data; a missing content type is read as JSON, the only data format of this contract. */
    static boolean isJsonOrAbsent(String contentType) {
        String e = essence(contentType);
        return e == null || e.isEmpty() || CloudEventHeaders.JSON.equals(e);
    }
}
