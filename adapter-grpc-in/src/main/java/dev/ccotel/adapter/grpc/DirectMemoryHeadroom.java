package dev.ccotel.adapter.grpc;

import java.util.Optional;

/**
 * Whether the receiver's worst case fits in Netty's direct memory. Every admitted call may hold a
 * message of up to {@code receiver.max-message-bytes} in direct buffers; when they cannot all fit,
 * Netty fails the client's whole HTTP/2 connection and Claude Code, which does not resend, loses the
 * exports on it. The daemon keeps running, so the only sign is this start-up warning.
 */
final class DirectMemoryHeadroom {
    /**
     * Direct bytes needed per admitted message byte. Measured with the packaged daemon at -Xmx512m: 80
     * exports of 4.19 MB sent at once, 64 of them admitted (268 MB), had 534 MB of direct memory in
     * use when it ran out (docs/RELIABILITY.md); where the overhead comes from was not analysed.
     */
    static final int DIRECT_BYTES_PER_MESSAGE_BYTE = 2;
    /**
     * What a call waiting for its place ({@link ConcurrencyLimit}) may hold before it is read: the
     * client may send up to the stream's flow-control window, gRPC's default 1 MiB.
     */
    static final int WAITING_CALL_BYTES = 1024 * 1024;

    private DirectMemoryHeadroom() {
    }

    /**
     * The warning to log, or empty when the worst case fits.
     *
     * @param maxDirectBytes Netty's limit; zero or less means unknown, and then nothing is claimed
     */
    static Optional<String> shortfall(GrpcReceiverConfig config, long maxDirectBytes) {
        long worstCase = worstCase(config);
        if (maxDirectBytes <= 0 || worstCase <= maxDirectBytes) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                "receiver.max-concurrent-calls %d x receiver.max-message-bytes %d, with up to "
                        + ConcurrencyLimit.WAITING_PER_PLACE + " calls per place waiting for one, may need up to %d MiB of direct "
                        + "memory at once, but this JVM allows %d MiB (its -Xmx unless -XX:MaxDirectMemorySize is "
                        + "set): under that load the client's connection fails and its exports are lost. Raise that "
                        + "limit to %d MiB or more, or lower one of the two keys",
                config.maxConcurrentCalls(), config.maxInboundMessageBytes(), mib(worstCase), mib(maxDirectBytes),
                mib(worstCase)));
    }

    /** The admitted calls' messages, and what each call waiting for a place may have sent unread. */
    static long worstCase(GrpcReceiverConfig config) {
        long calls = config.maxConcurrentCalls();
        long bytes = config.maxInboundMessageBytes();
        try {
            long admitted = Math.multiplyExact(Math.multiplyExact(calls, bytes), DIRECT_BYTES_PER_MESSAGE_BYTE);
            long waiting = Math.multiplyExact((long) ConcurrencyLimit.waitingBound(config.maxConcurrentCalls()),
                    Math.min(bytes, WAITING_CALL_BYTES));
            return Math.addExact(admitted, waiting);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
