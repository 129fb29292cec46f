package dev.catalyst.llm.providers.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A provider request as the codecs build it: where, which headers, which JSON body. The transport
 * ({@link Exchange}) turns it into its client's request, so the codecs know no HTTP client.
 *
 * @param headers name and value pairs, in order; values may be keys, so nothing here prints them
 */
public record WireRequest(URI uri, List<Header> headers, byte[] body) {
    public record Header(String name, String value) {
        @Override
        public String toString() {
            return name; // the value may be a key
        }
    }

    public WireRequest {
        headers = List.copyOf(headers);
    }

    /** This request with one more header. */
    public WireRequest header(String name, String value) {
        var h = new ArrayList<>(headers);
        h.add(new Header(name, value));
        return new WireRequest(uri, h, body);
    }

    /** The first value of a header, ignoring case, or null. */
    public String firstValue(String name) {
        for (Header h : headers) if (h.name.equalsIgnoreCase(name)) return h.value;
        return null;
    }

    @Override
    public String toString() {
        return "POST " + uri + " " + headers + " (" + body.length + " bytes)";
    }
}
