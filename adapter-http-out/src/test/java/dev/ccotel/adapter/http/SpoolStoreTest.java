package dev.ccotel.adapter.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolStoreTest {
    @TempDir
    Path tmp;

    private final FakeTime time = new FakeTime();

    @Test
    void appendedRecords_areReadBackOldestFirst_inPrivateFiles() throws Exception {
        Path dir = tmp.resolve("state/ccotel/spool");
        try (SpoolStore store = open(dir, SpoolConfig.DEFAULT_MAX_BYTES)) {
            for (String s : List.of("a", "b", "c")) {
                assertTrue(store.append(bytes(s), 1));
            }
            assertEquals(List.of("a", "b", "c"), drain(store));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        }
    }

    @Test
    void segmentFiles_areCreatedWithMode0600() throws Exception {
        try (SpoolStore store = open(tmp, SpoolConfig.DEFAULT_MAX_BYTES)) {
            store.append(bytes("a"), 1);
            List<Path> segments = segments(tmp);
            assertEquals(1, segments.size());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(segments.get(0))));
        }
    }

    @Test
    void reopenedStore_resumesAfterTheLastRecordTheBackendAnswered() throws Exception {
        try (SpoolStore store = open(tmp, SpoolConfig.DEFAULT_MAX_BYTES)) {
            for (String s : List.of("a", "b", "c")) {
                store.append(bytes(s), 1);
            }
            store.remove(store.oldest().orElseThrow().entry());
        }
        try (SpoolStore reopened = open(tmp, SpoolConfig.DEFAULT_MAX_BYTES)) {
            assertEquals(2, reopened.spooledRecords());
            reopened.append(bytes("d"), 1);
            assertEquals(List.of("b", "c", "d"), drain(reopened));
        }
    }

    @Test
    void truncatedLastRecord_isSkippedAndTheOthersSurvive() throws Exception {
        try (SpoolStore store = open(tmp, SpoolConfig.DEFAULT_MAX_BYTES)) {
            store.append(bytes("first"), 1);
            store.append(bytes("second"), 1);
        }
        Path segment = segments(tmp).get(0);
        byte[] data = Files.readAllBytes(segment);
        Files.write(segment, java.util.Arrays.copyOf(data, data.length - 3));
        try (SpoolStore reopened = open(tmp, SpoolConfig.DEFAULT_MAX_BYTES)) {
            assertEquals(List.of("first"), drain(reopened));
        }
    }

    @Test
    void corruptRecordInTheMiddle_isSkippedAndTheOnesAfterItSurvive() throws Exception {
        try (SpoolStore store = open(tmp, SpoolConfig.DEFAULT_MAX_BYTES)) {
            for (String s : List.of("{\"n\":\"aaaa\"}", "{\"n\":\"bbbb\"}", "{\"n\":\"cccc\"}")) {
                store.append(bytes(s), 1);
            }
        }
        Path segment = segments(tmp).get(0);
        String text = Files.readString(segment, StandardCharsets.ISO_8859_1).replace("bbbb", "bxbb");
        Files.writeString(segment, text, StandardCharsets.ISO_8859_1);
        try (SpoolStore reopened = open(tmp, SpoolConfig.DEFAULT_MAX_BYTES)) {
            assertEquals(List.of("{\"n\":\"aaaa\"}", "{\"n\":\"cccc\"}"), drain(reopened));
        }
    }

    @Test
    void segmentFullOfGarbage_isSkippedWithoutCrashing() throws Exception {
        Files.write(tmp.resolve("segment-0000000000000003.spool"), "\u00ff not a spool file at all".getBytes());
        try (SpoolStore store = open(tmp, SpoolConfig.DEFAULT_MAX_BYTES)) {
            assertEquals(0, store.spooledRecords());
            assertTrue(store.append(bytes("new"), 1));
            assertEquals(List.of("new"), drain(store));
        }
    }

    @Test
    void recordDamagedAfterItWasIndexed_isSkippedWhenItsTurnComes() throws Exception {
        try (SpoolStore store = open(tmp, SpoolConfig.DEFAULT_MAX_BYTES)) {
            store.append(bytes("{\"n\":\"aaaa\"}"), 1);
            store.append(bytes("{\"n\":\"bbbb\"}"), 1);
            Path segment = segments(tmp).get(0);
            Files.writeString(segment, Files.readString(segment, StandardCharsets.ISO_8859_1).replace("aaaa", "axaa"),
                    StandardCharsets.ISO_8859_1);
            assertEquals(List.of("{\"n\":\"bbbb\"}"), drain(store));
        }
    }

    @Test
    void spoolBeyondMaxBytes_refusesTheNewRecord() throws Exception {
        byte[] big = new byte[30 * 1024];
        try (SpoolStore store = open(tmp, SpoolConfig.MIN_MAX_BYTES)) {
            assertTrue(store.append(big, 1));
            assertTrue(store.append(big, 1));
            assertFalse(store.append(big, 1));
            assertEquals(2, store.spooledRecords());
            assertEquals(2L * (big.length + SpoolFrame.HEADER_BYTES), store.spooledBytes());
        }
    }

    @Test
    void recordsOlderThanMaxAge_areDropped() throws Exception {
        try (SpoolStore store = open(tmp, SpoolConfig.DEFAULT_MAX_BYTES)) {
            store.append(bytes("old"), 4);
            time.advance(SpoolConfig.DEFAULT_MAX_AGE.plus(Duration.ofMinutes(1)));
            store.append(bytes("young"), 1);
            assertEquals(List.of("young"), drain(store));
        }
    }

    @Test
    void emptiedSpool_leavesNoSegmentFilesBehind() throws Exception {
        try (SpoolStore store = open(tmp, 2L * 1024 * 1024)) { // segments of 128 KiB
            for (int i = 0; i < 30; i++) {
                assertTrue(store.append(new byte[10 * 1024], 1));
            }
            assertTrue(segments(tmp).size() > 1);
            drain(store);
            assertEquals(List.of(), segments(tmp));
            assertFalse(Files.exists(tmp.resolve("cursor")));
        }
    }

    @Test
    @SuppressWarnings("try") // the open resource is the point: it holds the lock
    void secondStoreOnTheSameFolder_isRefused() throws Exception {
        try (SpoolStore store = open(tmp, SpoolConfig.DEFAULT_MAX_BYTES)) {
            IOException e = assertThrows(IOException.class, () -> open(tmp, SpoolConfig.DEFAULT_MAX_BYTES));
            assertTrue(e.getMessage().contains("another ccotel daemon"), e.getMessage());
        }
    }

    @Test
    void payloadComesBackByteForByte() throws Exception {
        byte[] json = BackendJson.toJson(Requests.everyField());
        try (SpoolStore store = open(tmp, SpoolConfig.DEFAULT_MAX_BYTES)) {
            store.append(json, 10);
            SpoolStore.Record record = store.oldest().orElseThrow();
            assertArrayEquals(json, record.json());
            assertEquals(10, record.entry().frame().itemCount());
        }
    }

    private SpoolStore open(Path dir, long maxBytes) throws IOException {
        return SpoolStore.open(new SpoolConfig(true, dir, maxBytes, SpoolConfig.DEFAULT_MAX_AGE), time);
    }

    private static List<String> drain(SpoolStore store) {
        List<String> out = new ArrayList<>();
        for (var r = store.oldest(); r.isPresent(); r = store.oldest()) {
            out.add(new String(r.get().json(), StandardCharsets.UTF_8));
            store.remove(r.get().entry());
        }
        assertEquals(0, store.spooledRecords());
        assertEquals(0, store.spooledBytes());
        return out;
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".spool")).sorted().toList();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
