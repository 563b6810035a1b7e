import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Writes a year of heavy Claude Code use as transcripts, for timing {@code ccotel import} against
 * {@code ccusage daily} on the same files. Every line is a line real Claude Code 2.1.332 wrote (the
 * fixtures under domain/src/test/resources/fixtures/claude-code-2.1.332/transcripts), with its
 * session id, message ids, uuids and times replaced: a session is the resumed session's first run,
 * then further runs like its second and third; some have a sub-agent's file; some have no cost-state
 * lines (older Claude Code, priced by the price list). The large lines (system prompt, tool
 * definitions) are kept in as many sessions as the target size allows.
 *
 * <pre>java tools/import-bench/GenerateHistory.java --out DIR [--sessions 20000] [--bytes 1000000000] [--seed 1]</pre>
 * writes DIR/.claude/projects/-home-dev-project-N/SESSION.jsonl (and SESSION/subagents/agent-ID.jsonl).
 */
public class GenerateHistory {
    private static final Path FIXTURES = Path.of("domain/src/test/resources/fixtures/claude-code-2.1.332/transcripts");
    private static final String RESUMED = "7ba5c8e4-88ce-4a0b-983a-b5d1f4eba0c7";
    private static final String PARENT = "aa11a248-bd87-47e2-a0e3-d72077873e03";
    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"[^\"]+\"");
    private static final Pattern UUID_VALUE = Pattern.compile("\"(uuid|parentUuid|leafUuid|promptId)\":\"[0-9a-f-]{36}\"");
    private static final Pattern MESSAGE_ID = Pattern.compile("msg_(\\d{4})");
    private static final Pattern START_TIME = Pattern.compile("\"startTime\":\\d+");

    public static void main(String[] args) throws IOException {
        Path out = null;
        int sessions = 20_000;
        long bytes = 1_000_000_000L;
        long seed = 1;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[i + 1]);
                case "--sessions" -> sessions = Integer.parseInt(args[i + 1]);
                case "--bytes" -> bytes = Long.parseLong(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        List<String> resumed = lines(FIXTURES.resolve("resume-chain/.claude/projects/-tmp-ccotel-transcripts-project/"
                + RESUMED + ".jsonl.gz"));
        List<String> subAgent = lines(FIXTURES.resolve("subagent/.claude/projects/-tmp-ccotel-transcripts-project/"
                + PARENT + "/subagents/agent-a0be92ce4c564f69b.jsonl.gz"));
        List<String> firstRun = resumed.subList(0, 31);
        List<String> laterRun = resumed.subList(31, 51);
        Random random = new Random(seed);
        Instant yearAgo = Instant.parse("2025-12-07T08:00:00Z");
        Path projects = out.resolve(".claude/projects");
        long written = 0;
        long files = 0;
        for (int s = 0; s < sessions; s++) {
            String sessionId = new UUID(random.nextLong(), random.nextLong()).toString();
            Path dir = projects.resolve("-home-dev-project-" + random.nextInt(40));
            Files.createDirectories(dir);
            Instant start = yearAgo.plusSeconds(random.nextLong(365L * 86_400));
            // keep the large lines while the files stay under the target size on average
            boolean big = written < (double) bytes * s / sessions;
            boolean older = random.nextInt(100) < 35; // written by a Claude Code without cost-state lines
            int runs = 1 + (int) Math.min(40, Math.abs(random.nextGaussian() * 4));
            Session session = new Session(sessionId, start, s, random);
            List<String> lines = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                for (String line : r == 0 ? firstRun : laterRun) {
                    if (!big && line.length() > 2_000 || older && line.contains("\"type\":\"cost-state\"")) {
                        continue;
                    }
                    lines.add(session.rewrite(line, r));
                }
            }
            written += write(dir.resolve(sessionId + ".jsonl"), lines, start);
            files++;
            if (random.nextInt(100) < 10) {
                Path agents = Files.createDirectories(dir.resolve(sessionId).resolve("subagents"));
                List<String> agent = subAgent.stream().filter(l -> big || l.length() <= 2_000)
                        .map(l -> session.rewrite(l.replace(PARENT, RESUMED), 0)).toList();
                written += write(agents.resolve("agent-" + Long.toHexString(random.nextLong()) + ".jsonl"), agent, start);
                files++;
            }
            if (s % 1000 == 999) {
                System.err.printf("%,d sessions, %,d MB%n", s + 1, written / 1_000_000);
            }
        }
        System.out.printf("wrote %,d sessions in %,d files, %,d bytes, under %s%n", sessions, files, written, projects);
    }

    /** One generated session: its id, and fresh message ids and times for each run. */
    private record Session(String id, Instant start, int index, Random random) {
        String rewrite(String line, int run) {
            String s = line.replace(RESUMED, id);
            Matcher m = MESSAGE_ID.matcher(s);
            s = m.replaceAll(r -> "msg_" + index + "_" + run + "_" + r.group(1));
            Instant at = start.plus(Duration.ofMinutes(run * 7L)).plusMillis(random.nextInt(60_000));
            s = TIMESTAMP.matcher(s).replaceAll("\"timestamp\":\"" + at + "\"");
            s = START_TIME.matcher(s).replaceAll("\"startTime\":" + start.toEpochMilli());
            return UUID_VALUE.matcher(s).replaceAll(r -> "\"" + r.group(1) + "\":\"" + UUID.randomUUID() + "\"");
        }
    }

    private static long write(Path file, List<String> lines, Instant modified) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                w.write(line);
                w.write('\n');
            }
        }
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return Files.size(file);
    }

    private static List<String> lines(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
