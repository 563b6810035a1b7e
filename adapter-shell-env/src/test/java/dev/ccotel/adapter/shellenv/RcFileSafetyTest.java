package dev.ccotel.adapter.shellenv;

import static dev.ccotel.adapter.shellenv.TempHome.read;
import static dev.ccotel.adapter.shellenv.TempHome.telemetry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ccotel.ports.model.ShellChange;
import dev.ccotel.ports.model.ShellKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rc file is precious: links, line endings, modes and every failure path keep it as it was. */
class RcFileSafetyTest {

    private static final String BLOCK_START = "# >>> ccotel >>>";

    @TempDir
    Path temp;

    private ShellChange install(TempHome home) {
        return home.port().writeBlock(ShellKind.BASH, telemetry(4317), false).getFirst();
    }

    private ShellChange uninstall(TempHome home) {
        return home.port().removeBlock(ShellKind.BASH, false).getFirst();
    }

    @Test
    void symlinkedBashrc_isEditedAtItsTarget_andStaysASymlink() throws Exception {
        TempHome home = new TempHome(temp);
        Path real = home.write("dotfiles/bashrc", "alias g=git\n");
        Path middle = Files.createSymbolicLink(temp.resolve("dotfiles/current"), real);
        Path link = Files.createSymbolicLink(home.home.resolve(".bashrc"), middle);

        assertInstanceOf(ShellChange.Changed.class, install(home));

        assertTrue(Files.isSymbolicLink(link) && Files.isSymbolicLink(middle));
        assertEquals(middle, Files.readSymbolicLink(link));
        assertTrue(read(real).startsWith("alias g=git\n" + BLOCK_START + "\n"));
        assertInstanceOf(ShellChange.Changed.class, uninstall(home));
        assertEquals("alias g=git\n", read(real));
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void danglingSymlink_isReported_andNotReplacedByAFile() throws Exception {
        TempHome home = new TempHome(temp);
        Path link = Files.createSymbolicLink(home.home.resolve(".bashrc"), temp.resolve("dotfiles/missing"));

        ShellChange.Failed failed = assertInstanceOf(ShellChange.Failed.class, install(home));

        assertTrue(failed.reason().contains("does not exist"), failed.reason());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(List.of("", "home", "home/.bashrc"), home.tree());
    }

    @Test
    void crlfFile_getsAnLfBlock_becauseShellsEndLinesOnlyAtLf() throws Exception {
        TempHome home = new TempHome(temp);
        Path bashrc = home.write("home/.bashrc", "rem one\r\nrem two\r\n");

        install(home);

        String text = read(bashrc);
        assertTrue(text.startsWith("rem one\r\nrem two\r\n" + BLOCK_START + "\n"), text);
        assertEquals(-1, text.substring("rem one\r\nrem two\r\n".length()).indexOf('\r'), "no CR in the block");
        uninstall(home);
        assertEquals("rem one\r\nrem two\r\n", read(bashrc));
    }

    @Test
    void fileWithoutFinalNewline_getsASeparator_thatUninstallTakesBack() throws Exception {
        TempHome home = new TempHome(temp);
        Path bashrc = home.write("home/.bashrc", "export A=1");

        install(home);
        assertTrue(read(bashrc).startsWith("export A=1\n" + BLOCK_START + "\n"));
        assertTrue(read(bashrc).endsWith("# <<< ccotel <<<"), "still no final newline");
        uninstall(home);

        assertEquals("export A=1", read(bashrc));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-------", "rwxr-x---", "rw-rw-r--"})
    void modeOfTheFile_isKept(String mode) throws Exception {
        TempHome home = new TempHome(temp);
        Path bashrc = home.write("home/.bashrc", "x\n");
        Files.setPosixFilePermissions(bashrc, PosixFilePermissions.fromString(mode));

        install(home);

        assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(bashrc)));
    }

    @Test
    void readOnlyFile_isReportedAndUntouched_evenForRoot() throws Exception {
        TempHome home = new TempHome(temp);
        Path bashrc = home.write("home/.bashrc", "keep me\n");
        Files.setPosixFilePermissions(bashrc, PosixFilePermissions.fromString("r--r--r--"));
        List<String> before = home.tree();

        ShellChange.Failed failed = assertInstanceOf(ShellChange.Failed.class, install(home));
        ShellChange dryRun = home.port().writeBlock(ShellKind.BASH, telemetry(4317), true).getFirst();

        assertTrue(failed.reason().contains("read-only"), failed.reason());
        assertInstanceOf(ShellChange.Failed.class, dryRun, "a dry run predicts the failure");
        assertEquals("keep me\n", read(bashrc));
        assertEquals(before, home.tree());
    }

