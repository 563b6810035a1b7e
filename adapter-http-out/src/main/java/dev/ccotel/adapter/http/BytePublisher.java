package dev.ccotel.adapter.http;

import dev.ccotel.ports.out.PublishOutcome;

/**
 * Posts a request body that is already JSON. Lets a request be encoded once for all attempts, and
 * lets the spool re-send what it stored byte for byte.
 */
interface BytePublisher {
    /**
     * @param json the encoded request
     * @param itemCount events plus data points in it, reported back when the backend rejects it
     */
    PublishOutcome post(byte[] json, int itemCount);
}
