package org.mengkeju.gateway.apikey;

import java.util.Optional;

import org.mengkeju.platform.identity.Role;

/**
 * What a client is at the gateway: one of the platform's roles, which the services see in the signed identity,
 * or {@link #ADMIN}, which exists at the gateway only. An administrator manages the gateway's clients and calls no
 * service, so the services never meet a role they have no rule for.
 */
public enum ClientRole {
    PARTNER(Role.PARTNER),
    SUB_CENTER(Role.SUB_CENTER),
    FINANCE_INSTITUTION(Role.FINANCE_INSTITUTION),
    BROKER(Role.BROKER),
    OPERATOR(Role.OPERATOR),
    /** Registers clients, issues, rotates and revokes their keys (客户端管理员); reaches no service. */
    ADMIN(null);

    private final Role platformRole;

    ClientRole(Role platformRole) {
        this.platformRole = platformRole;
    }

    /** The role the services are told, or empty for a role that stays at the gateway. */
    public Optional<Role> platformRole() {
        return Optional.ofNullable(platformRole);
    }
}