    /** chattr +i is refused by the kernel even to root, so this is the operating system saying no. */
    @Test
    void immutableFile_isReportedAndUntouched() throws Exception {
        TempHome home = new TempHome(temp);
        Path bashrc = home.write("home/.bashrc", "keep me\n");
        assumeTrue(TempHome.immutable(bashrc, true), "chattr +i is not supported here");
        try {
            assertInstanceOf(ShellChange.Failed.class, install(home));
            assertEquals("keep me\n", read(bashrc));
            assertEquals(List.of("", "home", "home/.bashrc"), home.tree());
        } finally {
            TempHome.immutable(bashrc, false);
        }
    }

    /** The file itself is writable but no temporary file can be made beside it: the write fails midway. */
    @Test
    void folderThatRefusesTheTemporaryFile_leavesTheFileUntouched() throws Exception {
        TempHome home = new TempHome(temp);
        Path bashrc = home.write("home/.bashrc", "keep me\n");
        // Made beforehand so that locking works and the failure comes at the temporary file.
        Files.createDirectories(new FileLocks(new ShellLocations(home.environment())).lockFileOf(bashrc).getParent());
        assumeTrue(TempHome.immutable(home.home, true), "chattr +i is not supported here");
        try {
            ShellChange.Failed failed = assertInstanceOf(ShellChange.Failed.class, install(home));
            assertTrue(failed.reason().contains("left unchanged"), failed.reason());
            assertEquals("keep me\n", read(bashrc));
        } finally {
            TempHome.immutable(home.home, false);
        }
        assertEquals(home.treeWithLockOf(bashrc, "", "home", "home/.bashrc"), home.tree());
    }

    /** The seam: the rename is refused after the temporary file was fully written. */
    @Test
    void failedRename_leavesTheFileUntouched_andNoTemporaryFile() throws Exception {
        TempHome home = new TempHome(temp);
        Path bashrc = home.write("home/.bashrc", "keep me\n");
        RcFileStore refusing = new RcFileStore((source, target) -> {
            throw new java.nio.file.FileSystemException(target.toString(), null, "Operation not permitted");
        });

        ShellChange change = home.port(refusing).writeBlock(ShellKind.BASH, telemetry(4317), false).getFirst();

        assertTrue(assertInstanceOf(ShellChange.Failed.class, change).reason().contains("Operation not permitted"));
        assertEquals("keep me\n", read(bashrc));
        assertEquals(home.treeWithLockOf(bashrc, "", "home", "home/.bashrc"), home.tree());
    }

    @Test
    void hardLinkedFile_isReported_becauseARenameWouldSplitTheLink() throws Exception {
        TempHome home = new TempHome(temp);
        Path bashrc = home.write("home/.bashrc", "keep me\n");
        Path other = Files.createLink(temp.resolve("other-name"), bashrc);

        ShellChange.Failed failed = assertInstanceOf(ShellChange.Failed.class, install(home));

        assertTrue(failed.reason().contains("hard links"), failed.reason());
        assertEquals("keep me\n", read(bashrc));
        assertTrue(Files.isSameFile(bashrc, other));
    }

    /** Root reads any file, so the refusal comes through the store seam, as the JDK reports it to other users. */
    @Test
    void fileThatCannotBeRead_isReportedAsPermissionDenied() throws Exception {
        TempHome home = new TempHome(temp);
        home.write("home/.bashrc", "secret\n");
        RcFileStore denying = new RcFileStore() {
            @Override
            java.util.Optional<byte[]> read(Path target) throws IOException {
                throw new java.nio.file.AccessDeniedException(target.toString());
            }
        };

        ShellChange change = home.port(denying).writeBlock(ShellKind.BASH, telemetry(4317), false).getFirst();
        var status = home.port(denying).inspect(ShellKind.BASH).getFirst();

        String expected = home.home.resolve(".bashrc") + ": permission denied; the file was left unchanged";
        assertEquals(expected, assertInstanceOf(ShellChange.Failed.class, change).reason());
        assertEquals(expected, status.detail());
        assertEquals("secret\n", read(home.home.resolve(".bashrc")));
    }

