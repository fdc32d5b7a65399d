package dev.tribune.events;

import java.util.function.Consumer;

/**
 * Carries signals to the instance holding the recipient's socket. Unlike room events they are not logged: a signal
 * lost while an instance's listening connection was down costs an ICE restart in the browser, nothing more.
 */
interface SignalBus {

    void send(Signal signal);

    /** True when the signal is too large for the doorbell and is carried through the database instead. */
    boolean isLarge(Signal signal);

    /** Called, on any thread, for each signal any instance sent. */
    void onSignal(Consumer<Signal> listener);
}
