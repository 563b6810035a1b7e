package dev.ccotel.adapter.shellenv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void addedLines_showThreeLinesOfContext() {
        String diff = UnifiedDiff.of("f", "1\n2\n3\n4\n5\n", "1\n2\n3\n4\n5\nnew\n");

        assertEquals("--- f\n+++ f\n@@ -3,3 +3,4 @@\n 3\n 4\n 5\n+new\n", diff);
    }

    @Test
    void removedBlockInTheMiddle_andNonUtf8BytesAreShownReadably() {
        String diff = UnifiedDiff.of("f", "caf\u00c3\u00a9\r\nx\r\n\u00ff\r\n", "caf\u00c3\u00a9\r\n\u00ff\r\n");

        assertEquals("--- f\n+++ f\n@@ -1,3 +1,2 @@\n caf\u00e9\n-x\n \ufffd\n", diff);
    }

    @Test
    void newFile_countsFromZero() {
        assertEquals("--- f\n+++ f\n@@ -0,0 +1,1 @@\n+a\n", UnifiedDiff.of("f", "", "a\n"));
    }
}
