package dev.tribune.shared;

import java.nio.file.Path;

/** A stand-in service process for {@link EmbeddedDatabaseTest}: starts the embedded database and waits to be killed. */
class EmbeddedDatabaseHolder {

    static final String READY = "embedded database ready";

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase.start(Path.of(args[0]));
        System.out.println(READY);
        System.out.flush();
        Thread.currentThread().join();
    }
}
