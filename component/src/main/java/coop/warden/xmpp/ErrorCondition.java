// Stanza error conditions Warden uses, mapped to their wire names and default types (RFC 6120 §8.3).
package coop.warden.xmpp;

import org.xmpp.packet.PacketError;

/** Stanza error conditions with the error type Warden sends for each. */
public enum ErrorCondition {
    BAD_REQUEST(PacketError.Condition.bad_request, PacketError.Type.modify),
    FORBIDDEN(PacketError.Condition.forbidden, PacketError.Type.cancel),
    ITEM_NOT_FOUND(PacketError.Condition.item_not_found, PacketError.Type.cancel),
    NOT_ACCEPTABLE(PacketError.Condition.not_acceptable, PacketError.Type.modify),
    NOT_ALLOWED(PacketError.Condition.not_allowed, PacketError.Type.cancel),
    NOT_ALLOWED_WAIT(PacketError.Condition.not_allowed, PacketError.Type.wait),
    FEATURE_NOT_IMPLEMENTED(PacketError.Condition.feature_not_implemented, PacketError.Type.cancel),
    SERVICE_UNAVAILABLE(PacketError.Condition.service_unavailable, PacketError.Type.cancel),
    SERVICE_UNAVAILABLE_WAIT(PacketError.Condition.service_unavailable, PacketError.Type.wait),
    RESOURCE_CONSTRAINT(PacketError.Condition.resource_constraint, PacketError.Type.wait),
    INTERNAL_SERVER_ERROR(PacketError.Condition.internal_server_error, PacketError.Type.cancel),
    CONFLICT(PacketError.Condition.conflict, PacketError.Type.cancel);

    private final PacketError.Condition condition;
    private final PacketError.Type type;

    ErrorCondition(PacketError.Condition condition, PacketError.Type type) {
        this.condition = condition;
        this.type = type;
    }

    public PacketError.Condition condition() {
        return condition;
    }

    public PacketError.Type type() {
        return type;
    }

    /** The wire name, e.g. {@code service-unavailable}. */
    public String wireName() {
        return condition.toXMPP();
    }
}
