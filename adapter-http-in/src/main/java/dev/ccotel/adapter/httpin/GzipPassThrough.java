package dev.ccotel.adapter.httpin;

import io.helidon.http.encoding.ContentDecoder;
import io.helidon.http.encoding.ContentEncoder;
import io.helidon.http.encoding.ContentEncoding;
import io.helidon.http.encoding.ContentEncodingContext;
import java.util.Set;

/**
 * Lets gzip bodies through to the handler still compressed. Helidon's own gzip decoder has no bound on
 * what it inflates, and without a decoder it refuses the request before any handler runs; the
 * receiver inflates itself, with a bound (see {@code BoundedBody}). Service discovery stays off so
 * that a Helidon gzip module on the classpath cannot take over.
 */
final class GzipPassThrough implements ContentEncoding {

    static ContentEncodingContext context() {
        return ContentEncodingContext.builder()
                .contentEncodingsDiscoverServices(false)
                .addContentEncoding(new GzipPassThrough())
                .build();
    }

    @Override
    public Set<String> ids() {
        return Set.of("gzip");
    }

    @Override
    public boolean supportsEncoding() {
        return false; // responses are small: never compressed
    }

    @Override
    public boolean supportsDecoding() {
        return true;
    }

    @Override
    public ContentDecoder decoder() {
        return ContentDecoder.NO_OP;
    }

    @Override
    public ContentEncoder encoder() {
        return ContentEncoder.NO_OP;
    }

    @Override
    public String name() {
        return "gzip-pass-through";
    }

    @Override
    public String type() {
        return "gzip";
    }
}
