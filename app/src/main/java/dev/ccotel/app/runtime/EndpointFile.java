package dev.ccotel.app.runtime;

import dev.ccotel.app.config.ListenAddress;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The file that tells the launcher's {@code statusline} and {@code hook} where this daemon's HTTP listener
 * is ({@code 127.0.0.1:4318}): written once the listener is up, removed at a clean stop when it is still
 * this daemon's. A file left by a killed daemon names a port nobody answers on, which the statusline says.
 */
public final class EndpointFile implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EndpointFile.class.getName());

    private final Path file;
    private final String content;

    private EndpointFile(Path file, String content) {
        this.file = file;
        this.content = content;
    }

    /** Writes {@code host:port} (a wildcard host as loopback); a failure is logged: the statusline then tries 4318. */
    public static EndpointFile write(Path file, String host, int port) {
        String address = ListenAddress.reachable(host, port);
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), ".daemon-http", ".tmp");
            Files.writeString(temporary, address + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot write {0} ({1}): 'ccotel statusline' will look for the daemon on"
                    + " 127.0.0.1:4318", file, e.getMessage());
        }
        return new EndpointFile(file, address + "\n");
    }

    @Override
    public void close() {
        try {
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
                Files.delete(file);
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "cannot remove " + file + ": " + e.getMessage());
        }
    }
}
