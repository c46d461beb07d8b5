package org.mengkeju.gateway.clients;

/** A registered client works until it is revoked; a revoked client stays on record, and its id stays taken. */
public enum ClientStatus {
    ACTIVE,
    REVOKED
}
