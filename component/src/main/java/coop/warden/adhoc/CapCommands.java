// The room-cap admin commands, ready to hand to the AdhocHandler.
package coop.warden.adhoc;

import coop.warden.rooms.RoomAdmin;
import java.util.List;

/** Factory for the cap commands, in the order clients list them. */
public final class CapCommands {
    private CapCommands() {}

    public static List<AdhocCommand> all(RoomAdmin admin) {
        return List.of(
                new SetRoomCapCommand(admin),
                new ClearRoomCapCommand(admin),
                new ShowRoomCommand(admin),
                new ListRoomsCommand(admin),
                new SetDefaultCapCommand(admin),
                new ShowChangesCommand(admin));
    }
}
