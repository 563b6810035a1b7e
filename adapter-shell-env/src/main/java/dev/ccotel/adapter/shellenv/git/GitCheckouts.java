package dev.ccotel.adapter.shellenv.git;

import dev.ccotel.domain.context.SessionContext.GitPlace;
import dev.ccotel.ports.out.ReadGitPort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a folder's branch, origin repository and worktree from git's own files ({@code .git/HEAD},
 * {@code config}, a linked worktree's {@code gitdir} and {@code commondir}), without starting git: the
 * statusline asks at every refresh. A repository's address is kept as {@code host/owner/name}, with
 * any user name or token in its URL left out.
 */
public final class GitCheckouts implements ReadGitPort {
    private static final int MAX_DEPTH = 64;
    private static final Pattern REMOTE = Pattern.compile("^\\s*\\[\\s*remote\\s+\"([^\"]+)\"\\s*]\\s*$");
    private static final Pattern SECTION = Pattern.compile("^\\s*\\[.*$");
    private static final Pattern URL = Pattern.compile("^\\s*url\\s*=\\s*(.+?)\\s*$");
    /** {@code scheme://[user[:secret]@]host[:port]/path} */
    private static final Pattern URL_FORM = Pattern.compile("^[a-z][a-z0-9+.-]*://(?:[^@/]*@)?([^/:]+)(?::\\d+)?/(.+)$");
    /** scp-like {@code [user@]host:path} */
    private static final Pattern SCP_FORM = Pattern.compile("^(?:[^@/]+@)?([^/:]+):(?!//)(.+)$");

    @Override
    public GitPlace at(String folder) {
        try {
            Path dir = Path.of(folder).toAbsolutePath().normalize();
            for (int depth = 0; dir != null && depth < MAX_DEPTH; depth++, dir = dir.getParent()) {
                Path dotGit = dir.resolve(".git");
                if (Files.isDirectory(dotGit)) {
                    return place(dotGit, dotGit, Optional.empty());
                }
                if (Files.isRegularFile(dotGit)) {
                    return linked(dir, dotGit);
                }
            }
            return GitPlace.NONE;
        } catch (IOException | RuntimeException e) {
            return GitPlace.NONE; // a folder that cannot be read says nothing of its branch: no context, no failure
        }
    }

    /** A linked worktree (or submodule): {@code .git} is a file naming the real git folder. */
    private static GitPlace linked(Path dir, Path dotGit) throws IOException {
        String line = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
        if (!line.startsWith("gitdir:")) {
            return GitPlace.NONE;
        }
        Path gitDir = dir.resolve(line.substring("gitdir:".length()).strip()).normalize();
        Path common = gitDir;
        Path commonFile = gitDir.resolve("commondir");
        if (Files.isRegularFile(commonFile)) {
            common = gitDir.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).strip()).normalize();
        }
        boolean worktree = gitDir.getParent() != null && gitDir.getParent().getFileName() != null
                && gitDir.getParent().getFileName().toString().equals("worktrees");
        return place(gitDir, common, worktree ? Optional.of(gitDir.getFileName().toString()) : Optional.empty());
    }

    private static GitPlace place(Path gitDir, Path commonDir, Optional<String> worktree) throws IOException {
        return new GitPlace(origin(commonDir.resolve("config")), branch(gitDir.resolve("HEAD")), worktree);
    }

    private static Optional<String> branch(Path head) throws IOException {
        if (!Files.isRegularFile(head)) {
            return Optional.empty();
        }
        String ref = Files.readString(head, StandardCharsets.UTF_8).strip();
        if (ref.startsWith("ref:")) {
            String name = ref.substring(4).strip();
            return Optional.of(name.startsWith("refs/heads/") ? name.substring("refs/heads/".length()) : name);
        }
        return ref.length() >= 7 ? Optional.of("(detached " + ref.substring(0, 7) + ")") : Optional.empty();
    }

    /** The {@code origin} remote's address, else the first remote's. */
    private static Optional<String> origin(Path config) throws IOException {
        if (!Files.isRegularFile(config)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(config, StandardCharsets.UTF_8);
        Optional<String> first = Optional.empty();
        String remote = null;
        for (String line : lines) {
            Matcher m = REMOTE.matcher(line);
            if (m.matches()) {
                remote = m.group(1);
                continue;
            }
            if (SECTION.matcher(line).matches()) {
                remote = null;
                continue;
            }
            Matcher url = URL.matcher(line);
            if (remote != null && url.matches()) {
                Optional<String> address = address(url.group(1));
                if (remote.equals("origin")) {
                    return address;
                }
                if (first.isEmpty()) {
                    first = address;
                }
            }
        }
        return first;
    }

    /** {@code host/owner/name} of a remote URL, without credentials or {@code .git}; empty for a local path. */
    static Optional<String> address(String url) {
        String u = url.strip();
        if (u.startsWith("\"") && u.endsWith("\"") && u.length() > 1) {
            u = u.substring(1, u.length() - 1);
        }
        Matcher m = URL_FORM.matcher(u);
        if (!m.matches()) {
            m = SCP_FORM.matcher(u);
            if (!m.matches() || u.startsWith("/") || u.startsWith(".")) {
                return Optional.empty();
            }
        }
        if (u.startsWith("file:")) {
            return Optional.empty();
        }
        String path = m.group(2).replaceAll("/+$", "");
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - 4);
        }
        return path.isEmpty() ? Optional.empty() : Optional.of(m.group(1).toLowerCase(java.util.Locale.ROOT) + "/" + path);
    }
}
