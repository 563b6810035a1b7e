package dev.ccotel.adapter.httpin.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body of at most {@code maxBytes}, after decompression. Nothing past the bound is
 * buffered: a body (or a zip bomb's output) that grows beyond it stops the read at once.
 */
public final class BoundedBody {
    private static final int CHUNK = 8 * 1024;

    /** The body, or its decompressed content, is larger than the bound. */
    public static final class TooLarge extends Exception {
        public TooLarge(String message) {
            super(message);
        }
    }

    /** The body cannot be decoded as its Content-Encoding says (e.g. broken gzip). */
    public static final class Undecodable extends Exception {
        public Undecodable(String message) {
            super(message);
        }
    }

    private BoundedBody() {}

    /** Whether this receiver can decode a body sent with the given {@code Content-Encoding}. */
    public static boolean supports(Optional<String> contentEncoding) {
        String encoding = normalized(contentEncoding);
        return encoding.equals("identity") || encoding.equals("gzip");
    }

    /**
     * @param contentEncoding the request's Content-Encoding header: none, {@code identity} or {@code gzip}
     */
    public static byte[] read(InputStream network, Optional<String> contentEncoding, int maxBytes)
            throws TooLarge, Undecodable, IOException {
        String encoding = normalized(contentEncoding);
        if (encoding.equals("identity")) {
            return readAtMost(network, maxBytes, "the body");
        }
        if (!encoding.equals("gzip")) {
            throw new Undecodable("unsupported Content-Encoding " + encoding + " (gzip or none)");
        }
        // The compressed input is bounded too: a gzip stream of empty blocks inflates to nothing but may be endless.
        InputStream compressed = new LimitedStream(network, compressedLimit(maxBytes));
        try (GZIPInputStream gunzip = new GZIPInputStream(compressed, CHUNK)) {
            return readAtMost(gunzip, maxBytes, "the decompressed body");
        } catch (ZipException | java.io.EOFException e) {
            throw new Undecodable("the body is not valid gzip: " + e.getMessage());
        } catch (LimitedStream.Exceeded e) {
            throw new TooLarge("the compressed body is larger than " + compressedLimit(maxBytes) + " bytes");
        }
    }

    /** Room for gzip's framing of incompressible data (5 bytes per 16 KiB stored block, plus headers). */
    private static long compressedLimit(int maxBytes) {
        return maxBytes + (maxBytes >> 6) + 1024L;
    }

    private static String normalized(Optional<String> contentEncoding) {
        return contentEncoding.map(e -> e.strip().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty()).orElse("identity");
    }

    private static byte[] readAtMost(InputStream in, int maxBytes, String what) throws IOException, TooLarge {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 64 * 1024));
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        int n;
        while ((n = in.read(chunk)) != -1) {
            total += n;
            if (total > maxBytes) {
                throw new TooLarge(what + " is larger than " + maxBytes + " bytes");
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    /** Fails the read once more than {@code limit} bytes came through. */
    private static final class LimitedStream extends java.io.FilterInputStream {
        static final class Exceeded extends IOException {}

        private final long limit;
        private long read;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b != -1) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws Exceeded {
            read += n;
            if (read > limit) {
                throw new Exceeded();
            }
        }
    }
}
