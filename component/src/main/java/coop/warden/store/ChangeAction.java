// Names of the change-log actions, as stored; issues that add settings add names here.
package coop.warden.store;

/** Action names written to the change log's {@code action} column. */
public final class ChangeAction {
    public static final String SET_ROOM_CAP = "set-room-cap";
    public static final String CLEAR_ROOM_CAP = "clear-room-cap";
    public static final String SET_DEFAULT_CAP = "set-default-cap";
    public static final String CLEAR_DEFAULT_CAP = "clear-default-cap";
    public static final String SET_ROOM_RULES = "set-room-rules";
    public static final String CLEAR_ROOM_RULES = "clear-room-rules";
    public static final String SET_DEFAULT_RULES = "set-default-rules";
    public static final String CLEAR_DEFAULT_RULES = "clear-default-rules";
    public static final String SET_ROOM_MODERATORS = "set-room-moderators";

    private ChangeAction() {}
}
