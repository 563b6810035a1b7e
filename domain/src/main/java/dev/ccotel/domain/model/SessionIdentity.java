package dev.ccotel.domain.model;

import java.util.Objects;

/**
 * Who and where a session runs. Empty strings stand for attributes the export did not carry.
 * Claude Code puts the per-session ids on every record and data point (not on the resource), and
 * the OS/version facts on the resource; the mapper reads both, record first.
 */
public record SessionIdentity(
        String appVersion,
        String organizationId,
        String userAccountUuid,
        String userId,
        String terminalType,
        String serviceVersion,
        String osType,
        String osVersion,
        String hostArch) {

    public static final SessionIdentity EMPTY = new SessionIdentity("", "", "", "", "", "", "", "", "");

    public SessionIdentity {
        Objects.requireNonNull(appVersion, "appVersion");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(userAccountUuid, "userAccountUuid");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(terminalType, "terminalType");
        Objects.requireNonNull(serviceVersion, "serviceVersion");
        Objects.requireNonNull(osType, "osType");
        Objects.requireNonNull(osVersion, "osVersion");
        Objects.requireNonNull(hostArch, "hostArch");
    }

    /** Newer facts win where they are known; an absent one never erases a known one. */
    public SessionIdentity updatedBy(SessionIdentity newer) {
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

    private static String pick(String newer, String older) {
        return newer.isEmpty() ? older : newer;
    }
}
