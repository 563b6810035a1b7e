package dev.ccotel.adapter.shellenv;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A store that notices when two writers replace the same file at once, in this process or another: each replace
 * first creates a sentinel file with CREATE_NEW, which fails if another writer is inside. No timing involved.
 */
final class OverlapProbe extends RcFileStore {

    private final Path sentinel;

    OverlapProbe(Path sentinel) {
        this.sentinel = sentinel;
    }

    @Override
    void replace(Path target, byte[] content) throws IOException {
        try {
            Files.createFile(sentinel);
        } catch (FileAlreadyExistsException overlap) {
            throw new IllegalStateException("two writers replaced " + target + " at the same time");
        }
        try {
            for (int i = 0; i < 20; i++) {
                Thread.yield(); // give a writer that ignores the lock every chance to step in
            }
            super.replace(target, content);
        } finally {
            Files.delete(sentinel);
        }
    }
}
