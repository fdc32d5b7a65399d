package dev.tribune.events;

import dev.tribune.accounts.AccountDeleted;
import dev.tribune.accounts.UserDirectory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A suspended or deleted account stops everywhere at once. Moderation orders a suspended account's sockets closed on
 * every instance; a deleted account's are ordered closed here, in the deletion's transaction. Every instance hearing
 * such an order also drops the account from what it remembers as recently active, so its next API request there
 * reads its standing again instead of being trusted for {@code tribune.auth.standing-cache}.
 */
@Component
class StoppedAccounts {

    private final NoticeBus bus;

    StoppedAccounts(NoticeBus bus, UserDirectory accounts) {
        this.bus = bus;
        bus.onCloseSockets(accounts::stoppedElsewhere);
    }

    @EventListener
    void on(AccountDeleted deleted) {
        bus.closeSockets(deleted.userId());
    }
}
