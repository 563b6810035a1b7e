package dev.ccotel.domain.source.claudecode;

import dev.ccotel.domain.Limits;
import dev.ccotel.domain.model.SessionIdentity;

/** Reads a {@link SessionIdentity} from a record's and its resource's attributes. */
final class IdentityReader {
    private IdentityReader() {}

    /** Per-session ids are read record first, OS/version facts resource first (where Claude Code puts them). */
    static SessionIdentity read(AttributeMap record, AttributeMap resource) {
        String serviceVersion = either(resource, record, "service.version");
        String appVersion = either(record, resource, "app.version");
        return new SessionIdentity(
                appVersion.isEmpty() ? serviceVersion : appVersion,
                either(record, resource, "organization.id"),
                either(record, resource, "user.account_uuid"),
                either(record, resource, "user.id"),
                either(record, resource, "terminal.type"),
                serviceVersion,
                either(resource, record, "os.type"),
                either(resource, record, "os.version"),
                either(resource, record, "host.arch"));
    }

    private static String either(AttributeMap first, AttributeMap second, String key) {
        String s = first.string(key);
        return Limits.cut(s.isEmpty() ? second.string(key) : s);
    }
}
