// A moderator's request to open breakout rooms: how many (numbered) or which names, and an optional duration.
package coop.warden.breakout;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Either {@code count} numbered rooms ("Breakout room 1", ...) or one room per name. */
record OpenRequest(int count, List<String> names, Optional<Duration> duration) {
    OpenRequest {
        names = List.copyOf(names);
        Objects.requireNonNull(duration, "duration");
    }

    /**
     * Checks the parts a requester typed; {@code maxRooms} bounds the count.
     *
     * @throws BreakoutException when neither or both of count and names are given, or either is out of bounds
     */
    static OpenRequest of(Optional<Integer> count, List<String> names, Optional<Duration> duration, int maxRooms) {
        if (count.isPresent() == !names.isEmpty()) {
            throw BreakoutException.bad("Give either a number of rooms or their names (one per line), not "
                    + (count.isPresent() ? "both." : "neither."));
        }
        if (count.isPresent() && (count.get() < 1 || count.get() > maxRooms)) {
            throw BreakoutException.notAcceptable("Too many breakout rooms: open 1 to " + maxRooms + " rooms, not "
                    + count.get() + ".");
        }
        if (names.size() > maxRooms) {
            throw BreakoutException.notAcceptable("Too many breakout rooms: at most " + maxRooms + " names, not "
                    + names.size() + ".");
        }
        return new OpenRequest(count.orElse(0), names.stream().map(Names::check).toList(), duration);
    }
}
