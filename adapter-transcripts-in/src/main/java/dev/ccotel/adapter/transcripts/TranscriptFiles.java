package dev.ccotel.adapter.transcripts;

import dev.ccotel.domain.source.transcript.TranscriptLine;
import dev.ccotel.domain.source.transcript.TranscriptReader;
import dev.ccotel.ports.out.ReadTranscriptsPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Claude Code's transcripts on disk: {@code <root>/<project>/<session>.jsonl}, and a sub-agent's
 * {@code <root>/<project>/<session>/subagents/agent-<id>.jsonl}. Reads each file as bytes, line by
 * line; a last line without its newline is Claude Code still writing, and is left for the next import.
 */
public final class TranscriptFiles implements ReadTranscriptsPort {
    private static final int START_BUFFER = 1 << 20;

    private final LineValues values = new LineValues(TranscriptReader.FIELDS);

    /**
     * Walks each root's project folders two or more at a time (the common pool): a re-import over a
     * year of unchanged history is mostly this listing, tens of thousands of files' sizes and times.
     * The result keeps the order of a walk one folder after another.
     */
    @Override
    public List<TranscriptFile> find(List<String> roots) {
        Map<String, TranscriptFile> found = new LinkedHashMap<>();
        for (String root : roots) {
            Path dir = Path.of(root);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> projects = new ArrayList<>();
            try (Stream<Path> children = Files.list(dir.toRealPath())) {
                // a root named twice (a link, CLAUDE_CONFIG_DIR = ~/.claude) is read once: its real path
                children.sorted().forEach(projects::add);
            } catch (IOException | UncheckedIOException e) {
                continue; // the root itself went away or may not be read: nothing under it to import
            }
            projects.parallelStream().map(TranscriptFiles::walk).toList()
                    .forEach(files -> files.forEach(f -> found.putIfAbsent(f.path(), f)));
        }
        return List.copyOf(found.values());
    }

    /** Every transcript under one project folder (or one file directly under a root). */
    private static List<TranscriptFile> walk(Path start) {
        List<TranscriptFile> found = new ArrayList<>();
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".jsonl")) {
                        transcript(file, attrs).ifPresent(found::add);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // a folder that went away or may not be read: the rest still counts
                }
            });
        } catch (IOException e) {
            // the folder went away while listed: nothing under it to import
        }
        return found;
    }

    private static Optional<TranscriptFile> transcript(Path file, BasicFileAttributes attrs) {
        String name = file.getFileName().toString();
        Path parent = file.getParent();
        boolean subAgent = parent != null && parent.getFileName() != null
                && parent.getFileName().toString().equals("subagents") && parent.getParent() != null;
        String sessionId = subAgent ? parent.getParent().getFileName().toString()
                : name.substring(0, name.length() - ".jsonl".length());
        if (sessionId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TranscriptFile(file.toString(), sessionId, subAgent, attrs.size(),
                attrs.lastModifiedTime().toMillis()));
    }

    @Override
    public FileRead read(TranscriptFile file, Consumer<TranscriptLine> lines) {
        Path path = Path.of(file.path());
        long notJson = 0;
        long bytes = 0;
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buf = new byte[(int) Math.min(START_BUFFER, Math.max(file.size(), 1) + 1)];
            int start = 0;
            int end = 0;
            int scanned = 0;
            while (true) {
                if (end == buf.length) {
                    if (start > 0) {
                        System.arraycopy(buf, start, buf, 0, end - start);
                        end -= start;
                        scanned -= start;
                        start = 0;
                    } else {
                        buf = java.util.Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
                    }
                }
                int n = in.read(buf, end, buf.length - end);
                if (n < 0) {
                    break;
                }
                end += n;
                for (int i = scanned; i < end; i++) {
                    if (buf[i] == '\n') {
                        if (!blank(buf, start, i)) {
                            Optional<java.util.Map<String, Object>> line = values.read(buf, start, i - start);
                            if (line.isPresent()) {
                                lines.accept(new TranscriptLine(line.get()));
                            } else {
                                notJson++;
                            }
                        }
                        bytes += i + 1 - start;
                        start = i + 1;
                    }
                }
                scanned = end;
            }
            return new FileRead.Read(bytes, notJson, !blank(buf, start, end));
        } catch (NoSuchFileException e) {
            return new FileRead.Unreadable(file.path() + " vanished while it was read", true);
        } catch (IOException e) {
            return new FileRead.Unreadable(file.path() + ": " + e.getMessage(), !Files.exists(path));
        }
    }

    private static boolean blank(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] != ' ' && buf[i] != '\r' && buf[i] != '\t') {
                return false;
            }
        }
        return true;
    }
}
