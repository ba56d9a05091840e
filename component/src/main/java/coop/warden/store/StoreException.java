// A policy store that cannot be opened, read or written; the message names the file and the fix.
package coop.warden.store;

import java.nio.file.Path;

/** Raised at startup for an unusable store file, and at run time when a write fails. */
public final class StoreException extends RuntimeException {
    private final Path path;

    public StoreException(Path path, String message, Throwable cause) {
        super(path + ": " + message, cause);
        this.path = path;
    }

    public StoreException(Path path, String message) {
        this(path, message, null);
    }

    public Path path() {
        return path;
    }
}
