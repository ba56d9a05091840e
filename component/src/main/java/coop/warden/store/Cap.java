// How many people a room may hold: a number of seats, or no limit at all.
package coop.warden.store;

import java.util.Locale;
import java.util.OptionalInt;

/** A room-size cap. Services that are not people (focus, recorders) never count toward it. */
public sealed interface Cap permits Cap.Seats, Cap.Unlimited {

    /** The largest cap Warden accepts; anything above is a typo, not a meeting. */
    int MAX_SEATS = 100_000;

    /** The wire and storage form of {@link #unlimited()}. */
    String NONE = "none";

    static Cap seats(int seats) {
        return new Seats(seats);
    }

    static Cap unlimited() {
        return Unlimited.INSTANCE;
    }

    /**
     * Parses an admin's input: a whole number from 0 to {@link #MAX_SEATS}, or {@code none}.
     *
     * @throws IllegalArgumentException with a message meant for the admin
     */
    static Cap parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("Give a cap: a whole number of people, or “none”.");
        }
        if (t.toLowerCase(Locale.ROOT).equals(NONE)) {
            return unlimited();
        }
        if (!t.matches("[+-]?[0-9]+")) {
            throw new IllegalArgumentException("“" + t + "” is not a cap: give a whole number of people"
                    + " from 0 to " + MAX_SEATS + ", or “none”.");
        }
        if (t.startsWith("-")) {
            throw new IllegalArgumentException("A cap cannot be negative (“" + t + "”).");
        }
        String digits = t.replaceFirst("^\\+", "").replaceFirst("^0+(?=.)", "");
        if (digits.length() > 6 || Integer.parseInt(digits) > MAX_SEATS) {
            throw new IllegalArgumentException("A cap of " + t + " is too large: at most " + MAX_SEATS + ".");
        }
        return seats(Integer.parseInt(digits));
    }

    /** The seat count, or empty for no cap. */
    OptionalInt limit();

    /** Whether a room already holding {@code count} counted people may take one more. */
    boolean admitsOneMore(int count);

    /** {@code "20"} or {@code "none"}: the storage form, also shown to admins. */
    String wire();

    /** At most {@code seats} counted people. */
    record Seats(int seats) implements Cap {
        public Seats {
            if (seats < 0 || seats > MAX_SEATS) {
                throw new IllegalArgumentException("cap out of range 0.." + MAX_SEATS + ": " + seats);
            }
        }

        @Override
        public OptionalInt limit() {
            return OptionalInt.of(seats);
        }

        @Override
        public boolean admitsOneMore(int count) {
            return count < seats;
        }

        @Override
        public String wire() {
            return Integer.toString(seats);
        }
    }

    /** No limit. */
    enum Unlimited implements Cap {
        INSTANCE;

        @Override
        public OptionalInt limit() {
            return OptionalInt.empty();
        }

        @Override
        public boolean admitsOneMore(int count) {
            return true;
        }

        @Override
        public String wire() {
            return NONE;
        }
    }
}