    @Test
    void folderWhereTheFileShouldBe_isReportedAsUnreadable() throws Exception {
        TempHome home = new TempHome(temp);
        Files.createDirectories(home.home.resolve(".bashrc"));

        assertInstanceOf(ShellChange.Failed.class, install(home));
        assertEquals(dev.ccotel.ports.model.ShellFileStatus.State.UNREADABLE,
                home.port().inspect(ShellKind.BASH).getFirst().state());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a\n# >>> ccotel >>>\nexport X=1\n",
        "# <<< ccotel <<<\nb\n",
        "# <<< ccotel <<<\n# >>> ccotel >>>\n"})
    void markerWithoutItsPartner_isReportedWithItsLine_andTheFileIsUntouched(String text) throws Exception {
        TempHome home = new TempHome(temp);
        Path bashrc = home.write("home/.bashrc", text);

        ShellChange.Failed install = assertInstanceOf(ShellChange.Failed.class, install(home));
        assertInstanceOf(ShellChange.Failed.class, uninstall(home));

        assertTrue(install.reason().contains("line"), install.reason());
        assertEquals(text, read(bashrc));
        assertEquals(List.of("", "home", "home/.bashrc"), home.tree());
    }

    @Test
    void dryRun_showsTheDiff_andWritesNothing() throws Exception {
        TempHome home = new TempHome(temp).with("XDG_CONFIG_HOME", temp.resolve("xdg").toString());
        Path bashrc = home.write("home/.bashrc", "alias g=git");
        List<String> before = home.tree();

        ShellChange bash = home.port().writeBlock(ShellKind.BASH, telemetry(4317), true).getFirst();
        ShellChange fish = home.port().writeBlock(ShellKind.FISH, telemetry(4317), true).getFirst();

        String diff = assertInstanceOf(ShellChange.Changed.class, bash).diff();
        assertTrue(diff.contains("-alias g=git\n\\ No newline at end of file\n+alias g=git\n+" + BLOCK_START), diff);
        assertEquals(ShellChange.Edit.CREATED_FILE, assertInstanceOf(ShellChange.Changed.class, fish).edit());
        assertEquals("alias g=git", read(bashrc));
        assertEquals(before, home.tree(), "no file, folder or lock file was created");
    }

    @Test
    void secondInstall_changesNothing_andAnOldPortIsReplaced() throws IOException {
        TempHome home = new TempHome(temp);
        home.write("home/.bashrc", "a\n");
        home.port().writeBlock(ShellKind.BASH, telemetry(4000), false);

        ShellChange replaced = install(home);
        ShellChange again = install(home);

        assertEquals(ShellChange.Edit.REPLACED_BLOCK, assertInstanceOf(ShellChange.Changed.class, replaced).edit());
        assertInstanceOf(ShellChange.Unchanged.class, again);
        assertTrue(read(home.home.resolve(".bashrc")).contains("http://127.0.0.1:4317"));
        assertEquals(home.treeWithLockOf(home.home.resolve(".bashrc"), "", "home", "home/.bashrc"), home.tree(),
                "no temporary file is left; the empty lock file stays in ccotel's state folder (see FileLocks)");
    }

    @Test
    void lockFile_livesInXdgStateHome_neverAmongTheDotfiles() throws Exception {
        TempHome home = new TempHome(temp).with("XDG_STATE_HOME", temp.resolve("state").toString());
        Path bashrc = home.write("home/.bashrc", "keep me\n");

        assertInstanceOf(ShellChange.Changed.class, install(home));
        assertInstanceOf(ShellChange.Changed.class, uninstall(home));

        assertEquals("keep me\n", read(bashrc));
        try (var files = Files.list(home.home)) {
            assertEquals(List.of(bashrc), files.toList(), "the home folder holds only what was there");
        }
        Path lock = new FileLocks(new ShellLocations(home.environment())).lockFileOf(bashrc);
        assertTrue(lock.startsWith(temp.resolve("state").resolve("ccotel").resolve("locks")), lock.toString());
        assertTrue(lock.getFileName().toString().endsWith("-.bashrc.lock"), lock.toString());
        assertTrue(Files.isRegularFile(lock), lock.toString());
        assertEquals("rwx------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(lock.getParent())));
    }
}
