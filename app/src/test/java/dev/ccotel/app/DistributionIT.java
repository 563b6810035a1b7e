package dev.ccotel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccotel.app.runtime.Version;
import dev.ccotel.domain.fixtures.Fixtures;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged distribution ({@code target/ccotel-<version>/bin/ccotel}) as a user would, with a
 * PATH whose {@code java} is too old: the launcher must find a JDK 21+ elsewhere or say in one line
 * that it found none, and the daemon's stdout must carry only its JSON lines, first run included.
 */
class DistributionIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIST = Path.of("target", "ccotel-" + Version.VALUE).toAbsolutePath();
    private static final Path LAUNCHER = DIST.resolve("bin").resolve("ccotel");
    private static final Path JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
    private static final String THIS_JDK = System.getProperty("java.home");

    @TempDir
    Path temp;

    record Run(int exit, String out, String err) {}

    /** A PATH whose first java is Java 17: the real one when installed, else a script that says it is 17. */
    private String pathWithOldJava() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("oldjava/bin"));
        Path java = bin.resolve("java");
        if (Files.isExecutable(JAVA_17)) {
            Files.createSymbolicLink(java, JAVA_17);
        } else {
            Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"17.0.15\" 2025-04-15' >&2\nexit 1\n");
            Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin + ":/usr/bin:/bin";
    }

    /** The launcher with a clean environment: HOME in the test's folder, no JDK but what {@code env} names. */
    private ProcessBuilder launcher(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("CCOTEL_") || k.startsWith("XDG_") || k.startsWith("JAVA"));
        Path home = Files.createDirectories(temp.resolve("home"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("PATH", pathWithOldJavaOnce());
        // Only this folder is searched for JDKs, so the machine's /usr/lib/jvm cannot rescue a test.
        pb.environment().put("CCOTEL_JVM_DIRS", Files.createDirectories(temp.resolve("no-jdks")).toString());
        pb.environment().putAll(env);
        return pb;
    }

    private String path;

    private String pathWithOldJavaOnce() throws IOException {
        if (path == null) {
            path = pathWithOldJava();
        }
        return path;
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        assertTrue(Files.isExecutable(LAUNCHER), "package the distribution first: " + LAUNCHER);
        Process p = launcher(env, args).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out, err);
    }

    @Test
    void version_withJava17OnPath_runsOnTheJdkThatJavaHomeNames() throws Exception {
        Run run = run(Map.of("JAVA_HOME", THIS_JDK), "--version");

        assertEquals(0, run.exit(), run.err());
        assertEquals("ccotel " + Version.VALUE + "\n", run.out());
        assertEquals("", run.err());
    }

    @Test
    void version_withJava17OnPathAndInJavaHome_runsOnTheJavaThatCcotelJavaNames() throws Exception {
        Map<String, String> env = Map.of("CCOTEL_JAVA", THIS_JDK + "/bin/java",
                "JAVA_HOME", JAVA_17.getParent().getParent().toString());

        Run run = run(env, "--version");

        assertEquals(0, run.exit(), run.err());
        assertEquals("ccotel " + Version.VALUE + "\n", run.out());
    }

    @Test
    void withJava17OnPath_findsANewerJdkInTheJvmFolders() throws Exception {
        Path jvms = Files.createDirectories(temp.resolve("jvms"));
        Files.createSymbolicLink(jvms.resolve("some-jdk"), Path.of(THIS_JDK));

        Run run = run(Map.of("CCOTEL_JVM_DIRS", jvms.toString()), "--version");

        assertEquals(0, run.exit(), run.err());
        assertEquals("ccotel " + Version.VALUE + "\n", run.out());
    }

    @Test
    void noJdk21Found_saysSoInOneLineNamingJava21AndWhereItLooked_andExitsOne() throws Exception {
        Run run = run(Map.of(), "--version");

        assertEquals(1, run.exit());
        assertEquals("", run.out());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.getFirst().contains("Java 21"), run.err());
        assertTrue(lines.getFirst().contains("JAVA_HOME: unset"), run.err());
        assertTrue(lines.getFirst().contains("PATH (") && lines.getFirst().contains("Java 17"), run.err());
    }

    @Test
    void argumentsPassThroughUnchanged_spacesIncluded_andASymlinkToTheLauncherWorks() throws Exception {
        Path file = temp.resolve("saved exports").resolve("text reply logs.pb");
        Files.createDirectories(file.getParent());
        Files.copy(Fixtures.pb("text-reply", "0001-logs.pb"), file);
        Path link = Files.createDirectories(temp.resolve("bin")).resolve("ccotel");
        Files.createSymbolicLink(link, LAUNCHER);

        Process p = launcher(Map.of("JAVA_HOME", THIS_JDK), "inspect", file.toString()).command(List.of(
                link.toString(), "inspect", file.toString())).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));

        assertEquals(0, p.exitValue(), err);
        assertEquals(1, out.lines().count(), out);
        assertEquals("/home/dev/projects/acme", JSON.readTree(out.lines().findFirst().orElseThrow()).get("project").asText());
    }

    @Test
    void serviceInstall_throughTheLauncher_startsAStableCopyOfItsDistribution() throws Exception {
        Path link = Files.createDirectories(temp.resolve("bin")).resolve("ccotel");
        Files.createSymbolicLink(link, LAUNCHER);

        Process p = launcher(Map.of("JAVA_HOME", THIS_JDK)).command(List.of(link.toString(), "service", "install",
                "--dry-run", "--platform", "systemd")).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));

        assertEquals(0, p.exitValue(), err);
        Path copy = temp.resolve("home/.local/share/ccotel/dist/" + Version.VALUE);
        assertTrue(out.contains("would copy the distribution " + LAUNCHER.toRealPath().getParent().getParent() + " to "
                + copy), out);
        assertTrue(out.contains("ExecStart=" + copy.resolve("bin/ccotel") + " daemon\n"), out);
        assertTrue(out.contains("Environment=CCOTEL_JAVA=" + Path.of(THIS_JDK).toRealPath() + "/bin/java\n"), out);
    }

    @Test
    void completionScripts_shipInTheDistribution_andBashLoadsThem() throws Exception {
        Path script = DIST.resolve("completion").resolve("ccotel.bash");
        assertTrue(Files.isRegularFile(DIST.resolve("completion").resolve("ccotel.zsh")));

        Process p = new ProcessBuilder("bash", "-c", "source \"$1\" && complete -p ccotel", "bash", script.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));

        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("-F _complete_ccotel ccotel"), out);
    }

    @Test
    void zshCompletion_loadsThroughBashcompinit() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh")),
                "zsh is not installed (.ci/run installs it)");
        Path script = DIST.resolve("completion").resolve("ccotel.zsh");

        ProcessBuilder pb = new ProcessBuilder("zsh", "-f", "-c",
                "autoload -U compinit && compinit -u -d \"$2\" && source \"$1\" && echo $_comps[ccotel]", "zsh",
                script.toString(), temp.resolve("zcompdump").toString()).redirectErrorStream(true);
        pb.environment().put("HOME", Files.createDirectories(temp.resolve("zhome")).toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));

        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("_bash_complete"), "zsh completes ccotel through bashcompinit: " + out);
    }

    @Test
    void dryRunDaemon_firstRunToo_printsOnlyJsonLinesOnStdout_andNoClassDataChatterAnywhere() throws Exception {
        Path archiveDir = temp.resolve("home").resolve(".cache").resolve("ccotel");
        for (int run = 1; run <= 2; run++) { // the first run writes the class-data archive, the second uses it
            Path out = temp.resolve("out-" + run);
            Path err = temp.resolve("err-" + run);
            Process daemon = launcher(Map.of("JAVA_HOME", THIS_JDK), "daemon", "--dry-run", "--port", "0")
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                export(grpcPort(daemon, err));
                assertTrue(Await.until(() -> read(out).endsWith("\n")), "no request printed");
                daemon.destroy(); // SIGTERM
                assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "exits within a bounded time");
                assertEquals(0, daemon.exitValue(), read(err));
            } finally {
                daemon.destroyForcibly();
            }
            List<String> lines = read(out).lines().toList();
            assertEquals(1, lines.size(), "run " + run + ": " + read(out));
            JsonNode request = JSON.readTree(lines.getFirst());
            assertEquals(8, request.get("events").size());
            String stderr = read(err);
            assertFalse(stderr.toLowerCase(java.util.Locale.ROOT).contains("cds"), "run " + run + ": " + stderr);
            assertFalse(stderr.contains("[warning]"), "run " + run + ": " + stderr);
            for (String line : stderr.lines().toList()) {
                assertTrue(line.startsWith("ccotel") || line.matches("\\d{4}-\\d\\d-\\d\\dT.* INFO .*"),
                        "run " + run + ", an unexpected stderr line: " + line);
            }
            assertTrue(Files.isRegularFile(archiveDir.resolve("ccotel-" + Version.VALUE + "-java"
                    + Runtime.version().feature() + ".jsa")), "the class-data archive is kept in the cache folder");
        }
    }

    /** The launcher with {@code input} on its stdin. */
    private Run run(Map<String, String> env, byte[] input, String... args) throws Exception {
        Process p = launcher(env, args).start();
        try (java.io.OutputStream in = p.getOutputStream()) {
            in.write(input);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out, err);
    }

    private static byte[] capturedStatusline() {
        return dev.ccotel.domain.fixtures.Captures2_1_332.bytes("statusline/gateway-rate-limits/1-first/statusline-05.json");
    }

    /** Issue 24: the statusline starts no JVM (this java would leave a mark), and says when no daemon keeps telemetry. */
    @Test
    void statusline_startsNoJvm_andWithoutADaemonSaysTelemetryIsNotKept() throws Exception {
        Path jdk = fakeJdk("25.0.3");
        Path mark = temp.resolve("jvm-started");
        Files.writeString(jdk.resolve("bin/java"), "#!/bin/sh\ntouch " + mark + "\n");
        Map<String, String> env = Map.of("CCOTEL_JAVA", jdk.toString(), "XDG_STATE_HOME",
                Files.createDirectories(temp.resolve("state")).toString());
        Files.createDirectories(temp.resolve("state/ccotel"));
        Files.writeString(temp.resolve("state/ccotel/daemon-http"), "127.0.0.1:" + freePort() + "\n");

        Run line = run(env, capturedStatusline(), "statusline");
        Run hook = run(env, capturedStatusline(), "hook");
        Run chained = run(env, capturedStatusline(), "statusline", "--chain", "printf 'my line'");

        assertEquals(0, line.exit(), line.err());
        assertTrue(line.out().startsWith("ccotel: no daemon on 127.0.0.1:"), line.out());
        assertTrue(line.out().contains("telemetry is not kept"), line.out());
        assertEquals(0, hook.exit(), hook.err());
        assertEquals("", hook.out(), "a SessionStart hook's output would reach the model");
        assertTrue(chained.out().startsWith("my line · ccotel: no daemon"), chained.out());
        assertFalse(Files.exists(mark), "no JVM was started");
        assertEquals(2, run(env, new byte[0], "statusline", "--bogus").exit());
    }

    /** Issue 24: the packaged daemon answers the launcher's statusline, found through the address file it writes. */
    @Test
    void statusline_throughTheLauncher_showsTheSessionFromTheRunningDaemon() throws Exception {
        Path out = temp.resolve("sl-out");
        Path err = temp.resolve("sl-err");
        // Ports the daemon picks itself (a port probed free here may be taken by the time it binds, with
        // another test fork beside this one): the launcher finds it through the address file alone.
        Path javaTemp = Files.createDirectories(temp.resolve("java-tmp"));
        Map<String, String> env = Map.of("JAVA_HOME", THIS_JDK, "CCOTEL_RECEIVER_HTTP_PORT", "0",
                "CCOTEL_JAVA_OPTS", "-Djava.io.tmpdir=" + javaTemp);
        Process daemon = launcher(env, "daemon", "--port", "0").redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        try {
            grpcPort(daemon, err);
            assertTrue(Files.isRegularFile(temp.resolve("home/.local/state/ccotel/daemon-http")),
                    "the daemon says where it listens: " + read(err));
            Run line = run(Map.of("COLUMNS", "200", "NO_COLOR", "1"), capturedStatusline(), "statusline");
            assertEquals(0, line.exit(), line.err());
            assertTrue(line.out().startsWith("~$0.016 · today $0.00"), line.out());
            assertTrue(line.out().endsWith("Sonnet 4.5\n"), line.out());
            assertFalse(line.out().contains("\u001b["), "NO_COLOR: no colour");
            Run coloured = run(Map.of("TERM", "xterm-256color"), capturedStatusline(), "statusline");
            assertTrue(coloured.out().contains("\u001b[2m~$0.016\u001b[0m"), coloured.out());
            Run hook = run(Map.of(), capturedStatusline(), "hook");
            assertEquals("", hook.out());
            // While it runs: sqlite-jdbc's own copy would be there until its exit (and forever after a kill -9).
            try (var tmp = Files.list(javaTemp); var cache = Files.walk(temp.resolve("home/.cache/ccotel"))) {
                assertEquals(List.of(), tmp.toList(), "sqlite-jdbc's library is not copied to the temporary folder");
                assertTrue(cache.anyMatch(f -> f.getFileName().toString().equals("libsqlitejdbc.so")),
                        "it is kept in the cache");
            }
            daemon.destroy();
            assertTrue(daemon.waitFor(60, TimeUnit.SECONDS));
        } finally {
            daemon.destroyForcibly();
        }
        assertFalse(Files.exists(temp.resolve("home/.local/state/ccotel/daemon-http")),
                "a daemon that stopped cleanly takes its address back");
    }

    /** A JDK folder whose java prints, one per line, the arguments the launcher gave it. */
    private Path fakeJdk(String version) throws IOException {
        Path jdk = Files.createDirectories(temp.resolve("fake-jdk-" + version));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return jdk;
    }

    @Test
    void daemonFlags_trimTheCHeapOnJava22AndLater_only_andShortCommandsGetNoHeapSizes() throws Exception {
        List<String> on25 = run(Map.of("CCOTEL_JAVA", fakeJdk("25.0.3").toString()), "daemon").out().lines().toList();
        List<String> on21 = run(Map.of("CCOTEL_JAVA", fakeJdk("21.0.9").toString()), "daemon").out().lines().toList();
        List<String> status = run(Map.of("CCOTEL_JAVA", fakeJdk("25.0.3").toString()), "status").out().lines().toList();

        for (List<String> args : List.of(on25, on21, status)) {
            assertTrue(args.contains("-XX:+UseSerialGC") && args.contains("-XX:TieredStopAtLevel=1"), args.toString());
            assertEquals("dev.ccotel.app.Main", args.get(args.size() - 2), args.toString());
        }
        assertTrue(on25.contains("-XX:TrimNativeHeapInterval=60000") && on25.contains("-Xms16m"), on25.toString());
        assertFalse(on21.contains("-XX:TrimNativeHeapInterval=60000"), "Java 21 may not know the flag: " + on21);
        assertTrue(on21.contains("-Xms16m"), on21.toString());
        assertFalse(status.contains("-XX:TrimNativeHeapInterval=60000") || status.contains("-Xms16m"), status.toString());
    }

    @Test
    void daemonFlags_wakeTheMonitorDeflationEvery10s_onlyOnJavaVersionsKnownToHaveTheDiagnosticFlag() throws Exception {
        List<String> on25 = run(Map.of("CCOTEL_JAVA", fakeJdk("25.0.3").toString()), "daemon").out().lines().toList();
        List<String> on21 = run(Map.of("CCOTEL_JAVA", fakeJdk("21.0.9").toString()), "daemon").out().lines().toList();
        List<String> on26 = run(Map.of("CCOTEL_JAVA", fakeJdk("26.0.1").toString()), "daemon").out().lines().toList();
        List<String> status = run(Map.of("CCOTEL_JAVA", fakeJdk("25.0.3").toString()), "status").out().lines().toList();

        for (List<String> args : List.of(on25, on21)) {
            int unlock = args.indexOf("-XX:+UnlockDiagnosticVMOptions");
            assertTrue(unlock >= 0 && unlock < args.indexOf("-XX:AsyncDeflationInterval=10000"), args.toString());
        }
        for (List<String> args : List.of(on26, status)) {
            assertFalse(args.stream().anyMatch(a -> a.contains("Diagnostic") || a.contains("AsyncDeflation")),
                    "a JVM refuses to start on a flag it does not know; status is short: " + args);
        }
    }

    /**
     * The JVM fills a class-data archive once, with what its first run loaded: status, report and import each get
     * their own, and every other short command shares one.
     */
    @Test
    void shortCommands_eachFrequentOneHasAClassDataArchiveOfItsOwn() throws Exception {
        Map<String, String> env = Map.of("CCOTEL_JAVA", fakeJdk("25.0.3").toString());
        Map<String, String> archives = new java.util.LinkedHashMap<>();
        for (String command : List.of("status", "report", "import", "config", "--version")) {
            archives.put(command, run(env, command).out().lines().filter(a -> a.startsWith("-XX:SharedArchiveFile="))
                    .map(a -> Path.of(a.substring(a.indexOf('=') + 1)).getFileName().toString()).findFirst()
                    .orElseThrow(() -> new AssertionError(command + ": no archive")));
        }
        String prefix = "ccotel-" + Version.VALUE + "-java25-cli";
        assertEquals(Map.of("status", prefix + "-status.jsa", "report", prefix + "-report.jsa", "import",
                prefix + "-import.jsa", "config", prefix + ".jsa", "--version", prefix + ".jsa"), archives);
    }

    /**
     * The AOT cache is made by a training run in the background, apart from the user's daemon; the
     * next start uses it ({@code -XX:AOTMode=on} makes the JVM refuse to start when it cannot) and
     * says nothing about it.
     */
    @Test
    void daemonOnJdk25_firstStartMakesTheAotCacheInTheBackground_andTheNextStartUsesItQuietly() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 25,
                "the AOT cache needs JDK 25; this JDK is " + Runtime.version().feature());
        Path cacheDir = temp.resolve("home").resolve(".cache").resolve("ccotel");
        for (int run = 1; run <= 2; run++) {
            Path out = temp.resolve("aot-out-" + run);
            Path err = temp.resolve("aot-err-" + run);
            Map<String, String> env = new java.util.HashMap<>(Map.of("JAVA_HOME", THIS_JDK,
                    "CCOTEL_RECEIVER_HTTP_PORT", "0"));
            Path classes = temp.resolve("aot-classes-" + run);
            if (run == 2) {
                env.put("CCOTEL_JAVA_OPTS", "-XX:AOTMode=on -Xlog:class+load=info:file=" + classes);
                env.put("CCOTEL_RECEIVER_PORT", "0"); // a bare `daemon`, as the login service starts it
            }
            Process daemon = (run == 1 ? launcher(env, "daemon", "--port", "0") : launcher(env, "daemon"))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                export(grpcPort(daemon, err));
                daemon.destroy();
                assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "exits within a bounded time");
                assertEquals(0, daemon.exitValue(), read(err));
            } finally {
                daemon.destroyForcibly();
            }
            assertEquals(run == 1, read(err).contains("a start-up cache is made in the background"),
                    "run " + run + ": the first run says what happens: " + read(err));
            if (run == 1) {
                assertTrue(Await.until(() -> aotCaches(cacheDir).size() == 1, 300), "the cache is made: "
                        + trainingLog(cacheDir));
            } else {
                assertEquals("", read(out), "a run that uses the cache says nothing about it");
                assertFalse(read(err).contains("[warning]") || read(err).contains("AOT"), read(err));
                // A JDK 25 cache loads every class it holds at start: the training's clients must not be among them.
                String loaded = read(classes);
                assertTrue(loaded.contains("dev.ccotel.app.Main source: shared objects file"), "the classes come from the cache");
                for (String client : List.of("io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder ",
                        "java.net.http.HttpClient ", "dev.ccotel.app.cli.TrainClient ")) {
                    assertFalse(loaded.contains(client), "the daemon's cache holds no client: " + client);
                }
                // nor JFR's event machinery, which Netty's allocator events would register at the first gRPC export
                assertFalse(loaded.contains("jdk.jfr.internal.MetadataRepository "), "JFR's event registry was loaded");
                // nor picocli, which a bare `daemon` has nothing to parse with (no cache can hold its old class files)
                assertFalse(loaded.contains("picocli.CommandLine "), "a bare daemon loaded picocli");
            }
        }
    }

    /**
     * {@code report} and {@code status} get an AOT cache of their own, trained in the background on the command
     * itself (its output thrown away); the next run uses it ({@code -XX:AOTMode=on} makes the JVM refuse to start
     * when it cannot) and prints what the first printed, and nothing more.
     */
    @Test
    void reportAndStatusOnJdk25_firstRunTrainsACacheInTheBackground_andTheNextUsesItQuietly() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 25,
                "the AOT cache needs JDK 25; this JDK is " + Runtime.version().feature());
        Path cacheDir = temp.resolve("home").resolve(".cache").resolve("ccotel");
        Path store = temp.resolve("home/.local/share/ccotel/ccotel.db");
        Run beforeAnyStore = run(Map.of("JAVA_HOME", THIS_JDK), "report");
        assertEquals(0, beforeAnyStore.exit(), beforeAnyStore.err());
        try (var files = Files.list(cacheDir)) { // neither a cache nor the folder a training makes it in
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch(n -> n.contains("-cli-report.aot")),
                    "no report cache is trained before there is a store to read: " + names);
        }
        Files.createDirectories(store.getParent(), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        dev.ccotel.adapter.sqlite.SqliteStore.open(dev.ccotel.adapter.sqlite.StoreConfig.at(store, false),
                java.time.Clock.systemUTC()).close(); // an empty store, as a daemon leaves it
        String report = "";
        for (String command : List.of("report", "status")) {
            Run first = run(Map.of("JAVA_HOME", THIS_JDK), command);
            report = command.equals("report") ? first.out() : report;
            assertEquals("", first.err().lines().filter(l -> l.contains("cache")).reduce("", String::concat),
                    command + ": a short command trains without a word");
            assertTrue(Await.until(() -> aotCaches(cacheDir).stream()
                    .anyMatch(f -> f.getFileName().toString().endsWith("-cli-" + command + ".aot")), 300),
                    command + ": its cache is made: " + trainingLog(cacheDir));
            Run next = run(Map.of("JAVA_HOME", THIS_JDK, "CCOTEL_JAVA_OPTS", "-XX:AOTMode=on"), command);
            assertEquals(first, next, command + ": the same words, exit code and nothing about the cache");
        }
        assertFalse(report.isBlank(), "report says something");
        assertFalse(trainingLog(cacheDir).contains(report.lines().findFirst().orElseThrow()),
                "a training's output is thrown away, not logged: " + trainingLog(cacheDir));
    }

    /**
     * A second daemon on taken ports: one line, exit 2 at once, and no JVM chatter (the cache is never
     * trained on a failed start: a separate training run makes it).
     */
    @Test
    void daemonOnTakenPorts_saysSoInOneLine_exitsTwo_noJvmLines() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path err = temp.resolve("taken-err");
            Process daemon = launcher(Map.of("JAVA_HOME", THIS_JDK, "CCOTEL_RECEIVER_HTTP_PORT", "0"), "daemon", "--port", Integer.toString(taken.getLocalPort()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
            assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "stops by itself: " + read(err));
            assertEquals(2, daemon.exitValue(), read(err));
            List<String> lines = read(err).lines().filter(l -> !l.contains("a start-up cache is made")).toList();
            assertEquals(1, lines.size(), read(err));
            assertTrue(lines.getFirst().startsWith("ccotel: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": another program listens there"), lines.getFirst());
        }
        Path cacheDir = temp.resolve("home").resolve(".cache").resolve("ccotel");
        if (Runtime.version().feature() >= 25) { // let the background training finish before the folder goes
            assertTrue(Await.until(() -> aotCaches(cacheDir).size() == 1, 300), "the cache is made all the same: "
                    + trainingLog(cacheDir));
        }
    }

    private static String trainingLog(Path dir) {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".aot.log")).map(DistributionIT::read)
                    .reduce("", String::concat);
        } catch (IOException e) {
            return "(no cache folder: " + e + ")";
        }
    }

    private static List<Path> aotCaches(Path dir) {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".aot")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void export(int port) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .export(Fixtures.pbLogs("text-reply"));
        } finally {
            channel.shutdownNow();
        }
    }

    private static final Pattern LISTENING = Pattern.compile("listening on \\S+:(\\d+) \\(OTLP/gRPC\\)");

    /** The gRPC port a daemon started on port 0 says it listens on, once it says so; fails if it stops first. */
    private static int grpcPort(Process daemon, Path err) throws InterruptedException {
        assertTrue(Await.until(() -> LISTENING.matcher(read(err)).find() || !daemon.isAlive()),
                "the daemon did not start: " + read(err));
        Matcher listening = LISTENING.matcher(read(err));
        assertTrue(listening.find(), "the daemon stopped before it listened: " + read(err));
        return Integer.parseInt(listening.group(1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Issue 26: a one-person hub as a user meets it, through the launcher with a fresh HOME and no
     * database URL: members and reports beside the running hub, its record in a file of its own, and a
     * second hub on that file refused naming the first.
     */
    @Test
    void hub_withAFreshHomeAndNoDatabaseUrl_keepsItsRecordInAFileOfItsOwn() throws Exception {
        Map<String, String> env = Map.of("JAVA_HOME", THIS_JDK);
        Path file = temp.resolve("home/.local/share/ccotel/hub.db");
        Run added = run(env, "hub", "member", "add", "ada");
        assertEquals(0, added.exit(), added.err());
        String token = added.out().strip();
        assertTrue(token.startsWith("ccotel_hub_"), added.out());

        Path err = temp.resolve("hub-err");
        Process hub = launcher(env, "hub", "--set", "hub.port=0").redirectError(err.toFile()).start();
        try {
            assertTrue(Await.until(() -> read(err).contains("keeps its record in") || !hub.isAlive()),
                    "the hub did not start: " + read(err));
            assertTrue(read(err).contains("the hub keeps its record in SQLite " + file), read(err));
            assertFalse(read(err).contains("no members yet"), "ada was added before the start: " + read(err));
            Matcher listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)").matcher(read(err));
            assertTrue(listening.find(), read(err));
            java.net.http.HttpResponse<String> kept = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + listening.group(1)
                            + "/v1/logs")).header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/x-protobuf")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                                    Fixtures.pbLogs("write-file").toByteArray())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, kept.statusCode(), kept.body());

            Run report = run(env, "hub", "report", "members", "--json");
            assertEquals(0, report.exit(), report.err());
            assertTrue(report.out().contains("\"key\":\"ada\""), "read beside the running hub: " + report.out());

            Run second = run(env, "hub", "--set", "hub.port=0");
            assertEquals(2, second.exit(), second.err());
            assertTrue(second.err().contains("hub.database.path " + file + " is in use by another ccotel (pid "
                    + hub.pid()), second.err());

            hub.destroy(); // SIGTERM
            assertTrue(hub.waitFor(30, TimeUnit.SECONDS), "exits within a bounded time");
            assertEquals(0, hub.exitValue(), read(err));
        } finally {
            hub.destroyForcibly();
        }
        assertTrue(Files.isRegularFile(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse(Files.exists(file.resolveSibling("ccotel.db")), "the daemon's store is not the hub's");
    }

    /** A new user's first hub refuses everyone until a member is added: its start says so, and how. */
    @Test
    void hub_startedBeforeAnyMember_saysEveryRequestIsRefusedUntilOneIsAdded() throws Exception {
        Path err = temp.resolve("hub-err");
        Process hub = launcher(Map.of("JAVA_HOME", THIS_JDK), "hub", "--set", "hub.port=0")
                .redirectError(err.toFile()).start();
        try {
            assertTrue(Await.until(() -> read(err).contains("no members yet") || !hub.isAlive()),
                    "no hint at the start: " + read(err));
            assertTrue(read(err).contains("'ccotel hub member add NAME'"), read(err));
            hub.destroy(); // SIGTERM
            assertTrue(hub.waitFor(30, TimeUnit.SECONDS), "exits within a bounded time");
        } finally {
            hub.destroyForcibly();
        }
    }

    /** Polls a condition for up to 60 s; never asserts on how long it took. */
    private static final class Await {
        static boolean until(java.util.function.BooleanSupplier condition) throws InterruptedException {
            return until(condition, 60);
        }

        static boolean until(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                if (condition.getAsBoolean()) {
                    return true;
                }
                Thread.sleep(50);
            }
            return condition.getAsBoolean();
        }
    }
}
