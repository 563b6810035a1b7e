package dev.ccotel.adapter.shellenv.claudesettings;

import dev.ccotel.ports.model.CcotelCommands;
import dev.ccotel.ports.model.ClaudeSettingsStatus.StatusLine;
import dev.ccotel.ports.model.TelemetryEnv;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a settings text holds of ccotel's: the telemetry variables in {@code env} (those named
 * {@code CLAUDE_CODE_ENABLE_TELEMETRY} or {@code OTEL_*}), the kind of statusLine and whether ccotel's
 * SessionStart hook is there.
 *
 * @param launcher the launcher named by ccotel's statusLine, else by its hook
 */
public record SettingsInspection(TelemetryEnv env, StatusLine statusLine, boolean hook, Optional<String> launcher) {

    public static SettingsInspection of(String text) throws JsonTree.InvalidJson {
        JsonTree.Obj root = text.isBlank() ? JsonTree.parseObject("{}") : JsonTree.parseObject(text);
        List<TelemetryEnv.Variable> variables = new ArrayList<>();
        if (root.member("env").map(JsonTree.Member::value).orElse(null) instanceof JsonTree.Obj env) {
            for (JsonTree.Member member : env.members()) {
                boolean telemetry = member.key().equals("CLAUDE_CODE_ENABLE_TELEMETRY") || member.key().startsWith("OTEL_");
                if (telemetry && member.value() instanceof JsonTree.Scalar s && s.isString()) {
                    try {
                        variables.add(new TelemetryEnv.Variable(member.key(), s.text()));
                    } catch (IllegalArgumentException notOurs) {
                        // not printable ASCII: not a value ccotel writes, and not one to compare
                    }
                }
            }
        }
        Optional<String> command = root.member("statusLine").flatMap(m -> SettingsText.command(m.value()))
                .map(JsonTree.Scalar::text);
        StatusLine statusLine = root.member("statusLine").isEmpty() ? StatusLine.NONE
                : command.filter(CcotelCommands::isStatusline).isEmpty() ? StatusLine.OTHER
                : CcotelCommands.chainedOriginal(command.get()).isPresent() ? StatusLine.CHAINED : StatusLine.CCOTEL;
        Optional<JsonTree.Scalar> hook = root.member("hooks").map(JsonTree.Member::value)
                .filter(JsonTree.Obj.class::isInstance).flatMap(h -> ((JsonTree.Obj) h).member("SessionStart"))
                .map(JsonTree.Member::value).filter(JsonTree.Arr.class::isInstance)
                .flatMap(arr -> SettingsText.ccotelHook((JsonTree.Arr) arr));
        Optional<String> launcher = command.filter(CcotelCommands::isStatusline).or(() -> hook.map(JsonTree.Scalar::text))
                .flatMap(CcotelCommands::launcherOf);
        return new SettingsInspection(new TelemetryEnv(variables), statusLine, hook.isPresent(), launcher);
    }
}
