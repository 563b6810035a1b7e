package dev.ccotel.ports.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The commands Claude Code runs for ccotel: {@code '<launcher>' statusline}, its chained form
 * {@code '<launcher>' statusline --chain '<the user's command>'}, and {@code '<launcher>' hook}. Claude Code hands
 * them to {@code sh -c}, so the launcher's path and the chained command are POSIX single-quoted.
 *
 * @param launcher the absolute path of the installed {@code bin/ccotel}
 */
public record CcotelCommands(String launcher) {

    private static final String STATUSLINE = "statusline";
    private static final String HOOK = "hook";
    private static final String CHAIN = " --chain ";

    public CcotelCommands {
        Objects.requireNonNull(launcher, "launcher");
        if (!launcher.startsWith("/")) {
            throw new IllegalArgumentException("the launcher's path must be absolute: " + launcher);
        }
    }

    public String statusline() {
        return quote(launcher) + " " + STATUSLINE;
    }

    public String chained(String original) {
        return statusline() + CHAIN + quote(original);
    }

    public String hook() {
        return quote(launcher) + " " + HOOK;
    }

    /** {@code 'text'}, with each {@code '} written as {@code '\''}. */
    public static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** Whether {@code command} is ccotel's statusline, plain or chained, whatever launcher it names. */
    public static boolean isStatusline(String command) {
        return rest(command, STATUSLINE).filter(rest -> rest.isEmpty() || chainArgument(rest).isPresent()).isPresent();
    }

    /** The user's command that a chained ccotel statusline runs; empty for any other command. */
    public static Optional<String> chainedOriginal(String command) {
        return rest(command, STATUSLINE).flatMap(CcotelCommands::chainArgument);
    }

    public static boolean isHook(String command) {
        return rest(command, HOOK).filter(String::isEmpty).isPresent();
    }

    /** The launcher named by one of ccotel's commands. */
    public static Optional<String> launcherOf(String command) {
        return firstWord(command).map(Word::text).filter(CcotelCommands::isLauncher);
    }

    private static Optional<String> chainArgument(String rest) {
        if (!rest.startsWith(CHAIN)) {
            return Optional.empty();
        }
        return firstWord(rest.substring(CHAIN.length()))
                .filter(word -> word.end() == rest.length() - CHAIN.length()).map(Word::text);
    }

    /** What follows {@code '<.../ccotel>' <sub>}, or empty when the command does not start so. */
    private static Optional<String> rest(String command, String sub) {
        Optional<Word> first = firstWord(command).filter(word -> isLauncher(word.text()));
        if (first.isEmpty() || !command.startsWith(" " + sub, first.get().end())) {
            return Optional.empty();
        }
        String rest = command.substring(first.get().end() + 1 + sub.length());
        return rest.isEmpty() || rest.startsWith(" ") ? Optional.of(rest) : Optional.empty();
    }

    private static boolean isLauncher(String path) {
        return path.startsWith("/") && path.endsWith("/ccotel");
    }

    private record Word(String text, int end) {}

    /** A leading word made only of single-quoted parts and {@code \'} (what {@link #quote} writes). */
    private static Optional<Word> firstWord(String command) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < command.length() && command.charAt(i) != ' ') {
            if (command.startsWith("\\'", i)) {
                text.append('\'');
                i += 2;
            } else if (command.charAt(i) == '\'') {
                int close = command.indexOf('\'', i + 1);
                if (close < 0) {
                    return Optional.empty();
                }
                text.append(command, i + 1, close);
                i = close + 1;
            } else {
                return Optional.empty();
            }
        }
        return i == 0 ? Optional.empty() : Optional.of(new Word(text.toString(), i));
    }
}
