package dev.ccotel.domain;

/**
 * Who and where a session runs. Claude Code puts the per-session ids on every record and data point
 * (not on the resource), and the OS/version facts on the resource; both are read, record first.
 */
record SessionIdentity(
        String appVersion,
        String organizationId,
        String userAccountUuid,
        String userId,
        String terminalType,
        String serviceVersion,
        String osType,
        String osVersion,
        String hostArch) {

    static final SessionIdentity EMPTY = new SessionIdentity("", "", "", "", "", "", "", "", "");

    static SessionIdentity read(Attrs record, Attrs resource) {
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

    /** Newer facts win where they are known; an absent one never erases a known one. */
    SessionIdentity updatedBy(SessionIdentity newer) {
        if (newer.equals(this) || newer.equals(EMPTY)) {
            return this;
        }
        return new SessionIdentity(
                pick(newer.appVersion, appVersion),
                pick(newer.organizationId, organizationId),
                pick(newer.userAccountUuid, userAccountUuid),
                pick(newer.userId, userId),
                pick(newer.terminalType, terminalType),
                pick(newer.serviceVersion, serviceVersion),
                pick(newer.osType, osType),
                pick(newer.osVersion, osVersion),
                pick(newer.hostArch, hostArch));
    }

    private static String either(Attrs first, Attrs second, String key) {
        String s = first.string(key);
        return Limits.cut(s.isEmpty() ? second.string(key) : s);
    }

    private static String pick(String newer, String older) {
        return newer.isEmpty() ? older : newer;
    }
}
