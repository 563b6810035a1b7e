package dev.ccotel.adapter.shellenv.claudesettings;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random settings.json texts from one seed: the user's keys and ccotel's (an env with or without telemetry
 * variables, other SessionStart hooks, someone else's statusLine), laid out with two or four spaces, tabs, on
 * one line or mixed, LF or CRLF, with or without a final line break, odd spacing around colons, empty containers
 * holding nothing, a space or a line break, escapes and non-ASCII text.
 */
final class SettingsContentGenerator {

    private final SplittableRandom random;
    private final String newline;
    private final String unit;
    private final String colon;
    private final String comma;
    private final boolean oneLine;

    private SettingsContentGenerator(long seed) {
        random = new SplittableRandom(seed);
        newline = random.nextInt(4) == 0 ? "\r\n" : "\n";
        unit = pick("  ", "    ", "\t", " ");
        colon = pick(": ", ":", " : ", ":  ");
        comma = pick(", ", ",");
        oneLine = random.nextInt(4) == 0;
    }

    static String generate(long seed) {
        SettingsContentGenerator g = new SettingsContentGenerator(seed);
        String text = g.object(g.topMembers(), "", g.oneLine);
        String bom = g.random.nextInt(20) == 0 ? "\uFEFF" : "";
        String leading = g.pick("", "", "", " ", g.newline);
        return bom + leading + text + g.pick(g.newline, g.newline, "", " " + g.newline, g.newline + g.newline);
    }

    private List<String[]> topMembers() {
        List<String[]> members = new ArrayList<>();
        for (String key : shuffled(List.of("theme", "model", "env", "hooks", "statusLine", "permissions",
                "includeCoAuthoredBy", "cleanupPeriodDays", "\u00e9t\u00e9"))) {
            if (random.nextInt(3) > 0) {
                members.add(new String[] {key, null});
            }
        }
        return members;
    }

    private String value(String key, String indent, boolean inline) {
        return switch (key) {
            case "theme" -> pick("\"dark\"", "\"light\"", "\"\\u0064ark\"", "\"d\\\"a\\\\rk\"");
            case "model" -> pick("\"opus\"", "\"claude-sonnet-4-5\"", "null");
            case "includeCoAuthoredBy" -> pick("true", "false");
            case "cleanupPeriodDays" -> pick("30", "-1", "1.5e3", "0");
            case "\u00e9t\u00e9" -> "\"\u2603 \uD83D\uDE00\"";
            case "env" -> object(envMembers(), indent, inline || random.nextInt(5) == 0);
            case "permissions" -> object(List.<String[]>of(new String[] {"allow", array(List.of("\"Bash(ls:*)\"",
                    "\"Read\""), indent + unit, inline)}), indent, inline);
            case "hooks" -> object(hookMembers(indent + unit, inline), indent, inline);
            case "statusLine" -> object(List.of(new String[] {"type", "\"command\""},
                    new String[] {"command", pick("\"~/bin/line.sh\"", "\"printf '%s' \\\"$PWD\\\"\"", "\"echo \u00e9\"")},
                    new String[] {"padding", "0"}).subList(0, 2 + random.nextInt(2)), indent, inline);
            default -> throw new IllegalArgumentException(key);
        };
    }

    private List<String[]> envMembers() {
        List<String[]> members = new ArrayList<>();
        for (String name : shuffled(List.of("FOO", "CLAUDE_CODE_ENABLE_TELEMETRY", "OTEL_EXPORTER_OTLP_ENDPOINT",
                "OTEL_LOG_USER_PROMPTS", "OTEL_METRICS_EXPORTER"))) {
            if (random.nextInt(3) == 0) {
                members.add(new String[] {name, pick("\"1\"", "\"otlp\"", "\"http://127.0.0.1:4317\"", "\"x\"", "1")});
            }
        }
        return members;
    }

    private List<String[]> hookMembers(String indent, boolean inline) {
        List<String[]> members = new ArrayList<>();
        if (random.nextBoolean()) {
            List<String> groups = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                String hook = object(List.of(new String[] {"type", "\"command\""},
                        new String[] {"command", "\"echo " + i + "\""}), indent + unit + unit + unit, inline);
                groups.add(object(List.<String[]>of(new String[] {"hooks",
                        array(List.of(hook), indent + unit + unit, inline)}), indent + unit, inline));
            }
            members.add(new String[] {"SessionStart", array(groups, indent, inline)});
        }
        if (random.nextBoolean()) {
            members.add(new String[] {"Stop", array(List.of(), indent, inline)});
        }
        return members;
    }

    /** Members given as {key, value-or-null}; a null value is generated at the member's depth. */
    private String object(List<String[]> members, String indent, boolean inline) {
        if (members.isEmpty()) {
            return "{" + pick("", "", " ", newline + indent) + "}";
        }
        List<String> parts = new ArrayList<>();
        for (String[] member : members) {
            String v = member[1] != null ? member[1] : value(member[0], indent + unit, inline);
            parts.add(JsonStyle.quote(member[0]) + colon + v);
        }
        return wrap("{", parts, "}", indent, inline);
    }

    private String array(List<String> items, String indent, boolean inline) {
        if (items.isEmpty()) {
            return "[" + pick("", " ", newline + indent) + "]";
        }
        return wrap("[", items, "]", indent, inline);
    }

    private String wrap(String open, List<String> parts, String close, String indent, boolean inline) {
        if (inline) {
            return open + String.join(comma, parts) + close;
        }
        String inner = newline + indent + unit;
        return open + inner + String.join("," + inner, parts) + newline + indent + close;
    }

    private List<String> shuffled(List<String> items) {
        List<String> copy = new ArrayList<>(items);
        for (int i = copy.size() - 1; i > 0; i--) {
            java.util.Collections.swap(copy, i, random.nextInt(i + 1));
        }
        return copy;
    }

    @SafeVarargs
    private <T> T pick(T... items) {
        return items[random.nextInt(items.length)];
    }
}
