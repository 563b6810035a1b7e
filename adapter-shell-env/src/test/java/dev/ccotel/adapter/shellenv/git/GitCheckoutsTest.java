package dev.ccotel.adapter.shellenv.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ccotel.domain.context.SessionContext.GitPlace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCheckoutsTest {
    @TempDir
    Path dir;

    private final GitCheckouts git = new GitCheckouts();

    /** Runs real git where the machine has it: the files it writes are what the reader must understand. */
    private void run(Path in, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p;
        try {
            p = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("git is not installed here: " + e.getMessage());
            return;
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + ": " + out);
        }
    }

    @Test
    void aCheckoutsBranchAndOriginFromASubfolder() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("project"));
        run(repo, "init", "-q", "-b", "feature/demo");
        run(repo, "remote", "add", "origin", "https://ci-user:ghp_secret@github.com/Acme/Widget.git");
        Path sub = Files.createDirectories(repo.resolve("app/src"));
        assertEquals(new GitPlace(Optional.of("github.com/Acme/Widget"), Optional.of("feature/demo"), Optional.empty()),
                git.at(sub.toString()));
    }

    @Test
    void aLinkedWorktreeNamesItselfAndItsBranchAndSharesTheOrigin() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("main"));
        run(repo, "init", "-q", "-b", "main");
        run(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "start");
        run(repo, "remote", "add", "origin", "git@gitlab.example.org:team/tool.git");
        run(repo, "worktree", "add", "-q", "-b", "fix/thing", dir.resolve("wt-fix").toString());
        assertEquals(new GitPlace(Optional.of("gitlab.example.org/team/tool"), Optional.of("fix/thing"),
                Optional.of("wt-fix")), git.at(dir.resolve("wt-fix").toString()));
    }

    @Test
    void outsideAnyCheckoutNothingIsKnown() {
        assertEquals(GitPlace.NONE, git.at(dir.toString()));
        assertEquals(GitPlace.NONE, git.at(dir.resolve("does/not/exist").toString()));
    }

    @Test
    void addressesLeaveCredentialsAndDotGitOut() {
        assertEquals(Optional.of("github.com/me/x"), GitCheckouts.address("https://token@github.com/me/x.git"));
        assertEquals(Optional.of("github.com/me/x"), GitCheckouts.address("https://me:pw@GitHub.com:443/me/x/"));
        assertEquals(Optional.of("host/owner/name"), GitCheckouts.address("ssh://git@host:22/owner/name.git"));
        assertEquals(Optional.of("github.com/me/x"), GitCheckouts.address("git@github.com:me/x.git"));
        assertEquals(Optional.empty(), GitCheckouts.address("/srv/git/x.git"));
        assertEquals(Optional.empty(), GitCheckouts.address("file:///srv/git/x.git"));
        assertEquals(Optional.empty(), GitCheckouts.address("../x"));
    }
}
