package dev.ccotel.adapter.shellenv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Reads rc files and replaces them atomically: the new content goes to a temporary file in the same folder,
 * which then takes the old file's place in one rename, so a reader (or a crash) sees the old file or the new
 * one, never half of one. Symlinks are followed so the link itself stays a link.
 */
class RcFileStore {

    /** The final step of a replace; a seam so tests can make the operating system refuse it. */
    interface Mover {
        void move(Path source, Path target) throws IOException;
    }

    static final Mover ATOMIC_RENAME = (source, target) ->
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    private static final String NEW_FILE_MODE = "rw-r--r--";

    private final Mover mover;

    RcFileStore() {
        this(ATOMIC_RENAME);
    }

    RcFileStore(Mover mover) {
        this.mover = mover;
    }

    /** The file that holds the content: the path itself or, for a symlink, its final target. */
    Path target(Path file) throws IOException {
        if (!Files.isSymbolicLink(file)) {
            return file;
        }
        if (!Files.exists(file)) {
            throw new RcFileException(file + " is a symbolic link to " + Files.readSymbolicLink(file)
                    + ", which does not exist; ccotel will not guess where to create it");
        }
        return file.toRealPath();
    }

    /** The file's bytes, or empty when there is no file. */
    Optional<byte[]> read(Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(target)) {
            throw new RcFileException(target + " is not a regular file; ccotel left it unchanged");
        }
        return Optional.of(Files.readAllBytes(target));
    }

    /**
     * Refuses files that must not be replaced: marked read-only by the user, or hard-linked. The mode bits are
     * checked by hand as well because root may write anything, yet a file made read-only on purpose should not
     * be replaced behind the user's back.
     */
    void checkReplaceable(Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        boolean ownerMayWrite = view == null
                || view.readAttributes().permissions().contains(PosixFilePermission.OWNER_WRITE);
        if (!ownerMayWrite || !Files.isWritable(target)) {
            throw new RcFileException(target + " is read-only; ccotel left it unchanged"
                    + " (make it writable, or add the block by hand)");
        }
        if (hardLinks(target) > 1) {
            // A rename would leave the other names with the old content: the link would silently split.
            throw new RcFileException(target + " has " + hardLinks(target) + " hard links; ccotel left it unchanged"
                    + " (use a symbolic link instead, or add the block by hand)");
        }
    }

    private static int hardLinks(Path file) throws IOException {
        try {
            return (Integer) Files.getAttribute(file, "unix:nlink");
        } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
            return 1;
        }
    }

    void replace(Path target, byte[] content) throws IOException {
        replace(target, content, NEW_FILE_MODE);
    }

    /** @param newFileMode the mode of a file that did not exist, e.g. {@code rw-------} */
    void replace(Path target, byte[] content, String newFileMode) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Optional<PosixFileAttributes> old = Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                ? Optional.ofNullable(posixAttributes(target)) : Optional.empty();
        String name = target.getFileName().toString();
        // Hidden, and not ending in .fish, so no shell or dotfile glob picks up a half-written file.
        Path temp = Files.createTempFile(folder, (name.startsWith(".") ? "" : ".") + name + ".", ".ccotel-tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            keepMetadata(temp, old, newFileMode);
            mover.move(temp, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncFolder(folder);
    }

    void delete(Path target) throws IOException {
        Files.delete(target);
    }

    private static void keepMetadata(Path temp, Optional<PosixFileAttributes> old, String newFileMode)
            throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        if (old.isEmpty()) {
            view.setPermissions(PosixFilePermissions.fromString(newFileMode));
            return;
        }
        PosixFileAttributes before = old.get();
        PosixFileAttributes now = view.readAttributes();
        // Owner before mode: chown may clear set-id bits. When run as root for a user's file this keeps it theirs.
        if (!now.owner().equals(before.owner())) {
            view.setOwner(before.owner());
        }
        if (!now.group().equals(before.group())) {
            view.setGroup(before.group());
        }
        view.setPermissions(before.permissions());
    }

    private static PosixFileAttributes posixAttributes(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        return view == null ? null : view.readAttributes();
    }

    /** Makes the rename itself durable; not every platform can open a folder, and the data is safe anyway. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // The rename already happened; only its durability across a power cut is weaker.
        }
    }
}
