package dev.ccotel.ports.service.statusline;

import dev.ccotel.ports.in.StatuslineLook;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The statusline's layout ({@code statusline.format}): text with placeholders such as {@code {session}}.
 * A placeholder with nothing to show disappears with the text before it; when the line is wider than the
 * terminal, whole parts are left out, least wanted first ({@link Part#ordinal()} order, last dropped
 * first), and what still does not fit is cut with an ellipsis.
 */
public final class StatuslineFormat {
    /** The line when {@code statusline.format} is not set. */
    public static final String DEFAULT = "{session} · {today} · {month} · {limits} · {model}";

    /** What a placeholder shows, in the order kept when the line is too wide: the first is left out last. */
    public enum Part {
        /** This session's cost, with its budget. */
        SESSION,
        /** The 5-hour and 7-day limit use, with the time each starts anew. */
        LIMITS,
        /** Today's cost, with the daily budget. */
        TODAY,
        /** This month's cost against the monthly budget, and the forecast. Only with a monthly budget. */
        MONTH,
        /** The folder's branch. */
        BRANCH,
        /** The project folder's name. */
        PROJECT,
        /** The model's name. */
        MODEL;

        String placeholder() {
            return "{" + name().toLowerCase(Locale.ROOT) + "}";
        }
    }

    /** How a piece of the line is coloured. */
    public enum Tone {
        PLAIN(""), DIM("\u001b[2m"), GOOD("\u001b[32m"), WARN("\u001b[33m"), BAD("\u001b[31m");

        private final String ansi;

        Tone(String ansi) {
            this.ansi = ansi;
        }
    }

    /** A piece of text in one tone. */
    public record Piece(String text, Tone tone) {
        public Piece {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(tone, "tone");
        }
    }

    private final String source;
    private final List<String> literals; // literals.get(i) precedes parts.get(i); one more at the end
    private final List<Part> parts;

    private StatuslineFormat(String source, List<String> literals, List<Part> parts) {
        this.source = source;
        this.literals = List.copyOf(literals);
        this.parts = List.copyOf(parts);
    }

    /** Two formats are equal when written alike. */
    @Override
    public boolean equals(Object o) {
        return o instanceof StatuslineFormat f && f.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    /** The format as written. */
    @Override
    public String toString() {
        return source;
    }

    /**
     * @throws IllegalArgumentException naming the placeholder that is not known, and those that are
     */
    public static StatuslineFormat parse(String format) {
        List<String> literals = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            int close = c == '{' ? format.indexOf('}', i) : -1;
            if (close < 0) {
                literal.append(c);
                i++;
                continue;
            }
            String name = format.substring(i, close + 1);
            Part part = Arrays.stream(Part.values()).filter(p -> p.placeholder().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("statusline.format: unknown placeholder " + name
                            + " (known: " + Arrays.stream(Part.values()).map(Part::placeholder)
                            .collect(Collectors.joining(" ")) + ")"));
            literals.add(literal.toString());
            literal.setLength(0);
            parts.add(part);
            i = close + 1;
        }
        literals.add(literal.toString());
        return new StatuslineFormat(format, literals, parts);
    }

    /** The parts this format shows. */
    public List<Part> parts() {
        return parts;
    }

    /** The line: each part's pieces where it has any, fitted into {@code look.columns()}, coloured if wanted. */
    public String render(Map<Part, List<Piece>> values, StatuslineLook look) {
        Map<Part, List<Piece>> shown = new EnumMap<>(Part.class);
        values.forEach((part, pieces) -> {
            if (!pieces.isEmpty()) {
                shown.put(part, pieces);
            }
        });
        List<Piece> line = layout(shown);
        if (look.columns().isPresent()) {
            int columns = look.columns().getAsInt();
            while (width(line) > columns && shown.size() > 1) {
                shown.keySet().stream().max(Enum::compareTo).ifPresent(shown::remove);
                line = layout(shown);
            }
            line = cut(line, columns);
        }
        StringBuilder out = new StringBuilder();
        for (Piece p : line) {
            if (look.colour() && p.tone() != Tone.PLAIN) {
                out.append(p.tone().ansi).append(p.text()).append("\u001b[0m");
            } else {
                out.append(p.text());
            }
        }
        return out.toString();
    }

    private List<Piece> layout(Map<Part, List<Piece>> shown) {
        List<Piece> line = new ArrayList<>();
        line.add(new Piece(literals.get(0), Tone.PLAIN));
        boolean first = true;
        for (int i = 0; i < parts.size(); i++) {
            List<Piece> pieces = shown.get(parts.get(i));
            if (pieces == null) {
                continue;
            }
            if (!first) {
                line.add(new Piece(literals.get(i), Tone.PLAIN));
            }
            line.addAll(pieces);
            first = false;
        }
        line.add(new Piece(literals.get(literals.size() - 1), Tone.PLAIN));
        line.removeIf(p -> p.text().isEmpty());
        return line;
    }

    static int width(List<Piece> line) {
        return line.stream().mapToInt(p -> p.text().codePointCount(0, p.text().length())).sum();
    }

    /** The line cut to {@code columns}, its last character an ellipsis when anything was cut. */
    private static List<Piece> cut(List<Piece> line, int columns) {
        if (width(line) <= columns) {
            return line;
        }
        List<Piece> out = new ArrayList<>();
        int room = Math.max(0, columns - 1);
        for (Piece p : line) {
            int n = p.text().codePointCount(0, p.text().length());
            if (n <= room) {
                out.add(p);
                room -= n;
            } else {
                if (room > 0) {
                    out.add(new Piece(p.text().substring(0, p.text().offsetByCodePoints(0, room)), p.tone()));
                }
                break;
            }
        }
        if (columns > 0) {
            out.add(new Piece("…", Tone.PLAIN));
        }
        return out;
    }
}
