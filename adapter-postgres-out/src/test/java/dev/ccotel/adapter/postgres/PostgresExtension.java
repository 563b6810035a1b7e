package dev.ccotel.adapter.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL for tests: started once per test run from the machine's own binaries
 * ({@code /usr/lib/postgresql/<version>/bin}, Debian's {@code postgresql} package; {@code .ci/run}
 * installs it), in a temporary folder on a free loopback port, and stopped when the run ends. Each
 * {@link #newDatabase()} is a fresh, empty database. PostgreSQL refuses to run as root, so as root
 * (CI) it runs as the {@code postgres} user, who owns the temporary folder.
 *
 * <pre>{@code @RegisterExtension static final PostgresExtension PG = new PostgresExtension();}</pre>
 */
public final class PostgresExtension implements BeforeAllCallback {
    private static final String USER = "ccotel";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private Server server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(Server.class, k -> Server.start(), Server.class);
    }

    /** A new empty database on the shared server. */
    public PostgresConfig newDatabase() {
        return newDatabase(server);
    }

    /**
     * A server of its own outside JUnit, for the hub's load generator (bench profile): the same
     * temporary cluster on a free loopback port, stopped by {@link Standalone#close()}.
     */
    public static Standalone standalone() {
        return new Standalone(Server.start());
    }

    /** A server started by {@link #standalone()}. */
    public static final class Standalone implements AutoCloseable {
        private final Server server;

        private Standalone(Server server) {
            this.server = server;
        }

        public PostgresConfig newDatabase() {
            return PostgresExtension.newDatabase(server);
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private static PostgresConfig newDatabase(Server server) {
        String name = "hub_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(server.url("postgres"), USER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
        }
        return new PostgresConfig(server.url(name), USER, "");
    }

    /** The server's port, for tests that stop talking to it on purpose. */
    public int port() {
        return server.port;
    }

    static final class Server implements AutoCloseable {
        private final Path folder;
        private final Path bin;
        private final int port;
        private final boolean asPostgres;

        private Server(Path folder, Path bin, int port, boolean asPostgres) {
            this.folder = folder;
            this.bin = bin;
            this.port = port;
            this.asPostgres = asPostgres;
        }

        static Server start() {
            Path bin = binaries();
            boolean root = "root".equals(System.getProperty("user.name"));
            try {
                Path folder = Files.createTempDirectory("ccotel-pg-");
                if (root) {
                    UserPrincipal postgres = folder.getFileSystem().getUserPrincipalLookupService()
                            .lookupPrincipalByName("postgres");
                    Files.setOwner(folder, postgres);
                }
                int port = freePort();
                Server server = new Server(folder, bin, port, root);
                server.run("initdb", "-D", folder.resolve("data").toString(), "-A", "trust", "-U", USER, "-E", "UTF8",
                        "--no-sync");
                server.run("pg_ctl", "-D", folder.resolve("data").toString(), "-l", folder.resolve("log").toString(),
                        "-o", "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off"
                                + " -c max_connections=300",
                        "-w", "-t", "120", "start");
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start PostgreSQL for the tests", e);
            }
        }

        String url(String database) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        }

        @Override
        public void close() {
            try {
                run("pg_ctl", "-D", folder.resolve("data").toString(), "-m", "immediate", "-w", "stop");
            } finally {
                try (Stream<Path> files = Files.walk(folder)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary folder left behind is no test's failure
                }
            }
        }

        private void run(String tool, String... args) {
            List<String> command = new ArrayList<>();
            if (asPostgres) {
                command.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            command.add(bin.resolve(tool).toString());
            command.addAll(List.of(args));
            try {
                Path out = Files.createTempFile("ccotel-pg-" + tool, ".log");
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                        .directory(folder.toFile()).start();
                if (!p.waitFor(180, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(tool + " did not finish: " + Files.readString(out));
                }
                String output = Files.readString(out);
                Files.deleteIfExists(out);
                if (p.exitValue() != 0) {
                    String log = Files.exists(folder.resolve("log")) ? Files.readString(folder.resolve("log")) : "";
                    throw new IllegalStateException(tool + " failed (" + p.exitValue() + "): " + output + log);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + command, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + tool, e);
            }
        }

        private static Path binaries() {
            try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
                return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString()
                                .replaceAll("\\D", "0"))))
                        .orElseThrow(() -> new IllegalStateException("no PostgreSQL under /usr/lib/postgresql;"
                                + " apt-get install postgresql"));
            } catch (IOException e) {
                throw new IllegalStateException("PostgreSQL is not installed (/usr/lib/postgresql);"
                        + " apt-get install postgresql", e);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            }
        }
    }
}
