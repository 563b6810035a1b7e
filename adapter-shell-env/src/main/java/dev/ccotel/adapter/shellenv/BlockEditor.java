package dev.ccotel.adapter.shellenv;

import dev.ccotel.adapter.shellenv.ManagedBlock.Broken;
import dev.ccotel.adapter.shellenv.ManagedBlock.Found;
import dev.ccotel.adapter.shellenv.ManagedBlock.None;
import dev.ccotel.adapter.shellenv.ManagedBlock.Scan;
import dev.ccotel.ports.model.ShellChange.Edit;
import java.util.List;
import java.util.Optional;

/**
 * Plans the edit of one rc file's text (ISO-8859-1, see {@link ManagedBlock}). Pure: no file access.
 *
 * <p>The encoding keeps uninstall the exact inverse of install: the block is appended after a final line break;
 * when the file had none, install adds one <em>before</em> the block and ends the block without one. A block
 * at the very end with no terminator therefore says "the line break before me is mine", and removal takes it.
 *
 * <p>The block's lines, and the line break install adds, are always {@code \n}, whatever the file uses: bash,
 * zsh and fish end a line only at LF, so in a CRLF file (edited on Windows, checked out with autocrlf) a CRLF
 * block would hand Claude Code {@code OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4317\r}.
 */
final class BlockEditor {

    private BlockEditor() {}

    static FilePlan planInstall(Optional<String> current, List<String> blockLines) {
        if (current.isEmpty()) {
            return new FilePlan.Write(render(blockLines) + "\n", Edit.CREATED_FILE);
        }
        String text = current.get();
        return switch (ManagedBlock.scan(text)) {
            case Broken broken -> new FilePlan.Refuse(broken.reason());
            case Found found -> {
                // LF even where an earlier version wrote the block with the file's CRLF: that block is replaced.
                String block = render(blockLines);
                if (text.substring(found.start(), found.end()).equals(block)) {
                    yield new FilePlan.Keep("the ccotel block is up to date");
                }
                yield new FilePlan.Write(text.substring(0, found.start()) + block + text.substring(found.end()),
                        Edit.REPLACED_BLOCK);
            }
            case None none -> new FilePlan.Write(append(text, blockLines), Edit.ADDED_BLOCK);
        };
    }

    static FilePlan planRemove(Optional<String> current, boolean deleteWhenEmpty) {
        if (current.isEmpty()) {
            return new FilePlan.Keep("the file does not exist");
        }
        String text = current.get();
        Scan scan = ManagedBlock.scan(text);
        return switch (scan) {
            case Broken broken -> new FilePlan.Refuse(broken.reason());
            case None none -> new FilePlan.Keep("no ccotel block");
            case Found found -> {
                String after = remove(text, found);
                yield after.isEmpty() && deleteWhenEmpty
                        ? new FilePlan.Delete()
                        : new FilePlan.Write(after, Edit.REMOVED_BLOCK);
            }
        };
    }

    private static String append(String text, List<String> blockLines) {
        String block = render(blockLines);
        if (text.isEmpty()) {
            return block + "\n";
        }
        return text.endsWith("\n") ? text + block + "\n" : text + "\n" + block;
    }

    private static String remove(String text, Found found) {
        int end = found.end();
        if (text.startsWith("\r\n", end)) {
            return text.substring(0, found.start()) + text.substring(end + 2);
        }
        if (text.startsWith("\n", end)) {
            return text.substring(0, found.start()) + text.substring(end + 1);
        }
        // The block ends the file without a line break: the break before it was added by install.
        int start = found.start();
        if (start >= found.newline().length() && text.startsWith(found.newline(), start - found.newline().length())) {
            start -= found.newline().length();
        } else if (start > 0 && text.charAt(start - 1) == '\n') {
            start -= 1;
        }
        return text.substring(0, start);
    }

    private static String render(List<String> lines) {
        return String.join("\n", lines);
    }
}
